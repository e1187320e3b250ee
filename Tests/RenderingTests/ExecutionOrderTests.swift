import Foundation
import PlanModel
@testable import Rendering
import TestSupport
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The diagram reads left to right in execution order: measured on the
/// SVG's own edge paths, no edge ends left of where it starts.
@Suite("Edges point forward")
struct ExecutionOrderTests {
    /// The edges whose path ends left of its start (by more than a point),
    /// read from the `d` attribute of each edge's `<path>`.
    static func backwardEdges(in data: Data) throws -> (total: Int, backward: [String]) {
        let document = try XMLDocument(data: data, options: [])
        var total = 0
        var backward: [String] = []
        for case let group as XMLElement in try document.nodes(forXPath: "//*[local-name()='g']") {
            let classes = (SVGSummary.attribute(group, "class") ?? "").split(separator: " ")
            guard classes.contains("edge"), let id = SVGSummary.attribute(group, "id"),
                  let path = try group.nodes(forXPath: ".//*[local-name()='path']").first as? XMLElement,
                  let d = SVGSummary.attribute(path, "d") else { continue }
            let points = d.split(whereSeparator: { "MC ".contains($0) }).compactMap { pair -> Double? in
                let parts = pair.split(separator: ",")
                return parts.count == 2 ? Double(parts[0]) : nil
            }
            guard let first = points.first, let last = points.last else { continue }
            total += 1
            if last < first - 1 { backward.append(id) }
        }
        return (total, backward)
    }

    func render(_ plan: Plan) async throws -> Data {
        try await PlanRenderer().render(plan, options: RenderOptions(format: .svg, collapse: .none, projectName: "demo"))
    }

    @Test("The examples' plans")
    func examples() async throws {
        for name in ["drifted", "fresh", "healthchecks"] {
            let text = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/\(name)/plan.txt", encoding: .utf8)
            let plan = try Plan(text: text)
            let result = try Self.backwardEdges(in: try await render(plan))
            #expect(result.total == plan.nodes.reduce(0) { $0 + $1.dependsOn.count }, "\(name)")
            #expect(result.backward.isEmpty, "\(name): \(result.backward)")
        }
    }

    @Test("Hand-written shapes and compose-shaped plans")
    func fixtures() async throws {
        for (name, plan) in PlanFixtures.all + ComposeShapes.allPlans {
            let result = try Self.backwardEdges(in: try await render(plan))
            #expect(result.total > 0 || plan.nodes.allSatisfy(\.dependsOn.isEmpty), "\(name)")
            #expect(result.backward.isEmpty, "\(name): \(result.backward)")
        }
    }

    @Test("Generated plans up to 300 nodes")
    func generated() async throws {
        for count in [20, 60, 120, 200, 300] {
            let plan = GeneratedPlans.plan(nodeCount: count)
            let result = try Self.backwardEdges(in: try await render(plan))
            #expect(result.total > 0)
            #expect(result.backward.isEmpty, "\(count) nodes: \(result.backward.count) of \(result.total) edges point backwards")
        }
    }
}
