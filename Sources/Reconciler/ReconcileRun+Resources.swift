import ComposeModel
import PlanModel

/// Steps 1 and 2 of reconciliation.md: networks, then volumes.
extension ReconcileRun {
    mutating func reconcileNetworks() {
        var diverged: [(key: String, duplicatesRemoved: Int?)] = []
        for key in project.networks.keys.sorted() {
            let desired = project.networks[key]!
            if desired.external { continue }
            guard let live = resolvedNetworks[key] else {
                networkNodes[key] = builder.add(.createNetwork, .network(key: key), cause: "not found",
                                                details: OperationDetails(name: desired.name, key: key, network: desired))
                continue
            }
            let isCurrent = live.configHash.isEmpty || live.configHash == ConfigHasher.hash(network: desired)
            let duplicatesRemoved = planDuplicateNetworkRemoval(key, keptIsRecreated: !isCurrent)
            if isCurrent {
                if let duplicatesRemoved { networkNodes[key] = duplicatesRemoved }
                continue
            }
            diverged.append((key, duplicatesRemoved))
        }
        for (key, duplicatesRemoved) in diverged { planNetworkRecreate(key, after: duplicatesRemoved) }
    }

    /// Stop and disconnect every attached container, remove the network,
    /// create it again (after `duplicatesRemoved`: Docker refuses a second
    /// network of a name), reconnect the containers.
    private mutating func planNetworkRecreate(_ key: String, after duplicatesRemoved: Int?) {
        let live = resolvedNetworks[key]!
        let desired = project.networks[key]!
        let attached = servicesUsing(network: key).flatMap { observed.containers[$0] ?? [] }
        let rename = live.name != desired.name
        // Docker refuses to remove a network that still has endpoints. Other
        // project containers on it (orphans, containers of disabled services
        // or of services that left the network) are stopped and disconnected
        // too; a rename's removal is only best-effort, so it leaves them be.
        let attachedIDs = Set(attached.map(\.id))
        let bystanders = rename ? [] : observed.containers(connectedTo: live.id).filter { !attachedIDs.contains($0.id) }
        var disconnects: [Int] = []
        for container in attached + bystanders {
            let stop = stopOnce(container, cause: "network \(key) config changed")
            let disconnect = builder.add(.disconnectNetwork, resource(of: container), cause: "network \(key) recreate", after: [stop],
                                         details: OperationDetails(service: container.service, number: container.number,
                                                                   name: live.name, key: key, container: container.reference,
                                                                   networkID: live.id))
            disconnects.append(disconnect)
            // A bystander's removal or start waits for its disconnect; an
            // attached container's wait for its reconnect, which comes after.
            if !attachedIDs.contains(container.id) { connectNodes[container.id, default: []].append(disconnect) }
        }
        let remove = builder.add(.removeNetwork, .network(key: key),
                                 cause: rename ? "renamed (best-effort cleanup)" : "config hash diverged",
                                 after: disconnects, bestEffort: rename,
                                 details: OperationDetails(name: live.name, key: key, networkID: live.id))
        if !rename, let explanation = observed.networkExplanations[key] { builder.explain(remove, explanation) }
        let create = builder.add(.createNetwork, .network(key: key), cause: rename ? "renamed" : "recreate after config change",
                                 after: (rename ? [] : [remove]) + (duplicatesRemoved.map { [$0] } ?? []),
                                 details: OperationDetails(name: desired.name, key: key, network: desired))
        networkNodes[key] = create
        for (index, container) in attached.enumerated() {
            let attachment = project.services[container.service]?.networks[key]
            let connect = builder.add(.connectNetwork, .container(service: container.service, number: container.number),
                                      cause: "network \(key) recreate",
                                      after: rename ? [create, disconnects[index]] : [create],
                                      details: OperationDetails(service: container.service, number: container.number,
                                                                name: desired.name, key: key, container: container.reference,
                                                                attachment: attachment))
            connectNodes[container.id, default: []].append(connect)
        }
        planBystanderRestore(bystanders, network: key, after: create)
    }

    /// Puts back the bystanders of a network recreate that nothing else in
    /// the plan handles: an active service's container is left to its
    /// service (recreated, or started by the start phase), an orphan that
    /// `--remove-orphans` removes stays down; the others are reconnected
    /// and, if they were running, started again.
    private mutating func planBystanderRestore(_ bystanders: [ObservedContainer], network key: String, after create: Int) {
        let desired = project.networks[key]!
        for container in bystanders {
            let orphan = orphanIDs.contains(container.id)
            if orphan ? options.removeOrphans : project.services[container.service] != nil { continue }
            let resource = resource(of: container)
            let connect = builder.add(.connectNetwork, resource, cause: "network \(key) recreate", after: [create],
                                      details: OperationDetails(service: container.service, number: container.number,
                                                                name: desired.name, key: key, container: container.reference))
            connectNodes[container.id, default: []].append(connect)
            guard container.state == "running" || container.state == "restarting" else { continue }
            builder.add(.startContainer, resource, cause: "network \(key) recreate", after: [connect],
                        details: OperationDetails(service: container.service, number: container.number,
                                                  name: container.name, container: container.reference))
        }
    }

    /// The plan resource of an observed container: `orphan:<name>` or
    /// `service:<service>:<number>`.
    func resource(of container: ObservedContainer) -> PlanResource {
        orphanIDs.contains(container.id) ? .orphan(name: container.name) : .container(service: container.service, number: container.number)
    }

    /// Stops `container` unless this plan already does; returns the stop node.
    mutating func stopOnce(_ container: ObservedContainer, cause: String, group: String? = nil, after: [Int] = []) -> Int {
        if let existing = stoppedByPlan[container.id] { return existing }
        let details = orphanIDs.contains(container.id)
            ? OperationDetails(container: container.reference, timeout: options.stopTimeout)
            : OperationDetails(service: container.service, number: container.number, container: container.reference,
                               timeout: stopTimeout(for: container.service))
        let hooksDone = planPreStopHooks(of: container, group: group, after: after)
        let stop = builder.add(.stopContainer, resource(of: container), cause: cause, group: group, after: hooksDone, details: details)
        stoppedByPlan[container.id] = stop
        return stop
    }

    /// Stops an orphan (unless this plan already does) and removes it after
    /// its stop and its network operations; returns the removal.
    @discardableResult
    mutating func removeOrphan(_ orphan: ObservedContainer) -> Int {
        let stop = stopOnce(orphan, cause: "orphaned container")
        removedOrphans.insert(orphan.id)
        return builder.add(.removeContainer, resource(of: orphan), cause: "orphaned container",
                           after: [stop] + (connectNodes[orphan.id] ?? []), details: OperationDetails(container: orphan.reference))
    }

    mutating func reconcileVolumes() {
        var confirmed: [String] = []
        for key in project.volumes.keys.sorted() {
            let desired = project.volumes[key]!
            if desired.external { continue }
            guard var live = resolvedVolumes[key] else {
                volumeNodes[key] = builder.add(.createVolume, .volume(key: key), cause: "not found",
                                               details: OperationDetails(name: desired.name, key: key, volume: desired))
                continue
            }
            // A volume name is unique on a daemon, so a duplicate is another
            // name with the same labels and hash (a copy another tool made);
            // one that a container mounts is left alone (its data is in use).
            for duplicate in duplicateVolumes[key] ?? [] {
                builder.add(.removeVolume, .volume(key: key), cause: "duplicate of \(live.name)",
                            details: OperationDetails(name: duplicate.name, key: key))
            }
            if live.configHash.isEmpty || live.configHash == ConfigHasher.hash(volume: desired) { continue }
            if live.name != desired.name {
                // A rename is additive: the old volume and its data stay; containers
                // mounting it move to the new one (their mount no longer matches).
                volumeNodes[key] = builder.add(.createVolume, .volume(key: key), cause: "renamed",
                                               details: OperationDetails(name: desired.name, key: key, volume: desired))
                live.name = desired.name
                resolvedVolumes[key] = live
                continue
            }
            let question = "Volume \"\(desired.name)\" exists but doesn't match the configuration in the compose file. Recreate it (its data will be lost)?"
            if confirm(question) {
                confirmed.append(key)
            } else {
                warnings.append("volume \"\(desired.name)\" differs from the compose file but was not recreated (recreating it loses its data; confirm at the prompt or pass --yes)")
            }
        }
        planVolumeRecreate(confirmed)
    }

    /// Removes every container using the volumes (directly or through
    /// `volumes_from`), recreates the volumes, and leaves the services to be
    /// created afresh by the container step.
    private mutating func planVolumeRecreate(_ confirmedKeys: [String]) {
        // Docker refuses to remove a volume that any container mounts. Active
        // services whose containers still mount it are affected like its
        // users, orphans go when `--remove-orphans` removes them anyway; a
        // container the plan must keep (an orphan, a disabled service's)
        // leaves the volume as it is, with a warning.
        var keys: [String] = []
        var affected = Set<String>()
        var orphansToRemove: [ObservedContainer] = []
        for key in confirmedKeys {
            let users = Set(servicesUsing(volume: key))
            let others = observed.containers(mounting: resolvedVolumes[key]!.name).filter { !users.contains($0.service) }
            let kept = others.filter { orphanIDs.contains($0.id) ? !options.removeOrphans : project.services[$0.service] == nil }
            guard kept.isEmpty else {
                warnings.append("volume \"\(project.volumes[key]!.name)\" was not recreated: it is also mounted by \(kept.map { "\"\($0.name)\"" }.joined(separator: ", ")), which this plan keeps (remove it, or pass --remove-orphans for orphans)")
                continue
            }
            keys.append(key)
            affected.formUnion(users)
            for container in others {
                if orphanIDs.contains(container.id) { orphansToRemove.append(container) } else { affected.insert(container.service) }
            }
        }
        guard !keys.isEmpty else { return }
        let services = affected.sorted()
        var removals: [Int] = []
        for container in services.flatMap({ observed.containers[$0] ?? [] }) {
            let stop = stopOnce(container, cause: "mounted volume config changed")
            // A container reconnected by a network recreate is removed after its reconnects.
            removals.append(builder.add(.removeContainer, .container(service: container.service, number: container.number),
                                        cause: "mounted volume config changed", after: [stop] + (connectNodes[container.id] ?? []),
                                        details: OperationDetails(service: container.service, number: container.number,
                                                                  container: container.reference)))
        }
        for orphan in orphansToRemove.sorted(by: { ($0.name, $0.id) < ($1.name, $1.id) }) where !removedOrphans.contains(orphan.id) {
            removals.append(removeOrphan(orphan))
        }
        for key in keys {
            let desired = project.volumes[key]!
            let remove = builder.add(.removeVolume, .volume(key: key), cause: "config hash diverged", after: removals,
                                     details: OperationDetails(name: resolvedVolumes[key]!.name, key: key))
            if let explanation = observed.volumeExplanations[key] { builder.explain(remove, explanation) }
            volumeNodes[key] = builder.add(.createVolume, .volume(key: key), cause: "recreate after config change",
                                           after: [remove], details: OperationDetails(name: desired.name, key: key, volume: desired))
        }
        for service in services {
            recreatedServices.insert(service)
            observed.containers[service] = []
        }
    }

    /// Active services joining network `key`, sorted.
    func servicesUsing(network key: String) -> [String] {
        project.serviceNames.filter { project.services[$0]!.networks[key] != nil }
    }

    /// Active services mounting volume `key`, directly or through a chain of
    /// `volumes_from`, sorted.
    func servicesUsing(volume key: String) -> [String] {
        var users = Set(project.serviceNames.filter { name in
            project.services[name]!.volumes.contains { $0.isNamedVolume && $0.source == key }
        })
        var grew = true
        while grew {
            grew = false
            for name in project.serviceNames where !users.contains(name) {
                let sources = project.services[name]!.volumesFrom.compactMap(ServiceConfig.referencedService(inVolumesFrom:))
                if sources.contains(where: users.contains) {
                    users.insert(name)
                    grew = true
                }
            }
        }
        return users.sorted()
    }
}
