import Foundation
import PlanModel
import Rendering
import Testing

/// Diagrams too big to lay out are refused at once with a message naming
/// `--focus` and `--collapse`, instead of Graphviz running for minutes.
@Suite("The layout budget")
struct LayoutBudgetTests {
    /// A plan of `services` independent services, each created and started.
    static func plan(services: Int) throws -> Plan {
        var lines: [String] = []
        for index in 0..<services {
            let create = 2 * index + 1
            lines.append("[] -> #\(create) service:s\(index):1, CreateContainer, no existing container")
            lines.append("[\(create)] -> #\(create + 1) service:s\(index):1, StartContainer, service start")
        }
        return try Plan(text: lines.joined(separator: "\n"))
    }

    @Test("Over the budget: refused before any layout, naming --focus and --collapse services; DOT text is still written")
    func refused() async throws {
        let plan = try Self.plan(services: 2_500)
        let start = ContinuousClock.now
        let error = await #expect(throws: RenderingError.self) {
            _ = try await PlanRenderer().render(plan, options: RenderOptions(format: .svg, collapse: .none))
        }
        #expect(error == .tooLarge(boxes: 5_000, edges: 2_500, collapse: .none))
        if let error {
            #expect(error.description == "the diagram would have 5000 boxes and 2500 edges, more than can be laid out and read (at most 3000 boxes and 12000 edges): draw one service and its neighbours with --focus SERVICE, or fold each service into one box with --collapse services")
        }
        #expect(ContinuousClock.now - start < .seconds(10))
        let dot = try await PlanRenderer().render(plan, options: RenderOptions(format: .dot, collapse: .none))
        #expect(String(decoding: dot, as: UTF8.self).hasPrefix("digraph") || String(decoding: dot, as: UTF8.self).contains("digraph"))
    }

    @Test("Folded by service, or focused on one service, the same plan fits the budget; a small focus is drawn")
    func foldedOrFocused() async throws {
        let plan = try Self.plan(services: 2_500)
        let folded = try DiagramGraph(plan: plan, options: RenderOptions(format: .svg, collapse: .services))
        #expect(folded.nodes.count == 2_500 && folded.nodes.count <= LayoutBudget.maximumBoxes)
        let focus = RenderOptions(format: .svg, collapse: .none, focus: "s100")
        #expect(try DiagramGraph(plan: plan, options: focus).nodes.count == 2)
        #expect(String(decoding: try await PlanRenderer().render(plan, options: focus), as: UTF8.self).contains("<svg"))
    }
}
