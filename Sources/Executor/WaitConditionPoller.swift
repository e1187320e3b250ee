import ComposeModel
import Engine
import PlanModel

/// Carries out a `WaitCondition` node: inspects every replica of the
/// dependency service every `pollInterval` until all satisfy the condition
/// (`service_healthy`: health `healthy`; `service_completed_successfully`:
/// exited with code 0), failing as soon as one cannot (unhealthy, exited, a
/// non-zero exit code, no health check) or when the node's timeout passes.
struct WaitConditionPoller: Sendable {
    let node: PlanNode
    let context: ExecutionContext

    /// How one replica stands.
    enum Verdict: Equatable {
        case satisfied
        case pending(String)
        case failed(String)
    }

    func wait() async throws -> String? {
        guard let service = node.details.service, let condition = node.details.condition else {
            throw NodeFailure("node #\(node.id) (WaitCondition) lacks its service or condition in the plan")
        }
        let clock = ContinuousClock()
        let deadline = node.details.timeout.map { clock.now + .milliseconds(Int64(($0 * 1000).rounded())) }
        var lastReport = ""
        while true {
            if context.signal.isCancelled { throw NodeFailure("cancelled while waiting", isCancellation: true) }
            let snapshot = try await context.engine.snapshot(project: context.project.name)
            let replicas = snapshot.containerSummaries
                .filter { $0.service == service && !$0.isOneOff && !context.removedByPlan.contains($0.id) }
                .sorted { $0.number != $1.number ? $0.number < $1.number : $0.name < $1.name }
            guard !replicas.isEmpty else {
                throw NodeFailure("service \(service) has no container to wait for")
            }
            var pending: [String] = []
            for replica in replicas {
                let inspection: ContainerInspection
                do {
                    inspection = try await context.engine.inspectContainer(replica.id)
                } catch let error as EngineError where error.kind == .notFound {
                    continue  // removed since the listing: not a replica to wait for
                }
                switch Self.verdict(condition, inspection) {
                case .satisfied: continue
                case .pending(let state): pending.append("\(inspection.name) \(state)")
                case .failed(let message): throw NodeFailure(message)
                }
            }
            if pending.isEmpty {
                return nil
            }
            let report = pending.joined(separator: ", ")
            if report != lastReport {
                lastReport = report
                context.emit(ExecutionEvent(kind: .progress, node: node.id, time: context.seconds(), message: "waiting: \(report)"))
            }
            var pause = context.options.pollInterval
            if let deadline {
                let left = deadline - clock.now
                guard left > .zero else {
                    let seconds = node.details.timeout.map { $0.rounded() == $0 ? String(Int($0)) : String($0) } ?? "?"
                    throw NodeFailure("timed out after \(seconds)s waiting for \(service) to be \(Self.goal(condition)) (\(report))")
                }
                pause = min(pause, left)
            }
            do {
                try await Task.sleep(for: pause)
            } catch {
                throw NodeFailure("cancelled while waiting", isCancellation: true)
            }
        }
    }

    static func goal(_ condition: DependencyCondition) -> String {
        switch condition {
        case .healthy: "healthy"
        case .completedSuccessfully: "completed successfully"
        case .started: "started"
        }
    }

    /// Whether one replica satisfies `condition`, may still, or never will
    /// (docker compose's rules: an unhealthy or exited container fails a
    /// health wait; a non-zero exit fails a completion wait).
    static func verdict(_ condition: DependencyCondition, _ replica: ContainerInspection) -> Verdict {
        let exited = replica.status == "exited" || replica.status == "dead"
        switch condition {
        case .healthy:
            if exited { return .failed("container \(replica.name) exited (\(replica.exitCode))") }
            guard let health = replica.health else {
                return .failed("container \(replica.name) has no healthcheck configured")
            }
            switch health {
            case "healthy": return .satisfied
            case "unhealthy": return .failed("container \(replica.name) is unhealthy")
            default: return .pending(health == "starting" ? "health: starting" : health)
            }
        case .completedSuccessfully:
            guard exited else { return .pending(replica.status) }
            return replica.exitCode == 0
                ? .satisfied
                : .failed("service \(replica.labels[ComposeLabel.service] ?? replica.name) didn't complete successfully: container \(replica.name) exited with code \(replica.exitCode)")
        case .started:
            return replica.status == "running" || exited ? .satisfied : .pending(replica.status)
        }
    }
}
