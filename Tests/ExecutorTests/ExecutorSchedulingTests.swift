import ComposeModel
import Engine
import Executor
import PlanModel
import Testing

/// Scheduling: no barriers, the parallelism bound, failures, warnings, cancellation, events.
@Suite struct ExecutorSchedulingTests {
    func volume(_ name: String) -> OperationDetails {
        OperationDetails(name: name, key: name, volume: VolumeConfig(name: name))
    }

    @Test func aNodeStartsAsSoonAsItsOwnDependenciesAreDone() async throws {
        let engine = await SimulatedEngine(configuration: .init(latency: .fixed([.createVolume: .milliseconds(30)])))
        await engine.inject(SimulatedFault(operation: .createVolume, target: "slow", effect: .delay(.milliseconds(500))))
        var builder = ExecutableFixture()
        let slow = builder.add(.createVolume, "volume:slow", volume("slow"))
        let fast = builder.add(.createVolume, "volume:fast", volume("fast"))
        let next = builder.add(.createVolume, "volume:next", after: [fast], volume("next"))
        let last = builder.add(.createVolume, "volume:last", after: [next], volume("last"))
        let joined = builder.add(.createVolume, "volume:joined", after: [slow, last], volume("joined"))
        let record = await builder.run(on: engine)
        #expect(record.outcome == .succeeded)
        let slowEnd = try #require(record.node(slow)?.end)
        // Two levels below `fast` ran while `slow` (a level-1 sibling) was still running.
        #expect(try #require(record.node(last)?.end) < slowEnd)
        #expect(try #require(record.node(joined)?.start) >= slowEnd)
    }

    @Test(arguments: [1, 3, 8])
    func theParallelismBoundIsRespected(bound: Int) async throws {
        let engine = await SimulatedEngine(configuration: .init(latency: .fixed([.createVolume: .milliseconds(20)])))
        var builder = ExecutableFixture()
        for index in 1...16 { builder.add(.createVolume, "volume:v\(index)", volume("v\(index)")) }
        let record = await builder.run(on: engine, options: ExecutorOptions(parallelism: bound))
        #expect(record.outcome == .succeeded)
        #expect(record.parallelism == bound)
        #expect(await engine.maximumConcurrentCalls == bound)
        #expect(record.maximumOverlap <= bound)
    }

    @Test func unboundedRunsEveryReadyNodeAtOnce() async throws {
        let engine = await SimulatedEngine(configuration: .init(latency: .fixed([.createVolume: .milliseconds(50)])))
        var builder = ExecutableFixture()
        for index in 1...20 { builder.add(.createVolume, "volume:v\(index)", volume("v\(index)")) }
        let record = await builder.run(on: engine)
        #expect(record.outcome == .succeeded)
        #expect(await engine.maximumConcurrentCalls == 20)
        #expect(record.maximumOverlap == 20)
    }

    @Test func aFailureSkipsDependentsTransitivelyAndIndependentsStillRun() async throws {
        let engine = await SimulatedEngine()
        await engine.inject(.failing(.createNetwork, target: "demo_default"))
        var builder = ExecutableFixture()
        let network = builder.createNetwork("default")
        let web = ExecutableFixture.service("web")
        let create = builder.createContainer(web, after: [network])
        let start = builder.start(web, createdBy: create, after: [create])
        let data = builder.createVolume("data")
        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        let record = await builder.run(on: engine, events: sink)
        #expect(record.statuses == [network: .failed, create: .skipped, start: .skipped, data: .succeeded])
        #expect(record.outcome == .failed)
        #expect(record.node(network)?.error == "injected failure (HTTP 500)")
        #expect(record.node(create)?.start == nil)
        #expect(record.node(start)?.error == "not run: #\(network) failed")
        var finished: [Int: ExecutionRecord.Status] = [:]
        var started: Set<Int> = []
        for await event in events {
            if event.kind == .finished, let node = event.node { finished[node] = event.status }
            if event.kind == .started, let node = event.node { started.insert(node) }
        }
        #expect(finished == record.statuses)
        #expect(started == [network, data])
    }

    @Test func aBestEffortFailureWarnsAndItsDependentsRun() async throws {
        let engine = await SimulatedEngine()
        var builder = ExecutableFixture()
        let cleanup = builder.add(.removeNetwork, "network:old", bestEffort: true, OperationDetails(name: "demo_old", key: "old"))
        let create = builder.createNetwork("default", after: [cleanup])
        let record = await builder.run(on: engine)
        #expect(record.statuses == [cleanup: .warned, create: .succeeded])
        #expect(record.node(cleanup)?.error?.contains("network demo_old not found") == true)
        #expect(record.outcome == .succeeded)
    }

    @Test func cancellationLetsInFlightCallsFinishAndCancelsTheRest() async throws {
        let engine = await SimulatedEngine(configuration: .init(latency: .fixed([.createVolume: .milliseconds(300)])))
        var builder = ExecutableFixture()
        let first = builder.add(.createVolume, "volume:a", volume("a"))
        let second = builder.add(.createVolume, "volume:b", after: [first], volume("b"))
        let third = builder.add(.createVolume, "volume:c", volume("c"))
        let plan = builder
        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        let run = Task { await plan.run(on: engine, options: ExecutorOptions(parallelism: 1), events: sink) }
        // Cancelled once the first create is in flight (its call takes 300 ms).
        var kinds: [ExecutionEvent.Kind] = []
        for await event in events {
            kinds.append(event.kind)
            if event.kind == .started && event.node == first { run.cancel() }
        }
        let record = await run.value
        #expect(record.outcome == .cancelled)
        // The call in flight finished; nothing new started.
        #expect(record.statuses == [first: .succeeded, second: .cancelled, third: .cancelled])
        #expect(record.node(second)?.start == nil)
        #expect(try await engine.snapshot(project: "demo").volumeSummaries.map(\.name) == ["a"])
        #expect(kinds.contains(.cancelling))
    }

    @Test func inFlightCallsAreCancelledAfterTheGracePeriod() async throws {
        let engine = await SimulatedEngine()
        await engine.inject(.hanging(.createVolume, target: "stuck"))
        var builder = ExecutableFixture()
        let stuck = builder.add(.createVolume, "volume:stuck", volume("stuck"))
        let after = builder.add(.createVolume, "volume:after", after: [stuck], volume("after"))
        let plan = builder
        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        let run = Task { await plan.run(on: engine, options: ExecutorOptions(cancellationGracePeriod: .milliseconds(100)), events: sink) }
        // Cancel once the hanging call is in flight (a fixed delay raced it on a loaded machine).
        for await event in events where event.kind == .started && event.node == stuck { break }
        run.cancel()
        let clock = ContinuousClock()
        let started = clock.now
        let record = await run.value
        #expect(clock.now - started < .seconds(2))
        #expect(record.outcome == .cancelled)
        #expect(record.statuses == [stuck: .cancelled, after: .cancelled])
        #expect(record.node(stuck)?.end != nil)
    }

    @Test func aRunCancelledBeforeItStartsRunsNothing() async {
        let engine = await SimulatedEngine()
        var builder = ExecutableFixture()
        builder.createNetwork("default")
        let plan = builder
        let run = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            return await plan.run(on: engine)
        }
        let record = await run.value
        #expect(record.outcome == .cancelled)
        #expect(record.statuses == [1: .cancelled])
        #expect(await engine.calls.isEmpty)
    }

    @Test func theRecordDescribesTheRun() async throws {
        let engine = await SimulatedEngine()
        var builder = ExecutableFixture()
        builder.createNetwork("default")
        let record = await Executor(options: ExecutorOptions(parallelism: 4))
            .run(builder.plan, project: builder.project, fingerprint: "abc", on: engine)
        #expect(record.fingerprint == "abc")
        #expect(record.project == "demo")
        #expect(record.engine.kind == "simulated")
        #expect(record.parallelism == 4)
        #expect(record.startedAt.hasSuffix("Z"))
        let node = try #require(record.node(1))
        #expect(node.status == .succeeded)
        #expect(DockerID.isFullID(node.result ?? ""))
        #expect(try #require(node.start) >= 0)
        #expect(try #require(node.end) >= node.start!)
        #expect(record.duration == node.end)
        let empty = await Executor().run(Plan(), project: builder.project, fingerprint: "", on: engine)
        #expect(empty.outcome == .succeeded)
        #expect(empty.nodes.isEmpty)
    }
}
