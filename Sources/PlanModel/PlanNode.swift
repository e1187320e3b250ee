import ComposeModel

/// One node of a plan: an atomic operation, why it is there, and the nodes
/// that must have succeeded before it may run.
public struct PlanNode: Codable, Hashable, Sendable, Identifiable {
    /// 1-based, in the order the reconciler added the node.
    public var id: Int
    public var type: OperationType
    /// `network:<key>`, `volume:<key>`, `service:<service>:<number>`,
    /// `orphan:<container name>` or `wait:<service>:<condition>`.
    public var resource: String
    public var cause: String
    /// The group the node belongs to (`recreate:web:1`), if any.
    public var group: String?
    /// Ids of the nodes this one waits for, ascending; all smaller than `id`.
    public var dependsOn: [Int]
    /// A failure only warns and never fails the plan (renamed network cleanup).
    public var bestEffort: Bool
    /// An optional wait (`required: false`): a failure only warns.
    public var optional: Bool
    /// What the executor needs to carry the operation out.
    public var details: OperationDetails

    public init(id: Int, type: OperationType, resource: String, cause: String, group: String? = nil,
                dependsOn: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                details: OperationDetails = OperationDetails()) {
        self.id = id
        self.type = type
        self.resource = resource
        self.cause = cause
        self.group = group
        self.dependsOn = dependsOn
        self.bestEffort = bestEffort
        self.optional = optional
        self.details = details
    }

    /// Whether a failure of this node only warns.
    public var failureOnlyWarns: Bool { bestEffort || optional }

    /// The compose service this node acts on, for `service:` and `wait:` resources.
    public var serviceName: String? {
        if let service = details.service { return service }
        let parts = resource.split(separator: ":")
        guard parts.count >= 2, parts[0] == "service" || parts[0] == "wait" else { return nil }
        return String(parts[1])
    }

    /// The node's line in the plan text format (without the newline).
    public var textLine: String {
        var line = "[\(dependsOn.map(String.init).joined(separator: ","))] -> #\(id) \(resource), \(type.name), \(cause)"
        if let group, !group.isEmpty { line += " [\(group)]" }
        return line
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
    public var serviceConfig: ServiceConfig?
    /// The container whose anonymous volumes the new container inherits.
    public var inheritVolumesFrom: ContainerReference?
    /// The network to create.
    public var network: NetworkConfig?
    /// The volume to create.
    public var volume: VolumeConfig?
    /// The network attachment to connect with.
    public var attachment: ServiceNetworkAttachment?
    /// The condition of a wait.
    public var condition: DependencyCondition?
    /// Seconds: the stop timeout of a stop, the deadline of a wait.
    public var timeout: Double?

    public init(service: String? = nil, number: Int? = nil, name: String? = nil, key: String? = nil,
                container: ContainerReference? = nil, createdBy: Int? = nil, serviceConfig: ServiceConfig? = nil,
                inheritVolumesFrom: ContainerReference? = nil, network: NetworkConfig? = nil,
                volume: VolumeConfig? = nil, attachment: ServiceNetworkAttachment? = nil,
                condition: DependencyCondition? = nil, timeout: Double? = nil) {
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
