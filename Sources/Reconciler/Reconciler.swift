import ComposeModel
import PlanModel

/// Compares a project's desired state with its observed state and produces
/// the plan that converges them, exactly as `reconciliation.md` specifies.
///
/// A pure function of its inputs: it does no I/O. The only interaction is
/// `confirm`, asked before planning the recreation of a volume whose
/// configuration changed (it destroys the volume's data).
public enum Reconciler {
    /// Plans `project` against `observed`.
    ///
    /// - Parameters:
    ///   - hashes: config hashes computed ahead from `project`; the plan is
    ///     the same without them.
    ///   - confirm: answers a yes/no question; `false` declines.
    public static func plan(project: Project, observed: ObservedState, options: PlanOptions, hashes: ServiceHashes = .none,
                            confirm: (String) -> Bool) throws(ReconcileError) -> Plan {
        let result: Result<Plan, ReconcileError> = withoutActuallyEscaping(confirm) { confirm in
            var run = ReconcileRun(project: project, observed: observed, options: options, hashes: hashes, confirm: confirm)
            do {
                try run.reconcile()
            } catch let error as ReconcileError {
                return .failure(error)
            } catch {
                return .failure(ReconcileError("\(error)"))
            }
            let plan = Plan(nodes: run.builder.nodes, warnings: run.warnings)
            // The run's tables (tens of thousands of entries for a large
            // project) are freed on another thread; `confirm` cannot leave
            // this closure, so the run lets go of it first.
            run.confirm = { _ in false }
            BackgroundRelease.release(run)
            return .success(plan)
        }
        return try result.get()
    }
}

/// The state of one reconciliation, threaded through its steps.
struct ReconcileRun {
    let project: Project
    /// The observed state; services whose containers a confirmed volume
    /// recreation removes are cleared from it.
    var observed: ObservedState
    /// The observed state as given, for config-hash reference resolution.
    let observedAtStart: ObservedState
    let options: PlanOptions
    var confirm: (String) -> Bool
    /// The project's active services by name, sorted once for the run.
    let serviceNames: [String]
    /// The same in the order they are planned (`ServiceOrder`).
    let serviceOrder: [String]

    var builder = PlanBuilder()
    var warnings: [String] = []

    /// The last plan node of each network / volume, by compose key.
    var networkNodes: [String: Int] = [:]
    var volumeNodes: [String: Int] = [:]
    /// The last plan node of each service.
    var serviceNodes: [String: Int] = [:]
    /// The stop node of each container the plan stops, by container id.
    var stoppedByPlan: [String: Int] = [:]
    /// The network connects and disconnects planned for each container, by
    /// container id: its removal and its start wait for them.
    var connectNodes: [String: [Int]] = [:]
    /// Ids of the orphans (`resource(of:)` names them `orphan:<name>`).
    let orphanIDs: Set<String>
    /// Orphans already removed earlier in the plan (they mounted a recreated volume).
    var removedOrphans: Set<String> = []
    /// Services with at least one container recreated by this plan.
    var recreatedServices: Set<String> = []
    /// Start-phase StartContainer nodes of each service.
    var startNodes: [String: [Int]] = [:]
    /// Creation-phase `not running` StartContainer nodes of each service.
    /// Another node of the service (a scale-down, a create) can come after
    /// them, so the service's last node does not cover them: waits and
    /// dependents' starts name them too.
    var notRunningStarts: [String: [Int]] = [:]
    /// Shared WaitCondition nodes by `service:condition:required`.
    var waitNodes: [String: Int] = [:]
    /// Services depending on each service with `restart: true`, sorted.
    let restartDependents: [String: [String]]
    /// Each service's lifecycle hooks (`post_start`, `pre_stop`), read once
    /// by `validate()`; services without hooks are absent.
    var hooks: [String: [ServiceHook.Moment: [ServiceHook]]] = [:]
    /// The config hash each service's containers must carry, by service
    /// name (`ExpectedHashes`, computed from `observedAtStart`).
    let expectedHashes: [String: String]
    /// The live network / volume selected for each compose key.
    var resolvedNetworks: [String: ObservedNetwork] = [:]
    var resolvedVolumes: [String: ObservedVolume] = [:]
    /// Networks with the selected network's key and name but another id,
    /// by compose key: the plan removes them.
    var duplicateNetworks: [String: [ObservedNetwork]] = [:]
    /// Volumes with the selected volume's key and config hash, by compose
    /// key, that no container mounts: the plan removes them.
    var duplicateVolumes: [String: [ObservedVolume]] = [:]
    /// Endpoints the plan moves off duplicate networks, by container id.
    var movedEndpoints: [String: [(from: String, to: String)]] = [:]
    /// The `PullImage` node of each image reference the plan pulls.
    var pullNodes: [String: Int] = [:]
    /// The `BuildImage` node of each image name the plan builds.
    var buildNodes: [String: Int] = [:]
    /// What each observed image will be after the plan.
    var imageOutlooks: [String: ImagePullDecision.Outlook] = [:]
    /// Why the first create that needs an image no one pulls cannot run:
    /// the plan fails with it.
    var unavailableImage: String?
    /// The tools whose hash labels made containers look changed when no
    /// field differs (one entry per container): `--adopt` would keep them.
    var adoptable: [String] = []

    init(project: Project, observed: ObservedState, options: PlanOptions, hashes: ServiceHashes = .none,
         confirm: @escaping (String) -> Bool) {
        self.project = project
        self.observed = observed
        self.observedAtStart = observed
        self.orphanIDs = Set(observed.orphans.map(\.id))
        self.options = options
        self.confirm = confirm
        serviceNames = project.serviceNames
        serviceOrder = ServiceOrder.dependencyOrder(of: project, sortedNames: serviceNames)
        var restartDependents: [String: [String]] = [:]
        for name in serviceNames {
            for (dependency, config) in project.services[name]!.dependsOn where config.restart {
                restartDependents[dependency, default: []].append(name)
            }
        }
        self.restartDependents = restartDependents
        self.expectedHashes = ExpectedHashes.compute(project: project, observed: observed, known: hashes)
        // Room for the usual plan at once (a replacement is four nodes, a
        // start one more), and for the tables kept per service and per
        // container: growing tens of thousands of entries by doubling copies
        // (and rehashes) them and touches twice the memory.
        let replicas = project.services.values.reduce(0) { $0 + $1.desiredScale }
        let containers = observed.containers.values.reduce(observed.orphans.count) { $0 + $1.count }
        builder.reserveCapacity(5 * max(replicas, containers) + project.networks.count + project.volumes.count,
                                services: project.services.count)
        stoppedByPlan.reserveCapacity(containers)
        serviceNodes.reserveCapacity(project.services.count)
        startNodes.reserveCapacity(project.services.count)
    }

    mutating func reconcile() throws(ReconcileError) {
        try validate()
        resolveObserved()
        planImages()
        planBuilds()
        reconcileNetworks()
        reconcileVolumes()
        for service in serviceOrder {
            reconcileService(project.services[service]!)
        }
        if options.start && options.wait == true { planWaits() }
        if options.removeOrphans { reconcileOrphans() }
        if let unavailableImage { throw ReconcileError(unavailableImage) }
        if !adoptable.isEmpty {
            let writers = Set(adoptable).sorted().joined(separator: ", ")
            let count = adoptable.count == 1 ? "1 container differs" : "\(adoptable.count) containers differ"
            warnings.append("\(count) from the compose files only in the config hash label (written by \(writers)); plan with --adopt to keep \(adoptable.count == 1 ? "it" : "them") instead of recreating")
        }
    }

    /// Plan-time checks that depend on the options; reads the hooks.
    private mutating func validate() throws(ReconcileError) {
        // By name, active services first; the names are sorted rather than
        // the configurations, which are large values to move around.
        for (services, names) in [(project.services, serviceNames), (project.disabledServices, project.disabledServices.keys.sorted())] {
            for name in names {
                for moment in ServiceHook.Moment.allCases {
                    do {
                        let list = try services[name]!.hooks(moment)
                        if !list.isEmpty { hooks[name, default: [:]][moment] = list }
                    } catch {
                        throw ReconcileError(error.description)
                    }
                }
            }
        }
        for name in serviceNames where project.services[name]!.desiredScale > 0 {
            do {
                _ = try project.services[name]!.buildConfig()
            } catch {
                throw ReconcileError(error.description)
            }
        }
        if options.recreate == .force && options.recreateDependencies == .never
            || options.recreate == .never && options.recreateDependencies == .force {
            throw ReconcileError("--force-recreate/--always-recreate-deps and --no-recreate are incompatible")
        }
        guard options.start else { return }
        for name in serviceNames {
            for (dependency, config) in project.services[name]!.dependsOn.sorted(by: { $0.key < $1.key })
            where config.condition == .healthy {
                guard let target = project.services[dependency], target.desiredScale > 0 else { continue }
                if target.healthcheck == nil || target.healthcheck!.isDisabled || target.healthcheck!.test == nil {
                    throw ReconcileError("service \"\(name)\" waits for \"\(dependency)\" to be healthy (depends_on condition service_healthy), but \"\(dependency)\" has no healthcheck")
                }
            }
        }
    }

    /// Picks the live network and volume for every compose key; other live
    /// resources sharing a key are left alone and reported.
    private mutating func resolveObserved() {
        for key in project.networks.keys.sorted() {
            guard let (selected, duplicates, leftovers) = observed.selectNetwork(key: key, desiredName: project.networks[key]!.name)
            else { continue }
            resolvedNetworks[key] = selected
            if !duplicates.isEmpty && !project.networks[key]!.external { duplicateNetworks[key] = duplicates }
            for leftover in leftovers {
                warnings.append("network \"\(leftover.name)\" (id \(leftover.id)) also carries the compose label for \"\(key)\"; using \"\(selected.name)\" and leaving it untouched")
            }
        }
        for key in project.volumes.keys.sorted() {
            guard let (selected, leftovers) = observed.selectVolume(key: key, desiredName: project.volumes[key]!.name) else { continue }
            resolvedVolumes[key] = selected
            for leftover in leftovers where !project.volumes[key]!.external && !selected.configHash.isEmpty
                && leftover.configHash == selected.configHash && observed.containers(mounting: leftover.name).isEmpty {
                duplicateVolumes[key, default: []].append(leftover)
            }
            for leftover in leftovers where !(duplicateVolumes[key] ?? []).contains(leftover) {
                warnings.append("volume \"\(leftover.name)\" also carries the compose label for \"\(key)\"; using \"\(selected.name)\" and leaving it untouched")
            }
        }
    }

    private mutating func reconcileOrphans() {
        // An orphan on a recreated network was already stopped and
        // disconnected there; one mounting a recreated volume, removed.
        for orphan in observed.orphans where !removedOrphans.contains(orphan.id) {
            removeOrphan(orphan)
        }
    }

    /// The stop timeout for a container of `service`: `--timeout`, else the
    /// service's stop_grace_period, else the engine's default.
    func stopTimeout(for service: String) -> Double? {
        options.stopTimeout ?? (project.services[service] ?? project.disabledServices[service])?.stopGracePeriod?.seconds
    }
}
