import ComposeModel
import DockerModel
import Engine
import PlanModel

/// Waits until a Swarm service converged, as `docker service create
/// --detach=false` waits: every task the orchestrator wants running runs
/// the service's current task template, at the desired count (the
/// replicas, or one per eligible node for a global service), and no
/// rolling update is in progress. Reports progress as tasks start, and
/// fails at once when Swarm paused or rolled back the update, or at the
/// deadline with the count reached and the last task error.
struct ServiceConvergencePoller: Sendable {
    let node: PlanNode
    let swarm: any SwarmEngine
    let context: ExecutionContext

    /// What one look at the service says, with its task counts.
    struct Look: Equatable {
        var verdict: Verdict
        var running: Int
        var starting: Int
        var desired: Int
        var failed: Int
    }

    enum Verdict: Equatable {
        case converged(String)
        case pending(String)
        case failed(String)
    }

    /// Waits; returns the report and the task counts each time they changed
    /// (a failure carries them too), for the timeline.
    func wait() async throws -> (String, [ExecutionRecord.TaskSample]) {
        guard let name = node.details.name else {
            throw NodeFailure("node #\(node.id) (WaitConverged) lacks its service name in the plan")
        }
        let clock = ContinuousClock()
        let deadline = node.details.timeout.map { clock.now + .milliseconds(Int64(($0 * 1000).rounded())) }
        var lastReport = ""
        var samples: [ExecutionRecord.TaskSample] = []
        func failure(_ message: String, isCancellation: Bool = false) -> NodeFailure {
            var failure = NodeFailure(message, isCancellation: isCancellation)
            failure.tasks = samples
            return failure
        }
        while true {
            if context.signal.isCancelled { throw failure("cancelled while waiting", isCancellation: true) }
            let service = SwarmServiceSummary(try await swarm.inspectService(name))
            let tasks = try await swarm.tasks(ofService: service.id.isEmpty ? name : service.id).map(SwarmTaskSummary.init)
            let look = Self.look(service: service, tasks: tasks)
            if samples.last.map({ ($0.running, $0.starting, $0.desired, $0.failed)
                != (look.running, look.starting, look.desired, look.failed) }) ?? true {
                samples.append(ExecutionRecord.TaskSample(time: context.seconds(), running: look.running, starting: look.starting,
                                                          desired: look.desired, failed: look.failed))
            }
            switch look.verdict {
            case .converged(let report): return (report, samples)
            case .failed(let message): throw failure("service \(name): \(message)")
            case .pending(let report):
                if report != lastReport {
                    lastReport = report
                    context.emit(ExecutionEvent(kind: .progress, node: node.id, time: context.seconds(), message: report))
                }
            }
            var pause = context.options.pollInterval
            if let deadline {
                let left = deadline - clock.now
                guard left > .zero else {
                    let seconds = node.details.timeout.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } ?? "?"
                    throw failure("timed out after \(seconds)s waiting for service \(name) to converge (\(lastReport))")
                }
                pause = min(pause, left)
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw failure("cancelled while waiting", isCancellation: true)
            }
        }
    }

    /// The service's state from its spec, update status and tasks.
    static func verdict(service: SwarmServiceSummary, tasks: [SwarmTaskSummary]) -> Verdict {
        look(service: service, tasks: tasks).verdict
    }

    /// The verdict with the task counts behind it.
    static func look(service: SwarmServiceSummary, tasks: [SwarmTaskSummary]) -> Look {
        let template = comparable(service.spec["TaskTemplate"] ?? .object([:]))
        let wanted = tasks.filter { $0.desiredState == "running" }
        let current = wanted.filter { comparable($0.spec) == template }
        let running = current.filter { $0.state == "running" }.count
        let target = service.replicas ?? max(wanted.count, 1)
        // Why tasks do not run: a failed or rejected task's error, or a
        // pending one's ("no suitable node (…)").
        let failure = tasks.filter { ["failed", "rejected", "pending"].contains($0.state) && !$0.error.isEmpty }.last
        let failedCount = tasks.filter { ["failed", "rejected"].contains($0.state) }.count
        func look(_ verdict: Verdict) -> Look {
            Look(verdict: verdict, running: running, starting: max(0, wanted.count - running), desired: target, failed: failedCount)
        }
        switch service.updateState {
        case "paused", "rollback_paused":
            return look(.failed("update paused by Swarm: \(service.updateMessage)"))
        case "rollback_started", "rollback_completed":
            return look(.failed("update rolled back by Swarm: \(service.updateMessage)"))
        default: break
        }
        var report = "\(running) of \(target) tasks running"
        if current.count < wanted.count { report += ", \(wanted.count - current.count) still on the previous spec" }
        if let failure { report += "; last task error: \(failure.error)" }
        let updating = service.updateState == "updating"
        if running == target && wanted.count == target && !updating {
            return look(.converged("\(running) of \(target) tasks running"))
        }
        return look(.pending(report))
    }

    /// A task template as compared: what the API leaves empty dropped,
    /// and the fields the manager keeps on the service only (the runtime,
    /// the force-update counter) ignored.
    static func comparable(_ template: JSONValue) -> JSONValue {
        guard case .object(var members) = template else { return template }
        members["Runtime"] = nil
        members["ForceUpdate"] = nil
        return CanonicalJSON.pruned(.object(members)) ?? .object([:])
    }
}
