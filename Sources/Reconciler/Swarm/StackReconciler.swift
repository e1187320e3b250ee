import ComposeModel
import DockerModel
import PlanModel

/// Plans a stack (`--target swarm`): compares the ``StackDefinition`` of
/// the compose files with the stack's observed ``StackState`` and returns
/// the plan that converges them. A pure function, like ``Reconciler``.
///
/// Order (see docs/reconciliation.md, "Stacks"): networks, then secrets
/// and configs (a changed content is a new version), then services in
/// name order (a create or an update, each followed by its
/// `WaitConverged`), then orphaned services (`--remove-orphans`), then
/// the secret and config versions nothing uses any more.
public enum StackReconciler {
    /// Plans `definition` against `state`.
    public static func plan(definition: StackDefinition, state: StackState,
                            options: PlanOptions) throws(ReconcileError) -> Plan {
        var run = StackRun(definition: definition, state: state, options: options)
        try run.reconcile()
        return Plan(nodes: run.builder.nodes, warnings: definition.warnings + run.warnings)
    }

    /// How long a `WaitConverged` waits without `--wait-timeout`.
    public static let defaultConvergeTimeout: Double = 180
}

/// The state of one stack reconciliation, threaded through its steps.
struct StackRun {
    let definition: StackDefinition
    let state: StackState
    let options: PlanOptions
    var builder = PlanBuilder()
    var warnings: [String] = []

    /// The `CreateNetwork` of each network the plan creates, by Swarm name.
    var networkNodes: [String: Int] = [:]
    /// The secret and config each compose key resolves to, and its create
    /// node when the plan creates it.
    var secrets = FileObjectChoices()
    var configs = FileObjectChoices()
    /// The last node of each service (its `WaitConverged`, or its
    /// `RemoveService`), by Swarm name: what a replaced version's removal
    /// waits for.
    var serviceDoneNodes: [String: Int] = [:]

    mutating func reconcile() throws(ReconcileError) {
        try planNetworks()
        secrets = try planFileObjects(definition.secrets, observed: state.secrets, all: state.allSecrets, kind: .secret)
        configs = try planFileObjects(definition.configs, observed: state.configs, all: state.allConfigs, kind: .config)
        try planServices()
        planOrphanedServices()
        planReplacedVersions(secrets, kind: .secret)
        planReplacedVersions(configs, kind: .config)
    }

    /// `CreateNetwork` (overlay) for each network the services use that
    /// does not exist; an external one must exist.
    mutating func planNetworks() throws(ReconcileError) {
        for name in definition.networks.keys.sorted() {
            let network = definition.networks[name]!
            if state.allNetworks.contains(where: { $0.name == name }) { continue }
            if network.external {
                throw ReconcileError("network \"\(name)\" is declared as external, but could not be found")
            }
            networkNodes[name] = builder.add(.createNetwork, .network(key: name), cause: "not found",
                                             details: OperationDetails(name: name, swarm: SwarmDetails(spec: network.request)))
        }
    }

    /// Which objects the services will use, what the plan creates, and
    /// which observed versions they replace.
    struct FileObjectChoices {
        /// The Swarm name each compose key resolves to.
        var names: [String: String] = [:]
        /// The create node of each key whose object the plan creates.
        var nodes: [String: Int] = [:]
        /// Observed versions of a key the new one replaces.
        var replaced: [String: [SwarmFileObjectSummary]] = [:]
        /// Plain name → the version the services must reference instead.
        var renames: [String: String] {
            var renames: [String: String] = [:]
            for (key, name) in names {
                if let plain = plainNames[key], plain != name { renames[plain] = name }
            }
            return renames
        }
        var plainNames: [String: String] = [:]
    }

    enum FileObjectKind {
        case secret, config

        var word: String { self == .secret ? "secret" : "config" }
        var create: OperationType { self == .secret ? .createSecret : .createConfig }
        var remove: OperationType { self == .secret ? .removeSecret : .removeConfig }
        func resource(_ name: String) -> PlanResource { self == .secret ? .secret(name: name) : .config(name: name) }
        var referenceName: String { self == .secret ? "SecretName" : "ConfigName" }
        var referenceField: String { self == .secret ? "Secrets" : "Configs" }
    }

    /// Secrets or configs are immutable in Swarm: one whose content the
    /// files changed is created again under a versioned name
    /// (`<name>-<digest prefix>`), the services are updated to it, and the
    /// old version is removed once they converged. An object without
    /// composeplan's content digest label (made by `docker stack deploy`)
    /// is taken as current: Swarm never returns a secret's content.
    mutating func planFileObjects(_ wanted: [String: StackFileObject], observed: [SwarmFileObjectSummary],
                                  all: [SwarmFileObjectSummary], kind: FileObjectKind) throws(ReconcileError) -> FileObjectChoices {
        var choices = FileObjectChoices()
        for key in wanted.keys.sorted() {
            let object = wanted[key]!
            choices.plainNames[key] = object.name
            if object.external {
                guard all.contains(where: { $0.name == object.name }) else {
                    throw ReconcileError("\(kind.word) \"\(object.name)\" is declared as external, but could not be found")
                }
                choices.names[key] = object.name
                continue
            }
            let versions = observed.filter { $0.name == object.name || Self.isVersion($0.name, of: object.name) }
            if let current = versions.first(where: { $0.contentDigest == object.digest })
                ?? versions.first(where: { $0.name == object.name && $0.contentDigest == nil }) {
                choices.names[key] = current.name
                choices.replaced[key] = versions.filter { $0.id != current.id }
                continue
            }
            let name = versions.contains(where: { $0.name == object.name }) ? object.versionedName : object.name
            choices.names[key] = name
            choices.replaced[key] = versions
            choices.nodes[key] = builder.add(kind.create, kind.resource(name), cause: versions.isEmpty ? "not found" : "content changed",
                                             details: OperationDetails(name: name, key: key,
                                                                       swarm: SwarmDetails(spec: object.request(named: name, stack: definition.stack))))
        }
        return choices
    }

    /// `<name>-<12 hex digits>`: a version composeplan made.
    static func isVersion(_ candidate: String, of name: String) -> Bool {
        guard candidate.hasPrefix(name + "-") else { return false }
        let suffix = candidate.dropFirst(name.count + 1)
        return suffix.count == 12 && suffix.allSatisfy(\.isHexDigit)
    }
}
