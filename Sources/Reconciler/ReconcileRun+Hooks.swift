import ComposeModel
import PlanModel

/// Lifecycle hooks (compose 2.30+) as plan nodes: a `post_start` hook runs
/// in the container right after its start, a `pre_stop` hook right before
/// its stop, each as its own `RunHook` node so the plan shows them:
///
///     start ── post_start hook 1 ── post_start hook 2 ── (dependents)
///     (after) ── pre_stop hook 1 ── stop
extension ReconcileRun {
    /// Chains `service`'s post_start hooks after `start`; returns the node
    /// that ends the start (the last hook, else the start itself).
    mutating func planPostStartHooks(of service: String, number: Int, after start: Int, details: OperationDetails) -> Int {
        planHooks(.postStart, service: service, number: number, after: [start], group: nil, details: details)
    }

    /// Chains the pre_stop hooks of `container`'s service (when it is running
    /// and its service has some) after `after`; returns the nodes the stop
    /// must then follow. A pre_stop hook is best-effort: its failure warns
    /// and the stop goes ahead, so a recreate is never left half done.
    mutating func planPreStopHooks(of container: ObservedContainer, group: String?, after: [Int]) -> [Int] {
        guard container.state == "running", !orphanIDs.contains(container.id),
              hooks[container.service]?[.preStop] != nil else { return after }
        let details = OperationDetails(service: container.service, number: container.number, name: container.name,
                                       container: container.reference)
        return [planHooks(.preStop, service: container.service, number: container.number, after: after, group: group,
                          details: details)]
    }

    private mutating func planHooks(_ moment: ServiceHook.Moment, service: String, number: Int, after: [Int],
                                    group: String?, details: OperationDetails) -> Int {
        let list = hooks[service]?[moment] ?? []
        var previous = after
        var last = after.last ?? 0
        for (index, hook) in list.enumerated() {
            var hookDetails = details
            hookDetails.hook = hook
            hookDetails.hookMoment = moment
            last = builder.add(.runHook, .container(service: service, number: number),
                               cause: list.count == 1 ? "\(moment.rawValue) hook" : "\(moment.rawValue) hook \(index + 1) of \(list.count)",
                               group: group, after: previous, bestEffort: moment == .preStop, details: hookDetails)
            previous = [last]
        }
        return last
    }
}
