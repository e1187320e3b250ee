import Engine
import Foundation
import PlanModel

/// Runs a plan on a `ContainerEngine`: each node starts as soon as all its
/// dependencies succeeded (or warned) — no level-by-level barriers — with an
/// optional bound on nodes in flight, and the run is recorded as an
/// `ExecutionRecord`.
///
/// - A failed node's dependents, transitively, are `skipped`; independent
///   nodes still run, and the outcome is `failed`.
/// - A best-effort or optional node that fails is `warned`; its dependents run.
/// - Cancelling the calling task (Ctrl-C) starts nothing new; in-flight
///   engine calls finish, or are cancelled after
///   `ExecutorOptions.cancellationGracePeriod`; waits stop at once; nodes that
///   did not run are `cancelled`; the record is still returned, with outcome
///   `cancelled`.
///
/// Progress goes to an optional `AsyncStream<ExecutionEvent>` continuation,
/// finished when the run ends:
///
/// ```swift
/// let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
/// async let record = Executor(options: options).run(planFile, on: engine, events: sink)
/// for await event in events { print(event) }
/// let result = await record
/// ```
public struct Executor: Sendable {
    public var options: ExecutorOptions

    public init(options: ExecutorOptions = ExecutorOptions()) {
        self.options = options
    }

    /// Runs a saved plan (its project context and fingerprint come from the file).
    public func run(_ planFile: PlanFile, on engine: any ContainerEngine, swarm: (any SwarmEngine)? = nil,
                    events: AsyncStream<ExecutionEvent>.Continuation? = nil) async -> ExecutionRecord {
        await run(planFile.plan, project: planFile.project, fingerprint: planFile.fingerprint.digest, on: engine,
                  swarm: swarm, events: events)
    }

    /// Runs `plan` for `project`; `fingerprint` is the digest recorded with the run.
    ///
    /// - Parameter swarm: the Swarm manager that runs a stack plan's nodes.
    public func run(_ plan: Plan, project: ProjectContext, fingerprint: String, on engine: any ContainerEngine,
                    swarm: (any SwarmEngine)? = nil,
                    events: AsyncStream<ExecutionEvent>.Continuation? = nil) async -> ExecutionRecord {
        let signal = CancellationSignal()
        if Task.isCancelled { signal.cancel() }
        // The run goes on in its own task so that cancelling the caller does
        // not cancel in-flight engine calls at once (see the type's doc).
        let options = self.options
        let run = Task {
            await Self.execute(plan, project: project, fingerprint: fingerprint, engine: engine, swarm: swarm,
                               options: options, events: events, signal: signal)
        }
        return await withTaskCancellationHandler {
            await run.value
        } onCancel: {
            signal.cancel()
        }
    }

    /// What a node's task reports to the scheduler.
    private enum Completion: Sendable {
        case node(index: Int, result: Result<OperationResult, NodeFailure>, end: ContinuousClock.Instant)
        case cancellationRequested
        case graceExpired
        case watcherStopped
    }

    private static func execute(_ plan: Plan, project: ProjectContext, fingerprint: String, engine: any ContainerEngine,
                                swarm: (any SwarmEngine)?, options: ExecutorOptions, events: AsyncStream<ExecutionEvent>.Continuation?,
                                signal: CancellationSignal) async -> ExecutionRecord {
        let identity = (try? await engine.identity()) ?? EngineIdentity(kind: "unknown")
        let startedAt = Date()
        var context = ExecutionContext(engine: engine, project: project, options: options, events: events,
                                       start: .now, signal: signal,
                                       credentials: RegistryCredentialCache(RegistryCredentials(environment: options.environment)))
        context.swarm = swarm
        context.removedByPlan = Set(plan.nodes.filter { $0.type == .removeContainer }.compactMap { $0.details.container?.id })
        var tracker = DependencyTracker(plan: plan, estimatedDuration: options.estimatedDuration)
        var records = plan.nodes.map { ExecutionRecord.NodeRecord(id: $0.id, status: .cancelled) }
        var results: [Int: String] = [:]
        let indexByID = Dictionary(plan.nodes.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var running: Set<Int> = []
        var cancelling = false
        let limit = options.parallelism ?? Int.max

        /// Records the nodes decided without running, because of node `cause` (if any).
        func decide(_ indices: [Int], because cause: Int? = nil) {
            let time = context.seconds()
            let reason = cause.map { "not run: #\(plan.nodes[$0].id) \(records[$0].status == .failed ? "failed" : "did not run")" }
            for index in indices {
                let status = tracker.status[index]!
                records[index].status = status
                records[index].error = status == .skipped ? reason ?? "not run: a dependency failed" : nil
                context.emit(ExecutionEvent(kind: .finished, node: plan.nodes[index].id, time: time, status: status,
                                            message: records[index].error))
            }
        }

        await withTaskGroup(of: Completion.self) { group in
            group.addTask { await signal.wait() ? .cancellationRequested : .watcherStopped }
            var graceStarted = false
            while true {
                if signal.isCancelled && !cancelling {
                    cancelling = true
                    context.emit(ExecutionEvent(kind: .cancelling, node: nil, time: context.seconds()))
                }
                if cancelling && !graceStarted && !running.isEmpty {
                    graceStarted = true
                    let grace = options.cancellationGracePeriod
                    group.addTask {
                        try? await Task.sleep(for: grace)
                        return .graceExpired
                    }
                }
                while !cancelling, !signal.isCancelled, running.count < limit, let index = tracker.nextReady() {
                    let node = plan.nodes[index]
                    // A conditional node whose condition does not hold ends
                    // `unchanged` at once, without an engine call.
                    if let condition = node.condition,
                       !condition.holds(status: indexByID[condition.decidingNode].map { records[$0].status },
                                        builtImage: results[condition.decidingNode]) {
                        let time = context.seconds()
                        records[index].start = time
                        records[index].end = time
                        records[index].status = .unchanged
                        context.emit(ExecutionEvent(kind: .started, node: node.id, time: time))
                        context.emit(ExecutionEvent(kind: .finished, node: node.id, time: time, status: .unchanged))
                        decide(tracker.finish(index, as: .unchanged), because: index)
                        continue
                    }
                    let launched = ContinuousClock.now
                    records[index].start = context.seconds(at: launched)
                    running.insert(index)
                    context.emit(ExecutionEvent(kind: .started, node: node.id, time: records[index].start!))
                    let operation = NodeOperation(node: node, createdContainer: node.details.createdBy.flatMap { results[$0] },
                                                  context: context)
                    group.addTask {
                        do {
                            return .node(index: index, result: .success(try await operation.perform()), end: .now)
                        } catch {
                            return .node(index: index, result: .failure(NodeFailure(error)), end: .now)
                        }
                    }
                }
                if running.isEmpty { break }
                guard let completion = await group.next() else { break }
                switch completion {
                case .node(let index, let result, let end):
                    running.remove(index)
                    let node = plan.nodes[index]
                    records[index].end = context.seconds(at: end)
                    let status: ExecutionRecord.Status
                    switch result {
                    case .success(let outcome):
                        status = .succeeded
                        records[index].result = outcome.value
                        records[index].bytes = outcome.bytes
                        records[index].tasks = outcome.tasks
                        // Creates' containers and builds' images, for the nodes that act on them.
                        if node.type == .createContainer || node.type == .buildImage, let value = outcome.value {
                            results[node.id] = value
                        }
                    case .failure(let failure):
                        records[index].error = failure.message
                        records[index].tasks = failure.tasks
                        status = failure.isCancellation && cancelling ? .cancelled : node.failureOnlyWarns ? .warned : .failed
                    }
                    records[index].status = status
                    context.emit(ExecutionEvent(kind: .finished, node: node.id, time: records[index].end!, status: status,
                                                result: records[index].result, message: records[index].error,
                                                completedBytes: records[index].bytes))
                    decide(tracker.finish(index, as: status), because: index)
                case .cancellationRequested:
                    // Handled at the top of the loop, through the signal's flag.
                    break
                case .graceExpired:
                    group.cancelAll()
                case .watcherStopped:
                    break
                }
            }
            if cancelling {
                decide(tracker.cancelRemaining(except: running))
            } else {
                // Only a malformed plan (a dependency on a missing node, a cycle) leaves nodes undecided.
                let stranded = tracker.skipRemaining()
                decide(stranded)
            }
            group.cancelAll()
        }

        let duration = records.compactMap(\.end).max() ?? 0
        let outcome: ExecutionRecord.Outcome = cancelling ? .cancelled
            : records.contains { $0.status == .failed } ? .failed : .succeeded
        events?.finish()
        return ExecutionRecord(fingerprint: fingerprint, project: project.name, engine: identity, startedAt: startedAt,
                               duration: duration, parallelism: options.parallelism, outcome: outcome, nodes: records)
    }
}
