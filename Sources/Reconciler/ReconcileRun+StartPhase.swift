import ComposeModel
import PlanModel

/// The start phase of reconciliation.md (for `up`, absent with `--no-start`).
extension ReconcileRun {
    /// Plans the starts of `service`'s replicas that will not be running at
    /// the end of the plan; returns the last start node, if any.
    mutating func planStarts(of service: ServiceConfig, candidates: [StartCandidate]) -> Int? {
        let toStart = candidates.filter { !$0.running }
        guard !toStart.isEmpty else { return nil }
        let dependencies = startDependencies(of: service)
        var last: Int?
        for candidate in toStart {
            let details = OperationDetails(service: service.name, number: candidate.number,
                                           name: project.containerName(service: service, number: candidate.number),
                                           container: candidate.container, createdBy: candidate.createdBy)
            let start = builder.add(.startContainer, .container(service: service.name, number: candidate.number), cause: "service start",
                                    after: dependencies + candidate.after, details: details)
            // Dependents wait for the post_start hooks too, as docker compose
            // runs them as part of the start.
            let started = planPostStartHooks(of: service.name, number: candidate.number, after: start, details: details)
            startNodes[service.name, default: []].append(started)
            last = started
        }
        return last
    }

    /// The nodes a service's starts wait for: each dependency's start nodes
    /// (or its last node when it starts nothing), and a shared WaitCondition
    /// for each condition other than `service_started`.
    ///
    /// A dependency's start nodes include its creation-phase `not running`
    /// starts (paused or dead containers): a wait that ran before one of
    /// them would find the container stopped and fail.
    private mutating func startDependencies(of service: ServiceConfig) -> [Int] {
        var result: [Int] = []
        for name in service.dependsOn.keys.sorted() {
            let dependency = service.dependsOn[name]!
            var targets = startNodes[name] ?? []
            if targets.isEmpty, let last = serviceNodes[name] { targets = [last] }
            targets += notRunningStarts[name] ?? []  // the builder sorts and dedupes
            result.append(contentsOf: targets)
            guard dependency.condition != .started, let target = project.services[name], target.desiredScale > 0 else { continue }
            let key = "\(name):\(dependency.condition.rawValue):\(dependency.required)"
            if let shared = waitNodes[key] {
                result.append(shared)
                continue
            }
            let wait = builder.add(.waitCondition, .wait(service: name, condition: dependency.condition),
                                   cause: "dependency \(name) must be \(dependency.condition.rawValue)",
                                   after: targets, optional: !dependency.required,
                                   details: OperationDetails(service: name, condition: dependency.condition,
                                                             timeout: options.waitTimeout))
            waitNodes[key] = wait
            result.append(wait)
        }
        return result
    }
}
