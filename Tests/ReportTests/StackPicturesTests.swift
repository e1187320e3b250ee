import PlanModel
import Rendering
import Testing
@testable import Report

/// A stack plan's pictures: services with their replica counts and an
/// update as its waves of `update_config.parallelism`; in the report's
/// timeline, a `WaitConverged` draws the share of tasks running over time.
@Suite struct StackPicturesTests {
    /// An update of a 3-replica service rolled one task at a time,
    /// start-first, its wait, and a created global service.
    static let plan = Plan(nodes: [
        PlanNode(id: 1, type: .updateService, resource: .stackService(name: "shop_web"), cause: "image changed",
                 details: OperationDetails(service: "web", name: "shop_web",
                                           swarm: SwarmDetails(replicas: 3, updateParallelism: 1, updateOrder: "start-first"))),
        PlanNode(id: 2, type: .waitConverged, resource: .stackService(name: "shop_web"), cause: "3 of 3 tasks running",
                 dependsOn: [1], details: OperationDetails(service: "web", name: "shop_web", timeout: 60,
                                                           swarm: SwarmDetails(replicas: 3))),
        PlanNode(id: 3, type: .createService, resource: .stackService(name: "shop_agent"), cause: "not found",
                 details: OperationDetails(service: "agent", name: "shop_agent", swarm: SwarmDetails(updateParallelism: 1))),
    ])

    @Test("The diagram names replicas and draws a rolling update's waves")
    func diagramLabels() async throws {
        let dot = String(decoding: try await PlanRenderer().render(Self.plan, options: RenderOptions(format: .dot, collapse: .none)),
                         as: UTF8.self)
        #expect(dot.contains("3 replicas, rolling ▮▮▮ 3 waves of 1, start-first"), "\(dot)")
        #expect(dot.contains("global"), "\(dot)")
        #expect(dot.contains("service shop_web"), "\(dot)")
    }

    @Test("The timeline draws the tasks running inside the WaitConverged bar, and a failure tick")
    func convergenceInTheTimeline() throws {
        let record = ExecutionRecord(fingerprint: "f", project: "shop", engine: RunFixtures.engine,
                                     startedAt: .init(timeIntervalSince1970: 0), duration: 4, parallelism: nil, outcome: .succeeded,
                                     nodes: [
                                         .init(id: 1, status: .succeeded, start: 0, end: 0.1),
                                         .init(id: 2, status: .succeeded, start: 0.1, end: 4, tasks: [
                                             .init(time: 0.1, running: 0, starting: 3, desired: 3),
                                             .init(time: 1.5, running: 1, starting: 2, desired: 3, failed: 1),
                                             .init(time: 3.0, running: 3, desired: 3, failed: 1),
                                         ]),
                                         .init(id: 3, status: .succeeded, start: 0, end: 0.1),
                                     ])
        let layout = TimelineLayout(plan: Self.plan, record: record)
        let svg = TimelineSVG.render(layout)
        let bar = try #require(layout.bars.first { $0.nodeID == 2 })
        #expect(bar.tasks.count == 3)
        #expect(svg.contains("tasks: 0/3 running, 3 starting at 0.1 s, 1/3 running, 2 starting, 1 failed at 1.5 s, 3/3 running, 1 failed at 3 s"),
                "\(svg)")
        // Bands one third and full height, and one red tick for the failure.
        let group = try #require(svg.components(separatedBy: "<g class=\"tasks\">").dropFirst().first?.components(separatedBy: "</g>").first)
        #expect(group.components(separatedBy: "fill=\"#2e7d32\"").count - 1 == 2, "\(group)")
        #expect(group.components(separatedBy: "fill=\"#c62828\"").count - 1 == 1, "\(group)")
    }
}
