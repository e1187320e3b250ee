import ComposeModel

/// One node of a plan: an atomic operation, why it is there, and the nodes
/// that must have succeeded before it may run.
public struct PlanNode: Codable, Hashable, Sendable, Identifiable {
    /// 1-based, in the order the reconciler added the node.
    public var id: Int
    public var type: OperationType
    /// What the operation acts on; its description is the plan text's
    /// resource field.
    public var resource: PlanResource
    /// Why the node is there, for people (`config changed (tmpName)`).
    /// Never decide behaviour on it: the flags below say what the
    /// reconciler meant.
    public var cause: String
    /// The group the node belongs to (`recreate:web:1`), if any.
    public var group: String?
    /// Ids of the nodes this one waits for, ascending; all smaller than `id`.
    public var dependsOn: [Int]
    /// A failure only warns and never fails the plan (renamed network cleanup).
    public var bestEffort: Bool
    /// An optional wait (`required: false`): a failure only warns.
    public var optional: Bool
    /// A CreateContainer that makes the replacement of an existing
    /// container under a temporary name: the first step of a recreate.
    public var isReplacement: Bool
    /// A StartContainer of a container found paused or dead (cause `not
    /// running`): the executor resumes a paused one instead of starting it.
    public var revivesContainer: Bool
    /// When set, the node runs only if the condition holds when it is
    /// ready; otherwise it ends `unchanged` without an engine call.
    public var condition: RunCondition?
    /// What the executor needs to carry the operation out.
    public var details: OperationDetails
    /// For a node that replaces an object because it differs from the
    /// compose files: the fields that differ (empty: none does, only the
    /// config hash label). `nil`: not explained (no inspect answer).
    public var changes: [FieldChange]?
    /// The tool whose config hash the object carries, when no field differs
    /// (`docker-compose 1.29.2`).
    public var hashWrittenBy: String?

    public init(id: Int, type: OperationType, resource: PlanResource, cause: String, group: String? = nil,
                dependsOn: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                isReplacement: Bool = false, revivesContainer: Bool = false, condition: RunCondition? = nil,
                details: OperationDetails = OperationDetails(), changes: [FieldChange]? = nil, hashWrittenBy: String? = nil) {
        self.id = id
        self.type = type
        self.resource = resource
        self.cause = cause
        self.group = group
        self.dependsOn = dependsOn
        self.bestEffort = bestEffort
        self.optional = optional
        self.isReplacement = isReplacement
        self.revivesContainer = revivesContainer
        self.condition = condition
        self.details = details
        self.changes = changes
        self.hashWrittenBy = hashWrittenBy
    }

    /// Whether a failure of this node only warns.
    public var failureOnlyWarns: Bool { bestEffort || optional }

    /// The compose service this node acts on: the service of a replica or
    /// a wait. An orphan belongs to no service of the project, even when
    /// its details remember the service label it carries.
    public var serviceName: String? {
        resource.serviceName
    }

    enum CodingKeys: String, CodingKey {
        case id, type, resource, cause, group, dependsOn, bestEffort, optional, isReplacement, revivesContainer, condition, details
        case changes, hashWrittenBy
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(id, forKey: .id)
        try container.encode(type, forKey: .type)
        try container.encode(resource, forKey: .resource)
        try container.encode(cause, forKey: .cause)
        try container.encodeIfPresent(group, forKey: .group)
        try container.encode(dependsOn, forKey: .dependsOn)
        try container.encode(bestEffort, forKey: .bestEffort)
        try container.encode(optional, forKey: .optional)
        if isReplacement { try container.encode(true, forKey: .isReplacement) }
        if revivesContainer { try container.encode(true, forKey: .revivesContainer) }
        try container.encodeIfPresent(condition, forKey: .condition)
        try container.encode(details, forKey: .details)
        try container.encodeIfPresent(changes, forKey: .changes)
        try container.encodeIfPresent(hashWrittenBy, forKey: .hashWrittenBy)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(Int.self, forKey: .id)
        type = try container.decode(OperationType.self, forKey: .type)
        resource = try container.decode(PlanResource.self, forKey: .resource)
        cause = try container.decode(String.self, forKey: .cause)
        group = try container.decodeIfPresent(String.self, forKey: .group)
        dependsOn = try container.decode([Int].self, forKey: .dependsOn)
        bestEffort = try container.decodeIfPresent(Bool.self, forKey: .bestEffort) ?? false
        optional = try container.decodeIfPresent(Bool.self, forKey: .optional) ?? false
        isReplacement = try container.decodeIfPresent(Bool.self, forKey: .isReplacement) ?? false
        revivesContainer = try container.decodeIfPresent(Bool.self, forKey: .revivesContainer) ?? false
        condition = try container.decodeIfPresent(RunCondition.self, forKey: .condition)
        details = try container.decodeIfPresent(OperationDetails.self, forKey: .details) ?? OperationDetails()
        changes = try container.decodeIfPresent([FieldChange].self, forKey: .changes)
        hashWrittenBy = try container.decodeIfPresent(String.self, forKey: .hashWrittenBy)
    }

    /// The explanation of the node's changes, when it has one.
    public var explanation: ChangeExplanation? {
        changes.map { ChangeExplanation(changes: $0, hashWrittenBy: hashWrittenBy) }
    }
}

/// The data an operation needs at execution time. Only the fields relevant
/// to the node's type are set.
public struct OperationDetails: Codable, Hashable, Sendable {
    /// The compose service of a container operation or a wait.
    public var service: String?
    /// The replica number of a container operation.
    public var number: Int?
    /// The name to create or rename a container to; the Docker name of the
    /// network or volume to create, remove, connect or disconnect.
    public var name: String?
    /// The compose key of the network or volume.
    public var key: String?
    /// The existing container the operation acts on.
    public var container: ContainerReference?
    /// The node whose result is the container this operation acts on (the
    /// create of a new container, for its rename and start).
    public var createdBy: Int?
    /// The normalized service to create a container from.
    public var serviceConfig: ServiceConfig? {
        get { sharedServiceConfig?.value }
        set { sharedServiceConfig = newValue.map(SharedValue.init) }
    }
    /// Where ``serviceConfig`` is kept: behind one reference, so that a
    /// node stays small. A configuration is hundreds of bytes holding
    /// dozens of references, and plans copy their nodes often (building,
    /// printing, writing, executing); inline, each copy of a create would
    /// retain and release every one of them. The other large optional
    /// values below (a network, a volume, an attachment, a hook, Swarm
    /// data) are kept the same way.
    private var sharedServiceConfig: SharedValue<ServiceConfig>?
    /// The container whose anonymous volumes the new container inherits.
    public var inheritVolumesFrom: ContainerReference?
    /// The network to create.
    public var network: NetworkConfig? {
        get { sharedNetwork?.value }
        set { sharedNetwork = newValue.map(SharedValue.init) }
    }
    private var sharedNetwork: SharedValue<NetworkConfig>?
    /// The volume to create.
    public var volume: VolumeConfig? {
        get { sharedVolume?.value }
        set { sharedVolume = newValue.map(SharedValue.init) }
    }
    private var sharedVolume: SharedValue<VolumeConfig>?
    /// The network attachment to connect with.
    public var attachment: ServiceNetworkAttachment? {
        get { sharedAttachment?.value }
        set { sharedAttachment = newValue.map(SharedValue.init) }
    }
    private var sharedAttachment: SharedValue<ServiceNetworkAttachment>?
    /// The condition of a wait.
    public var condition: DependencyCondition?
    /// Seconds: the stop timeout of a stop, the deadline of a wait.
    public var timeout: Double?
    /// The hook a `RunHook` runs, and when.
    public var hook: ServiceHook? {
        get { sharedHook?.value }
        set { sharedHook = newValue.map(SharedValue.init) }
    }
    private var sharedHook: SharedValue<ServiceHook>?
    public var hookMoment: ServiceHook.Moment?
    /// The registry's manifest digest a `PullImage` was planned with (`nil`
    /// when the registry could not say): the pull must bring this one, or
    /// the plan is stale.
    public var digest: String?
    /// The id of the existing network a remove, disconnect or connect
    /// addresses: Docker does not keep network names unique, so a name can
    /// be ambiguous. `nil` for a network this plan creates (the executor
    /// uses the id its create returned).
    public var networkID: String?
    /// The data of a Swarm operation (`--target swarm`).
    public var swarm: SwarmDetails? {
        get { sharedSwarm?.value }
        set { sharedSwarm = newValue.map(SharedValue.init) }
    }
    private var sharedSwarm: SharedValue<SwarmDetails>?

    public init(service: String? = nil, number: Int? = nil, name: String? = nil, key: String? = nil,
                container: ContainerReference? = nil, createdBy: Int? = nil, serviceConfig: ServiceConfig? = nil,
                inheritVolumesFrom: ContainerReference? = nil, network: NetworkConfig? = nil,
                volume: VolumeConfig? = nil, attachment: ServiceNetworkAttachment? = nil,
                condition: DependencyCondition? = nil, timeout: Double? = nil, hook: ServiceHook? = nil,
                hookMoment: ServiceHook.Moment? = nil, digest: String? = nil, networkID: String? = nil,
                swarm: SwarmDetails? = nil) {
        self.service = service
        self.number = number
        self.name = name
        self.key = key
        self.container = container
        self.createdBy = createdBy
        self.serviceConfig = serviceConfig
        self.inheritVolumesFrom = inheritVolumesFrom
        self.network = network
        self.volume = volume
        self.attachment = attachment
        self.condition = condition
        self.timeout = timeout
        self.hook = hook
        self.hookMoment = hookMoment
        self.digest = digest
        self.networkID = networkID
        self.swarm = swarm
    }

    /// The plan file's keys: the shared values under their properties' names.
    private enum CodingKeys: String, CodingKey {
        case service, number, name, key, container, createdBy, inheritVolumesFrom, condition, timeout, hookMoment, digest, networkID
        case sharedServiceConfig = "serviceConfig", sharedNetwork = "network", sharedVolume = "volume"
        case sharedAttachment = "attachment", sharedHook = "hook", sharedSwarm = "swarm"
    }
}

/// An immutable value behind a reference, compared and hashed by value:
/// for a large value that a small, often-copied struct holds.
final class SharedValue<Value: Hashable & Sendable>: Hashable, Sendable {
    let value: Value

    init(_ value: Value) {
        self.value = value
    }

    static func == (lhs: SharedValue, rhs: SharedValue) -> Bool {
        lhs === rhs || lhs.value == rhs.value
    }

    func hash(into hasher: inout Hasher) {
        hasher.combine(value)
    }
}

/// Encoded as the value itself.
extension SharedValue: Codable where Value: Codable {
    convenience init(from decoder: any Decoder) throws {
        self.init(try decoder.singleValueContainer().decode(Value.self))
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}

/// An existing container, as observed.
public struct ContainerReference: Codable, Hashable, Sendable {
    public var id: String
    public var name: String

    public init(id: String, name: String) {
        self.id = id
        self.name = name
    }
}

/// The condition of a conditional node: what must have happened when it
/// is ready for it to run.
public enum RunCondition: Codable, Hashable, Sendable {
    /// Runs only if the `BuildImage` node `build` produced an image other
    /// than `unlessImage`, the ID the container runs (its
    /// `com.docker.compose.image` label): a rebuild that gives the same ID
    /// changes nothing.
    case imageChanged(build: Int, unlessImage: String)
    /// Runs only if node `node` failed and its failure was tolerated (a
    /// build that falls back for a pull the registry could not serve).
    case failed(node: Int)

    /// The node whose outcome decides.
    public var decidingNode: Int {
        switch self {
        case .imageChanged(let build, _): build
        case .failed(let node): node
        }
    }

    /// Whether the node runs, given what the deciding node did: its
    /// status and, for a build, the ID of the image it built.
    public func holds(status: ExecutionRecord.Status?, builtImage: String?) -> Bool {
        switch self {
        case .imageChanged(_, let unlessImage): builtImage != unlessImage
        case .failed: status == .warned || status == .failed
        }
    }

    private enum CodingKeys: String, CodingKey {
        case build, unlessImage, ifFailed
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let node = try container.decodeIfPresent(Int.self, forKey: .ifFailed) {
            self = .failed(node: node)
        } else {
            self = .imageChanged(build: try container.decode(Int.self, forKey: .build),
                                 unlessImage: try container.decode(String.self, forKey: .unlessImage))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .imageChanged(let build, let unlessImage):
            try container.encode(build, forKey: .build)
            try container.encode(unlessImage, forKey: .unlessImage)
        case .failed(let node):
            try container.encode(node, forKey: .ifFailed)
        }
    }
}

