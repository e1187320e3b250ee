import ComposeModel
import Engine
import Executor
import PlanModel
import Testing

/// `WaitCondition` nodes: healthy, completed successfully, failures, timeouts, optional waits.
@Suite struct WaitConditionTests {
    let fastPolls = ExecutorOptions(pollInterval: .milliseconds(20))

    var database: ServiceConfig {
        var service = ExecutableFixture.service("db")
        service.healthcheck = Healthcheck(test: ["CMD", "true"])
        return service
    }

    /// db (two replicas) → wait → app, as the reconciler plans `app` depending on `db`.
    func dependencyPlan(_ dependency: ServiceConfig, _ condition: DependencyCondition, replicas: Int = 2,
                        timeout: Double? = nil, optional: Bool = false) -> (ExecutableFixture, wait: Int, appStart: Int) {
        var builder = ExecutableFixture()
        let network = builder.createNetwork("default")
        var starts: [Int] = []
        for number in 1...replicas {
            let create = builder.createContainer(dependency, number: number, after: [network])
            starts.append(builder.start(dependency, number: number, createdBy: create, after: [create]))
        }
        let app = ExecutableFixture.service("app")
        let appCreate = builder.createContainer(app, after: starts)
        let wait = builder.wait(for: dependency.name, condition, timeout: timeout, optional: optional, after: starts)
        let appStart = builder.start(app, createdBy: appCreate, after: starts + [appCreate, wait])
        return (builder, wait, appStart)
    }

    @Test func waitsUntilEveryReplicaIsHealthy() async throws {
        let engine = await SimulatedEngine(configuration: .init(behavior: .healthy(after: .milliseconds(250))))
        let (plan, wait, appStart) = dependencyPlan(database, .healthy)
        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        let record = await plan.run(on: engine, options: fastPolls, events: sink)
        #expect(record.outcome == .succeeded)
        let waited = try #require(record.node(wait)?.duration)
        #expect(waited >= 0.2)
        #expect(try #require(record.node(appStart)?.start) >= record.node(wait)!.end!)
        var progress: [String] = []
        for await event in events where event.kind == .progress { progress.append(event.message ?? "") }
        #expect(progress.first?.contains("demo-db-1 health: starting") == true)
        #expect(await engine.violations.isEmpty)
    }

    @Test func anUnhealthyReplicaFailsTheWait() async throws {
        let engine = await SimulatedEngine(configuration: .init(behavior: .healthy(after: .milliseconds(10))))
        await engine.setBehavior(.unhealthy(after: .milliseconds(50)), forContainer: "demo-db-2")
        let (plan, wait, appStart) = dependencyPlan(database, .healthy)
        let record = await plan.run(on: engine, options: fastPolls)
        #expect(record.outcome == .failed)
        #expect(record.node(wait)?.status == .failed)
        #expect(record.node(wait)?.error == "container demo-db-2 is unhealthy")
        #expect(record.node(appStart)?.status == .skipped)
    }

    @Test func aDependencyWithoutHealthcheckFails() async throws {
        let engine = await SimulatedEngine()
        let (plan, wait, _) = dependencyPlan(ExecutableFixture.service("db"), .healthy, replicas: 1)
        let record = await plan.run(on: engine, options: fastPolls)
        #expect(record.node(wait)?.error == "container demo-db-1 has no healthcheck configured")
    }

    @Test func waitsUntilEveryReplicaCompletedSuccessfully() async throws {
        let engine = await SimulatedEngine()
        await engine.setBehavior(.exits(code: 0, after: .milliseconds(150)), forService: "migrate")
        let (plan, wait, appStart) = dependencyPlan(ExecutableFixture.service("migrate"), .completedSuccessfully)
        let record = await plan.run(on: engine, options: fastPolls)
        #expect(record.outcome == .succeeded)
        #expect(try #require(record.node(wait)?.duration) >= 0.1)
        #expect(record.node(appStart)?.status == .succeeded)
    }

    @Test func aNonZeroExitFailsTheWait() async throws {
        let engine = await SimulatedEngine()
        await engine.setBehavior(.exits(code: 3, after: .milliseconds(50)), forService: "migrate")
        let (plan, wait, appStart) = dependencyPlan(ExecutableFixture.service("migrate"), .completedSuccessfully, replicas: 1)
        let record = await plan.run(on: engine, options: fastPolls)
        #expect(record.outcome == .failed)
        #expect(record.node(wait)?.error?.contains("exited with code 3") == true)
        #expect(record.node(appStart)?.status == .skipped)
    }

    @Test func aWaitTimesOut() async throws {
        let engine = await SimulatedEngine()
        await engine.setBehavior(ContainerBehavior(health: .starting), forService: "db")
        let (plan, wait, _) = dependencyPlan(database, .healthy, replicas: 1, timeout: 0.3)
        let record = await plan.run(on: engine, options: fastPolls)
        let node = try #require(record.node(wait))
        #expect(node.status == .failed)
        #expect(node.error == "timed out after 0.3s waiting for db to be healthy (demo-db-1 health: starting)")
        #expect(try #require(node.duration) >= 0.3)
        #expect(try #require(node.duration) < 1.0)
    }

    @Test func anOptionalWaitOnlyWarns() async throws {
        let engine = await SimulatedEngine()
        await engine.setBehavior(ContainerBehavior(health: .starting), forService: "db")
        let (plan, wait, appStart) = dependencyPlan(database, .healthy, replicas: 1, timeout: 0.1, optional: true)
        let record = await plan.run(on: engine, options: fastPolls)
        #expect(record.node(wait)?.status == .warned)
        #expect(record.node(appStart)?.status == .succeeded)
        #expect(record.outcome == .succeeded)
    }

    @Test func cancellationStopsAWaitAtOnce() async throws {
        let engine = await SimulatedEngine()
        await engine.setBehavior(ContainerBehavior(health: .starting), forService: "db")
        let (builder, wait, appStart) = dependencyPlan(database, .healthy, replicas: 1)
        let run = Task { await builder.run(on: engine, options: fastPolls) }
        try await Task.sleep(for: .milliseconds(150))
        run.cancel()
        let record = await run.value
        #expect(record.outcome == .cancelled)
        #expect(record.node(wait)?.status == .cancelled)
        #expect(record.node(appStart)?.status == .cancelled)
    }
}
