import PlanModel

/// Where a plan node goes in the diagram: its cluster, and the replica it
/// belongs to (the unit that ``ReplicaFolding`` folds).
public struct PlanPlacement: Hashable, Sendable {
    /// The top-level cluster a node belongs to.
    public enum Unit: Hashable, Sendable {
        case networks, volumes, images, orphans
        /// A stack's Swarm secrets and configs.
        case secrets
        case service(String)
        /// No cluster (a resource of an unknown shape).
        case none

        /// `service web`, `networks`, … (cluster and box titles).
        public var title: String {
            switch self {
            case .networks: "networks"
            case .volumes: "volumes"
            case .images: "images"
            case .orphans: "orphans"
            case .secrets: "secrets and configs"
            case .service(let name): "service \(name)"
            case .none: "other"
            }
        }
    }

    public var unit: Unit
    /// The replica key for container operations (the replica number, or the
    /// orphan's container name); `nil` for nodes that never fold (networks,
    /// volumes, waits).
    var replica: String?

    /// Where `node` goes.
    public init(_ node: PlanNode) {
        switch node.resource {
        case .network:
            self.init(unit: .networks, replica: nil)
        case .volume:
            self.init(unit: .volumes, replica: nil)
        case .image:
            self.init(unit: .images, replica: nil)
        case .secret, .config:
            self.init(unit: .secrets, replica: nil)
        case .orphan(let name):
            self.init(unit: .orphans, replica: name)
        case .container(_, let number):
            self.init(unit: node.serviceName.map(Unit.service) ?? .none, replica: String(node.details.number ?? number))
        case .wait, .stackService:
            self.init(unit: node.serviceName.map(Unit.service) ?? .none, replica: nil)
        }
    }

    init(unit: Unit, replica: String?) {
        self.unit = unit
        self.replica = replica
    }

    /// The name the report groups the node under: the service, else
    /// `networks`, `volumes`, `images`, `orphans` or `other`.
    public var groupName: String {
        switch unit {
        case .networks: "networks"
        case .volumes: "volumes"
        case .images: "images"
        case .orphans: "orphans"
        case .secrets: "secrets and configs"
        case .service(let name): name
        case .none: "other"
        }
    }
}
