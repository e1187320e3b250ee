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

    /// `services` services of 2 replicas each, the second replica replaced
    /// (so that replicas do not fold together).
    static func replicatedPlan(services: Int) throws -> Plan {
        var lines: [String] = []
        var id = 0
        for index in 0..<services {
            lines.append("[] -> #\(id + 1) service:s\(index):1, CreateContainer, no existing container")
            lines.append("[\(id + 1)] -> #\(id + 2) service:s\(index):1, StartContainer, service start")
            lines.append("[] -> #\(id + 3) service:s\(index):2, StopContainer, scale down")
            lines.append("[\(id + 3)] -> #\(id + 4) service:s\(index):2, RemoveContainer, scale down")
            id += 4
        }
        return try Plan(text: lines.joined(separator: "\n"))
    }

    @Test("collapse auto draws an overview, one box per service, when folded replicas would pass the budget; the message then names --focus only")
    func autoFallsBackToServices() async throws {
        // 1,000 services: 4,000 nodes; no two replicas undergo the same
        // operations, so folding replicas leaves 4,000 boxes; by service, 1,000.
        let plan = try Self.replicatedPlan(services: 1_000)
        let replicas = try DiagramGraph(plan: plan, options: RenderOptions(format: .svg, collapse: .replicas))
        #expect(replicas.nodes.count == 4_000)
        let overview = try DiagramGraph(plan: plan, options: RenderOptions(format: .svg))
        #expect(overview.collapse == .services && overview.nodes.count == 1_000)
        // Within the budget, auto folds replicas only (200 services: 800 nodes, past the 300 threshold).
        let small = try DiagramGraph(plan: try Self.replicatedPlan(services: 200), options: RenderOptions(format: .svg))
        #expect(small.collapse == .replicas && small.nodes.count == 800)
        // Over the budget even by service: refused, without suggesting the folding it already has.
        let huge = try Self.plan(services: 3_200)
        let error = await #expect(throws: RenderingError.self) {
            _ = try await PlanRenderer().render(huge, options: RenderOptions(format: .svg))
        }
        #expect(error == .tooLarge(boxes: 3_200, edges: 0, collapse: .services))
        #expect(error?.description.hasSuffix("draw one service and its neighbours with --focus SERVICE") == true)
    }
}
