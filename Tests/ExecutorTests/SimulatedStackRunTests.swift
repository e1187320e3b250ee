import ComposeModel
import DockerModel
import Engine
import Executor
import PlanModel
import Reconciler
import TestSupport
import Testing

/// A stack plan (`--target swarm`) run on the simulated Swarm: the calls
/// it makes are ones a manager accepts, the services converge, and
/// planning again from what the Swarm answers gives an empty plan.
@Suite struct SimulatedStackRunTests {
    static let yaml = """
        services:
          web:
            image: nginx:1.25
            networks: [front]
            deploy:
              replicas: 2
              update_config:
                parallelism: 1
                order: start-first
          worker:
            image: busybox:1.36
            networks: [front]
            deploy:
              placement:
                constraints: [node.role==worker]
        networks:
          front: {}
        """

    @Test func aStackRunOnTheSimulatedSwarmPlansEmptyAgain() async throws {
        let project = try ProjectFixture.load(Self.yaml, name: "shop")
        let definition = try StackConverter(project: project).definition()
        let engine = await SimulatedEngine(configuration: .init(swarmNodes: [.manager("m1"), .worker("w1"), .worker("w2")]))
        let observed = try await engine.swarmSnapshot(stack: "shop")
        let plan = try StackReconciler.plan(definition: definition, state: StackState(snapshot: observed, stack: "shop"),
                                            options: PlanOptions())
        let record = await Executor(options: ExecutorOptions(pollInterval: .milliseconds(5)))
            .run(plan, project: ProjectContext(project: project), fingerprint: "", on: engine, swarm: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        let violations = await engine.violations
        #expect(violations.isEmpty, "\(violations)")
        let after = try await engine.swarmSnapshot(stack: "shop")
        #expect(after.swarm?.tasks.map(SwarmTaskSummary.init).filter { $0.state == "running" }.count == 3)
        let again = try StackReconciler.plan(definition: definition, state: StackState(snapshot: after, stack: "shop"),
                                             options: PlanOptions())
        // The simulated manager stores specs as Engine 20.10 does: the stack plans as empty.
        #expect(again.nodes.isEmpty, "\(again.text)")
    }
}
