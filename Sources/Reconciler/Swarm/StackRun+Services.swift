import ComposeModel
import DockerModel
import PlanModel

extension StackRun {
    /// For each service in name order: `CreateService` when the stack has
    /// none of that name, `UpdateService` when its spec differs (or a
    /// secret or config it uses got a new version), each followed by a
    /// `WaitConverged`. Swarm cannot change a service's mode: a service
    /// that switches between replicated and global is removed and created.
    mutating func planServices() throws(ReconcileError) {
        let comparison = ServiceSpecComparison(networkNames: Dictionary(state.allNetworks.map { ($0.id, $0.name) },
                                                                          uniquingKeysWith: { first, _ in first }))
        let renames = secrets.renames.merging(configs.renames) { first, _ in first }
        for key in definition.services.keys.sorted() {
            let service = definition.services[key]!
            let spec = service.spec(renaming: renames)
            var after = service.networks.compactMap { networkNodes[$0] }
            after += service.secrets.compactMap { secrets.nodes[$0] }
            after += service.configs.compactMap { configs.nodes[$0] }
            let swarm = SwarmDetails(spec: spec, replicas: service.replicas, updateParallelism: service.updateParallelism,
                                     updateOrder: service.updateOrder)
            guard let observed = state.services.first(where: { $0.name == service.name }) else {
                let create = builder.add(.createService, .stackService(name: service.name), cause: "not found", after: after,
                                         details: OperationDetails(service: key, name: service.name, swarm: swarm))
                planConvergence(of: service, after: create)
                continue
            }
            if observed.isGlobal != (service.replicas == nil) {
                let change = service.replicas == nil ? "replicated → global" : "global → replicated"
                let remove = builder.add(.removeService, .stackService(name: service.name), cause: "mode changed (\(change))",
                                         details: OperationDetails(service: key, name: service.name,
                                                                   swarm: SwarmDetails(objectID: observed.id)))
                let create = builder.add(.createService, .stackService(name: service.name), cause: "mode changed (\(change))",
                                         after: after + [remove],
                                         details: OperationDetails(service: key, name: service.name, swarm: swarm))
                planConvergence(of: service, after: create)
                continue
            }
            let changes = comparison.differences(desired: spec, observed: observed.spec)
            guard !changes.isEmpty else { continue }
            var update = swarm
            update.objectID = observed.id
            update.version = observed.version
            let node = builder.add(.updateService, .stackService(name: service.name),
                                   cause: cause(of: changes, service: service), after: after,
                                   details: OperationDetails(service: key, name: service.name, swarm: update))
            builder.explain(node, ChangeExplanation(changes: changes))
            planConvergence(of: service, after: node)
        }
    }

    /// The `WaitConverged` after a service's create or update.
    private mutating func planConvergence(of service: StackService, after node: Int) {
        let cause = service.replicas.map { "\($0) of \($0) tasks running" } ?? "a task running on every eligible node"
        var swarm = SwarmDetails(replicas: service.replicas, updateParallelism: service.updateParallelism,
                                 updateOrder: service.updateOrder)
        swarm.spec = nil
        serviceDoneNodes[service.name] = builder.add(
            .waitConverged, .stackService(name: service.name), cause: cause, after: [node],
            details: OperationDetails(service: service.key, name: service.name,
                                      timeout: options.waitTimeout ?? StackReconciler.defaultConvergeTimeout, swarm: swarm))
    }

    /// An update's cause: `replicas 2 → 3`, `image, environment changed`,
    /// `secret db_password changed` (a new version of its content).
    private func cause(of changes: [FieldChange], service: StackService) -> String {
        var parts: [String] = []
        var changed: [String] = []
        for change in changes {
            switch change.field {
            case "replicas": parts.append("replicas \(change.before ?? "1") → \(change.after ?? "0")")
            case "secrets" where service.secrets.contains(where: { secrets.nodes[$0] != nil }):
                changed += service.secrets.filter { secrets.nodes[$0] != nil }.map { "secret \($0)" }
            case "configs" where service.configs.contains(where: { configs.nodes[$0] != nil }):
                changed += service.configs.filter { configs.nodes[$0] != nil }.map { "config \($0)" }
            default: changed.append(change.field)
            }
        }
        if !changed.isEmpty { parts.insert("\(changed.joined(separator: ", ")) changed", at: 0) }
        return parts.joined(separator: ", ")
    }

    /// Services of the stack the files no longer have: removed with
    /// `--remove-orphans` (as `docker stack deploy --prune` does), else a
    /// warning.
    mutating func planOrphanedServices() {
        let wanted = Set(definition.services.values.map(\.name))
        for service in state.services.sorted(by: { $0.name < $1.name }) where !wanted.contains(service.name) {
            guard options.removeOrphans else {
                warnings.append("service \(service.name) is not in the compose files (--remove-orphans removes it)")
                continue
            }
            serviceDoneNodes[service.name] = builder.add(
                .removeService, .stackService(name: service.name), cause: "orphaned service",
                details: OperationDetails(name: service.name, swarm: SwarmDetails(objectID: service.id)))
        }
    }

    /// Removes the versions of a secret or config that a new version
    /// replaced, once every service that used them was updated (and
    /// converged) or removed. A version some service still uses stays.
    mutating func planReplacedVersions(_ choices: FileObjectChoices, kind: FileObjectKind) {
        for key in choices.replaced.keys.sorted() {
            for old in choices.replaced[key]!.sorted(by: { $0.name < $1.name }) {
                let users = state.services.filter { service in
                    let references = service.spec["TaskTemplate"]?["ContainerSpec"]?[kind.referenceField]?.arrayValue ?? []
                    return references.contains { $0[kind.referenceName]?.stringValue == old.name }
                }
                let waits = users.compactMap { serviceDoneNodes[$0.name] }
                guard waits.count == users.count else {
                    warnings.append("\(kind.word) \(old.name) stays: a service the plan does not change still uses it")
                    continue
                }
                let replacement = choices.nodes[key].map { "replaced by #\($0)" } ?? "replaced by \(choices.names[key] ?? key)"
                builder.add(kind.remove, kind.resource(old.name), cause: replacement, after: waits + (choices.nodes[key].map { [$0] } ?? []),
                            details: OperationDetails(name: old.name, key: key, swarm: SwarmDetails(objectID: old.id)))
            }
        }
    }
}
