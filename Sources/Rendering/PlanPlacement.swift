import PlanModel

/// Where a plan node goes in the diagram: its cluster, and the replica it
/// belongs to (the unit that ``ReplicaFolding`` folds).
struct PlanPlacement: Hashable, Sendable {
    /// The top-level cluster a node belongs to.
    enum Unit: Hashable, Sendable {
        case networks, volumes, orphans
        case service(String)
        /// No cluster (a resource of an unknown shape).
        case none
    }

    var unit: Unit
    /// The replica key for container operations (the replica number, or the
    /// orphan's container name); `nil` for nodes that never fold (networks,
    /// volumes, waits).
    var replica: String?

    init(_ node: PlanNode) {
        let parts = node.resource.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        let prefix = parts.first.map(String.init) ?? ""
        switch prefix {
        case "network":
            self.init(unit: .networks, replica: nil)
        case "volume":
            self.init(unit: .volumes, replica: nil)
        case "orphan":
            self.init(unit: .orphans, replica: parts.count > 1 ? String(node.resource.dropFirst(7)) : "")
        case "wait":
            if let service = node.serviceName {
                self.init(unit: .service(service), replica: nil)
            } else {
                self.init(unit: .none, replica: nil)
            }
        case "service":
            if let service = node.serviceName {
                let number = node.details.number.map(String.init) ?? (parts.count > 2 ? String(parts[2]) : "")
                self.init(unit: .service(service), replica: number)
            } else {
                self.init(unit: .none, replica: nil)
            }
        default:
            if let service = node.serviceName {
                self.init(unit: .service(service), replica: nil)
            } else {
                self.init(unit: .none, replica: nil)
            }
        }
    }

    init(unit: Unit, replica: String?) {
        self.unit = unit
        self.replica = replica
    }
}
