import ComposeModel
import PlanModel

/// Duplicate networks: Docker does not keep network names unique, so two
/// creates that race (two `up` at once, or another tool's) leave two
/// networks with the project's name and labels, and every later call that
/// names the network fails as ambiguous. The plan keeps one (selected by
/// `ObservedState.selectNetwork`: the one with endpoints, else the oldest),
/// moves the project containers connected to the others onto it, and
/// removes the others.
extension ReconcileRun {
    /// Plans the removal of network `key`'s duplicates, if any: each
    /// container connected to a duplicate is disconnected from it and, when
    /// the plan keeps it, connected to the kept network instead (unless the
    /// kept network is recreated: the recreate reconnects). Returns the
    /// removals, chained one after the other; the network's users wait for
    /// the last (a container cannot start on an ambiguous network name).
    mutating func planDuplicateNetworkRemoval(_ key: String, keptIsRecreated: Bool) -> Int? {
        guard let kept = resolvedNetworks[key], let duplicates = duplicateNetworks[key], !duplicates.isEmpty else { return nil }
        let attachment: (ObservedContainer) -> ServiceNetworkAttachment? = { [project] in project.services[$0.service]?.networks[key] }
        var last: Int?
        for duplicate in duplicates {
            var disconnects: [Int] = []
            for container in observed.containers(connectedTo: duplicate.id) {
                let disconnect = builder.add(.disconnectNetwork, resource(of: container), cause: "network \(key) duplicate removed",
                                             details: OperationDetails(service: container.service, number: container.number,
                                                                       name: duplicate.name, key: key, container: container.reference,
                                                                       networkID: duplicate.id))
                disconnects.append(disconnect)
                connectNodes[container.id, default: []].append(disconnect)
                let removedAnyway = orphanIDs.contains(container.id) && options.removeOrphans
                guard !keptIsRecreated, !removedAnyway, !container.networkIDs.contains(kept.id) else { continue }
                let connect = builder.add(.connectNetwork, resource(of: container), cause: "network \(key) duplicate removed",
                                          after: [disconnect],
                                          details: OperationDetails(service: container.service, number: container.number,
                                                                    name: kept.name, key: key, container: container.reference,
                                                                    attachment: attachment(container), networkID: kept.id))
                connectNodes[container.id, default: []].append(connect)
                movedEndpoints[container.id, default: []].append((from: duplicate.id, to: kept.id))
            }
            last = builder.add(.removeNetwork, .network(key: key), cause: "duplicate of \(kept.id)",
                               after: disconnects + (last.map { [$0] } ?? []),
                               details: OperationDetails(name: duplicate.name, key: key, networkID: duplicate.id))
        }
        // Containers that stay on the kept network, and those moved onto
        // it, start only once the name is no longer ambiguous.
        if let last {
            for container in observed.containers(connectedTo: kept.id) { connectNodes[container.id, default: []].append(last) }
            for id in movedEndpoints.keys { connectNodes[id, default: []].append(last) }
            applyMovedEndpoints()
        }
        return last
    }

    /// The observed containers as they will be after the moves: connected to
    /// the kept network, so the container step does not recreate them for
    /// a missing network.
    private mutating func applyMovedEndpoints() {
        for service in observed.containers.keys {
            for index in observed.containers[service]!.indices {
                let id = observed.containers[service]![index].id
                for move in movedEndpoints[id] ?? [] {
                    observed.containers[service]![index].networkIDs.remove(move.from)
                    observed.containers[service]![index].networkIDs.insert(move.to)
                }
            }
        }
    }
}
