import ComposeModel
import PlanModel

/// `up --wait` (docker compose: wait for every started service to be
/// running, or healthy where it has a healthcheck): one WaitCondition node
/// per service with containers, after everything the plan does to that
/// service, so the executor's wait machinery does the waiting and the wait
/// is visible in the plan. Not part of reconciliation.md; absent without
/// `--wait`, so no other plan changes.
extension ReconcileRun {
    mutating func planWaits() {
        for name in serviceOrder {
            let service = project.services[name]!
            guard service.desiredScale > 0 else { continue }
            let healthy = service.healthcheck.map { !$0.isDisabled && $0.test != nil } ?? false
            let condition: DependencyCondition = healthy ? .healthy : .started
            // A dependent's wait for the same condition already covers it.
            let key = "\(name):\(condition.rawValue):true"
            guard waitNodes[key] == nil else { continue }
            var targets = (startNodes[name] ?? []) + (notRunningStarts[name] ?? [])
            if targets.isEmpty, let last = serviceNodes[name] { targets = [last] }
            let wait = builder.add(.waitCondition, .wait(service: name, condition: condition),
                                   cause: "--wait: service \(name) must be \(condition == .healthy ? "healthy" : "running")",
                                   after: targets,
                                   details: OperationDetails(service: name, condition: condition, timeout: options.waitTimeout))
            waitNodes[key] = wait
        }
    }
}
