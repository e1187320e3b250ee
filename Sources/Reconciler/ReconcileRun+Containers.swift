import ComposeModel
import PlanModel

/// Step 3 of reconciliation.md: the containers of one service, then (for
/// `up`) its start phase.
extension ReconcileRun {
    /// A replica the start phase may have to start.
    struct StartCandidate {
        var number: Int
        /// Nodes the start must follow (its create, rename, stop, reconnects).
        var after: [Int] = []
        /// The existing container, when not created by this plan.
        var container: ContainerReference?
        /// The create node whose result is the container, when created by this plan.
        var createdBy: Int?
        /// Running and left alone: nothing to start.
        var running = false
    }

    mutating func reconcileService(_ service: ServiceConfig) {
        let expected = service.desiredScale
        var containers = observed.containers[service.name] ?? []
        let actual = containers.count
        let targeted = options.services.isEmpty || options.services.contains(service.name)
        let policy = targeted ? options.recreate : options.recreateDependencies
        let expectedHash = expectedHashes[service.name]!
        let parentRecreated = service.namespaceParents.contains(where: recreatedServices.contains)

        // Containers to recreate last; among equals, lower numbers first.
        // Each keeps its reason beside it (no dictionary per service).
        var decided = containers.map {
            (container: $0,
             reason: recreateReason($0, service: service, expectedHash: expectedHash, parentRecreated: parentRecreated, policy: policy))
        }
        decided.sort { a, b in
            let (obsoleteA, obsoleteB) = (a.reason != nil, b.reason != nil)
            if obsoleteA != obsoleteB { return !obsoleteA }
            if a.container.number != b.container.number { return a.container.number < b.container.number }
            return a.container.created > b.container.created
        }
        containers = decided.map(\.container)

        let infrastructure = infrastructureDependencies(of: service)
        let pulls = imageDependencies(of: service)
        var lastNode: Int?
        var candidates: [StartCandidate] = []
        // A recreate interrupted after its create (a crash, a daemon that
        // died) leaves the replacement under its temporary name, beside the
        // old container that holds the final name or alone. A kept container
        // takes its final name once its holder is removed: the scale-downs
        // of such holders are planned first, and the removal of each name.
        var order = Array(containers.indices)
        if containers.count > expected {
            let finalNames = Set(containers.prefix(expected).map { project.containerName(service: service, number: $0.number) })
            let holdsFinalName = containers.indices.map { $0 >= expected && finalNames.contains(containers[$0].name) }
            order = containers.indices.filter { holdsFinalName[$0] } + containers.indices.filter { !holdsFinalName[$0] }
        }
        var nameFreedBy: [String: Int] = [:]
        for index in order {
            let container = containers[index]
            let resource = PlanResource.container(service: service.name, number: container.number)
            let finalName = project.containerName(service: service, number: container.number)
            if index >= expected {
                // A container the plan already stops (network recreate, restart: true
                // dependent) is not stopped twice, and is removed after its reconnects.
                let stop = stopOnce(container, cause: "scale down")
                // Removing the container that `service:X` references point to
                // (the lowest-numbered one) leaves dependents with stale
                // references, as a recreate does: cascade the same way.
                if container.id == observedAtStart.lowestNumberedContainerID(of: service.name) {
                    recreatedServices.insert(service.name)
                }
                let remove = builder.add(.removeContainer, resource, cause: "scale down",
                                         after: [stop] + (connectNodes[container.id] ?? []),
                                         details: OperationDetails(service: service.name, number: container.number,
                                                                   container: container.reference))
                nameFreedBy[container.name] = remove
                lastNode = remove
                continue
            }
            if let reason = decided[index].reason {
                noteCreate(of: service)
                let (rename, create) = planRecreate(container, of: service, because: reason, infrastructure: infrastructure + pulls,
                                                    finalName: finalName, finalNameFreedBy: nameFreedBy[finalName])
                lastNode = rename
                if reason.condition == nil {
                    recreatedServices.insert(service.name)
                    candidates.append(StartCandidate(number: container.number, after: [rename], createdBy: create))
                } else {
                    // When the recreate turns out unchanged, the start acts
                    // on the container that stayed (a no-op if it runs).
                    candidates.append(StartCandidate(number: container.number, after: [rename], container: container.reference,
                                                     createdBy: create))
                }
                continue
            }
            // Kept under a temporary name: it takes its final name. (Other
            // names, such as docker-compose 1.x's `project_web_1`, stay.)
            var renamed: [Int] = []
            if Self.isTemporaryName(container.name, of: finalName) {
                let rename = builder.add(.renameContainer, resource, cause: "finalize recreate",
                                         after: nameFreedBy[finalName].map { [$0] } ?? [],
                                         details: OperationDetails(service: service.name, number: container.number, name: finalName,
                                                                   container: container.reference))
                renamed = [rename]
                lastNode = rename
            }
            switch container.state {
            case "running", "restarting":
                if let stop = stoppedByPlan[container.id] {
                    candidates.append(StartCandidate(number: container.number,
                                                     after: [stop] + (connectNodes[container.id] ?? []) + renamed,
                                                     container: container.reference))
                } else {
                    candidates.append(StartCandidate(number: container.number, running: true))
                }
            case "created", "exited":
                candidates.append(StartCandidate(number: container.number, after: (connectNodes[container.id] ?? []) + renamed,
                                                 container: container.reference))
            default:
                let start = builder.add(.startContainer, resource, cause: "not running", after: infrastructure + renamed,
                                        revivesContainer: true,
                                        details: OperationDetails(service: service.name, number: container.number,
                                                                  name: container.name, container: container.reference))
                notRunningStarts[service.name, default: []].append(start)
                lastNode = start
            }
        }

        // Scale up: numbers continue after the highest observed one.
        let next = (containers.map(\.number).max() ?? 0) + 1
        if expected > actual {
            for number in next..<(next + expected - actual) {
                noteCreate(of: service)
                let create = builder.add(.createContainer, .container(service: service.name, number: number),
                                         cause: "no existing container",
                                         after: infrastructure + pulls + namespaceParentNodes(of: service),
                                         details: OperationDetails(service: service.name, number: number,
                                                                   name: project.containerName(service: service, number: number),
                                                                   serviceConfig: service))
                lastNode = create
                candidates.append(StartCandidate(number: number, after: [create], createdBy: create))
            }
        }

        if options.start, let lastStart = planStarts(of: service, candidates: candidates) {
            lastNode = lastStart
        }
        if let lastNode { serviceNodes[service.name] = lastNode }
    }

    /// Why a container is recreated: its configuration (or a parent,
    /// network or volume, or `--force-recreate`), its image, or a rebuild
    /// of its image that may give the image it runs (then the recreate is
    /// conditional); with what differs, field by field, where known.
    enum RecreateReason {
        case configuration(ChangeExplanation?)
        case image(ChangeExplanation)
        case imageIfRebuilt(RunCondition)

        /// The cause of the replacement's CreateContainer.
        var createCause: String {
            switch self {
            case .configuration: "config changed (tmpName)"
            case .image: "image changed (tmpName)"
            case .imageIfRebuilt: "image rebuilt (if changed)"
            }
        }

        /// The condition of a conditional recreate's nodes.
        var condition: RunCondition? {
            if case .imageIfRebuilt(let condition) = self { return condition }
            return nil
        }

        /// What differs, for the replacement's CreateContainer.
        var explanation: ChangeExplanation? {
            switch self {
            case .configuration(let explanation): explanation
            case .image(let explanation): explanation
            case .imageIfRebuilt: nil
            }
        }
    }

    /// Whether (and why) `container` must be replaced to match `service`.
    private mutating func recreateReason(_ container: ObservedContainer, service: ServiceConfig, expectedHash: String,
                                         parentRecreated: Bool, policy: RecreatePolicy) -> RecreateReason? {
        switch policy {
        case .never: return nil
        case .force: return .configuration(nil)
        case .diverged: break
        }
        if parentRecreated {
            let parents = service.namespaceParents.filter(recreatedServices.contains).sorted()
            return .configuration(ChangeExplanation(changes: parents.map {
                FieldChange(field: "service:\($0)", kind: .changed, before: "its current container", after: "its replacement")
            }))
        }
        if container.configHash != expectedHash {
            let explanation = observed.explanations[container.id]
            if let explanation, explanation.changes.isEmpty {
                // Only the hash label differs: another tool's hash.
                if options.adopt != true {
                    adoptable.append(explanation.hashWrittenBy ?? "another tool")
                    return .configuration(explanation)
                }
            } else {
                return .configuration(explanation)
            }
        }
        // A running container is matched by network id; a stopped one by
        // name (its endpoints may carry no id until it starts), and one
        // disconnected by hand before it stopped lacks the name too.
        let running = container.state == "running"
        for key in service.networks.keys.sorted() {
            guard let network = resolvedNetworks[key] else {
                // The plan creates the network: no existing container is on it
                // (one whose endpoint names a removed network cannot start).
                if project.networks[key]?.external == false {
                    return .configuration(ChangeExplanation(changes: [FieldChange(field: "networks", kind: .added, after: key)]))
                }
                continue
            }
            guard !network.id.isEmpty else { continue }
            if running ? !container.networkIDs.contains(network.id) : !container.networkNames.contains(network.name) {
                return .configuration(ChangeExplanation(changes: [FieldChange(field: "networks", kind: .added, after: key)]))
            }
        }
        for mount in service.volumes where mount.isNamedVolume {
            guard let volume = resolvedVolumes[mount.source!], !volume.name.isEmpty else { continue }
            if !container.mounts.contains(where: { $0.type == "volume" && $0.name == volume.name }) {
                return .configuration(ChangeExplanation(changes: [
                    FieldChange(field: "volumes", kind: .added, after: "volume \(volume.name):\(mount.target)"),
                ]))
            }
        }
        switch imageVerdict(container, service: service) {
        case .same: return nil
        case .changed(let after):
            let before = container.imageID.map(ImagePullDecision.short)
            return .image(ChangeExplanation(changes: [FieldChange(field: "image id", kind: .changed, before: before, after: after)]))
        case .changedIf(let condition): return .imageIfRebuilt(condition)
        }
    }

    /// The nodes a service's creates wait for: the last node of each of its
    /// networks and named volumes, and of each service it depends on.
    private func infrastructureDependencies(of service: ServiceConfig) -> [Int] {
        var dependencies: [Int] = []
        for key in service.networks.keys.sorted() {
            if let node = networkNodes[key] { dependencies.append(node) }
        }
        for mount in service.volumes where mount.isNamedVolume {
            if let node = volumeNodes[mount.source!] { dependencies.append(node) }
        }
        for name in service.dependsOn.keys.sorted() {
            if let node = serviceNodes[name] { dependencies.append(node) }
            // A paused or dead dependency's start can be followed by other
            // nodes of that service (a scale-down): wait for it as well.
            dependencies += notRunningStarts[name] ?? []
        }
        return dependencies
    }

    /// The nodes of the services whose namespace or volumes `service`
    /// shares (`network_mode`/`ipc`/`pid: service:X`, `volumes_from: X`)
    /// that X's last node does not already come after.
    ///
    /// Such a container is created against the lowest-numbered container
    /// of X *as it will be after the plan*, which is also what the next
    /// plan hashes against, so its create must follow every node of X. The
    /// infrastructure dependencies only name X's last node, and X's other
    /// replicas can be replaced on branches that node does not wait for
    /// (two recreates of X are independent chains); their nodes are named
    /// here. X is planned first, so they are all earlier: no cycle.
    /// (Executors before plan format 2 added these orderings at run time;
    /// now the plan shows them, and nothing else orders a run.)
    private func namespaceParentNodes(of service: ServiceConfig) -> [Int] {
        var extra: [Int] = []
        for parent in Set(service.namespaceParents).sorted() {
            guard let own = builder.replicaNodes[parent], let first = own.first else { continue }
            let covered = serviceNodes[parent].map { builder.ancestors(of: $0, from: first) } ?? []
            extra += own.filter { !covered.contains($0) }
        }
        return extra
    }

    /// Whether `name` is the name a recreate gives the replacement until
    /// its rename, `<12 characters of the old id>_<finalName>` (composeplan's
    /// and docker compose's).
    static func isTemporaryName(_ name: String, of finalName: String) -> Bool {
        name.utf8.count == finalName.utf8.count + 13 && name.hasSuffix("_" + finalName)
            && name.utf8.prefix(12).allSatisfy { (48...57).contains($0) || (97...122).contains($0) }
    }

    /// The four grouped steps of a recreate; returns the rename and create
    /// nodes. `finalName`: the container's name once replaced. The rename
    /// also waits for `finalNameFreedBy`, the removal of another container
    /// holding the final name (see `reconcileService`).
    private mutating func planRecreate(_ container: ObservedContainer, of service: ServiceConfig, because reason: RecreateReason,
                                       infrastructure: [Int], finalName: String, finalNameFreedBy: Int?) -> (rename: Int, create: Int) {
        let resource = PlanResource.container(service: service.name, number: container.number)
        let group = "recreate:\(service.name):\(container.number)"
        let temporaryName = "\(container.id.prefix(12))_\(finalName)"

        let firstNode = builder.nodes.count + 1
        // Dependents with restart: true are stopped first (not around a
        // conditional recreate: it may change nothing).
        var dependentStops: [Int] = []
        for dependent in reason.condition == nil ? restartDependents[service.name] ?? [] : [] {
            for other in observed.containers[dependent] ?? [] where stoppedByPlan[other.id] == nil {
                dependentStops.append(stopOnce(other, cause: "dependency \(service.name) being recreated"))
            }
        }
        let create = builder.add(.createContainer, resource, cause: reason.createCause, group: group,
                                 after: infrastructure + dependentStops + namespaceParentNodes(of: service),
                                 isReplacement: true,
                                 details: OperationDetails(service: service.name, number: container.number, name: temporaryName,
                                                           serviceConfig: service,
                                                           inheritVolumesFrom: options.renewAnonymousVolumes ? nil : container.reference))
        if let explanation = reason.explanation { builder.explain(create, explanation) }
        let replaced = "replaced by #\(create)"
        let stop: Int
        var removeAfter: [Int]
        if let earlier = stoppedByPlan[container.id] {
            stop = earlier
            removeAfter = [earlier, create]
        } else {
            stop = stopOnce(container, cause: replaced, group: group, after: [create])
            removeAfter = [stop]
        }
        removeAfter += connectNodes[container.id] ?? []
        let remove = builder.add(.removeContainer, resource, cause: replaced, group: group, after: removeAfter,
                                 details: OperationDetails(service: service.name, number: container.number,
                                                           container: container.reference))
        let rename = builder.add(.renameContainer, resource, cause: "finalize recreate", group: group,
                                 after: [remove] + (finalNameFreedBy.map { [$0] } ?? []),
                                 details: OperationDetails(service: service.name, number: container.number, name: finalName,
                                                           createdBy: create))
        if let condition = reason.condition { builder.setCondition(condition, from: firstNode) }
        return (rename, create)
    }
}
