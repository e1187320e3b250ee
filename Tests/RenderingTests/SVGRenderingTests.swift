import Foundation
import PlanModel
@testable import Rendering
import Testing

@Suite("SVG")
struct SVGRenderingTests {
    let renderer = PlanRenderer()

    func svg(_ plan: Plan, _ options: RenderOptions = RenderOptions(collapse: .none, projectName: "demo")) async throws -> (Data, SVGSummary) {
        var options = options
        options.format = .svg
        let data = try await renderer.render(plan, options: options)
        return (data, try SVGSummary(data))
    }

    @Test("one node-<id> per plan node, one edge per dependency, the expected clusters", arguments: Fixtures.names)
    func structure(name: String) async throws {
        let plan = Fixtures.plan(name)
        let (_, summary) = try await svg(plan)
        #expect(summary.planNodeIDs.sorted() == plan.nodes.map { "node-\($0.id)" }.sorted())
        #expect(Set(summary.planNodeIDs).count == summary.planNodeIDs.count)
        let expectedEdges = plan.nodes.flatMap { node in node.dependsOn.map { "edge-\($0)-\(node.id)" } }
        #expect(summary.edgeIDs.sorted() == expectedEdges.sorted())
        #expect(summary.edgeIDs.count == dependencyCount(plan))
        #expect(Set(summary.clusterIDs) == Fixtures.expectedClusters(plan).union(["cluster-legend"]))
        #expect(summary.nodeIDs.contains { $0.hasPrefix("legend-") })
    }

    @Test func titleHasProjectAndCounts() async throws {
        let plan = PlanFixtures.healthyDependency
        let (_, summary) = try await svg(plan)
        let text = summary.texts.joined(separator: "\n")
        #expect(text.contains("Plan for demo"))
        #expect(text.contains("6 operations: 1 CreateNetwork · 2 CreateContainer · 2 StartContainer · 1 WaitCondition"))
    }

    @Test func labelsAndTooltipsCarryTheDetails() async throws {
        let plan = PlanFixtures.recreate
        let (_, summary) = try await svg(plan)
        #expect(summary.texts.contains("#2 CreateContainer"))
        #expect(summary.texts.contains("config changed (tmpName)"))
        let tooltip = try #require(summary.tooltips["node-5"])
        #expect(tooltip.contains("#5 RenameContainer service:web:1"))
        #expect(tooltip.contains("depends on: #4"))
        #expect(tooltip.contains("needed by: #6"))
        #expect(tooltip.contains("group: recreate:web:1"))
        #expect(tooltip.contains("container created by: #2"))
        #expect(summary.classes["node-2"]?.contains("op-replace") == true)
        #expect(summary.classes["node-1"]?.contains("op-stop") == true)
    }

    @Test func bestEffortAndOptionalAreMarked() async throws {
        let (_, summary) = try await svg(PlanFixtures.renamedNetwork)
        #expect(summary.tooltips["node-1"]?.contains("best-effort: a failure only warns") == true)
        #expect(summary.texts.contains("(best-effort)"))
    }

    @Test("hostile names stay text; environment values never appear")
    func escaping() async throws {
        let plan = PlanFixtures.hostile
        let (data, summary) = try await svg(plan)
        let raw = String(decoding: data, as: UTF8.self)
        #expect(!raw.contains("<script>"))
        #expect(!raw.contains("hunter2"))
        #expect(!raw.contains("&#0;"))
        let text = summary.texts.joined(separator: "\n")
        #expect(text.contains("service:<script>alert(\"x\")</script>:1"))
        #expect(text.contains("network:a&b \"q\" 'x' \\N \\l"))
        #expect(text.contains("&amp; &#0;"))
        #expect(text.contains("not found & <b>bold</b>"))
        #expect(summary.tooltips["node-2"]?.contains("image: nginx:1.27") == true)
        #expect(summary.planNodeIDs.count == 3)
    }

    @Test func emptyPlanDrawsNothingToDo() async throws {
        let (_, summary) = try await svg(Plan())
        #expect(summary.planNodeIDs.isEmpty)
        #expect(summary.edgeIDs.isEmpty)
        #expect(summary.nodeIDs == ["nothing-to-do"])
        #expect(summary.texts.contains("Nothing to do"))
    }

    @Test("an execution record colours nodes by outcome and shows durations")
    func record() async throws {
        let plan = PlanFixtures.healthyDependency
        let statuses: [ExecutionRecord.Status] = [.succeeded, .succeeded, .succeeded, .succeeded, .failed, .skipped]
        let record = ExecutionRecord(
            fingerprint: "f", project: "demo", engine: EngineIdentity(kind: "simulated"), startedAt: Date(timeIntervalSince1970: 0),
            duration: 3, parallelism: nil, outcome: .failed,
            nodes: statuses.enumerated().map { index, status in
                ExecutionRecord.NodeRecord(id: index + 1, status: status, start: status == .skipped ? nil : Double(index),
                                           end: status == .skipped ? nil : Double(index) + 0.5, error: status == .failed ? "timed out" : nil)
            })
        let (_, summary) = try await svg(plan, RenderOptions(collapse: .none, projectName: "demo", record: record))
        #expect(summary.classes["node-5"]?.contains("status-failed") == true)
        #expect(summary.classes["node-6"]?.contains("status-skipped") == true)
        #expect(summary.texts.contains("succeeded · 0.50 s"))
        #expect(summary.tooltips["node-5"]?.contains("error: timed out") == true)
        #expect(summary.nodeIDs.contains("legend-status-failed"))
        #expect(summary.texts.contains { $0.contains("run failed in 3.00 s") })
    }

    @Test func foldedNodesAndHiddenNeighboursAreDrawn() async throws {
        let plan = GeneratedPlans.plan(nodeCount: 400)
        let (_, folded) = try await svg(plan, RenderOptions(collapse: .auto))
        #expect(folded.planNodeIDs.count < plan.nodes.count)
        #expect(folded.classes.values.contains { $0.contains("folded") })
        #expect(folded.nodeIDs.contains("legend-folded"))
        let (_, focused) = try await svg(plan, RenderOptions(collapse: .none, focus: "svc5"))
        #expect(focused.nodeIDs.contains { $0.hasPrefix("hidden-") })
        #expect(focused.planNodeIDs.count < plan.nodes.count)
    }
}
