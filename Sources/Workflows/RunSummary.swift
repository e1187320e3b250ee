import PlanModel

/// How a run went for each service (and for the project's networks,
/// volumes and orphans), for the lines printed after `apply` and `up`.
public struct RunSummary: Sendable, Hashable {
    /// One service's (or group's) operations by status.
    public struct Entry: Sendable, Hashable {
        /// The service name, or `images`, `networks`, `volumes`, `secrets and configs`, `orphans`.
        public var name: String
        /// How many operations ended in each status, in `ExecutionRecord.Status` order.
        public var counts: [ExecutionRecord.Status: Int]

        /// `succeeded` when every operation succeeded, else the worst status.
        public var outcome: ExecutionRecord.Status {
            for status in [ExecutionRecord.Status.failed, .cancelled, .skipped, .warned] where counts[status] != nil {
                return status
            }
            return .succeeded
        }

        /// `app: 6 succeeded` / `db: 1 failed, 2 skipped`.
        public var line: String {
            let parts = ExecutionRecord.Status.allCases.compactMap { status in
                counts[status].map { "\($0) \(status.rawValue)" }
            }
            return "\(name): " + parts.joined(separator: ", ")
        }
    }

    /// In order of first appearance in the plan.
    public var entries: [Entry]

    public init(plan: Plan, record: ExecutionRecord) {
        var order: [String] = []
        var counts: [String: [ExecutionRecord.Status: Int]] = [:]
        for node in plan.nodes {
            guard let status = record.node(node.id)?.status else { continue }
            let name = Self.groupName(of: node)
            if counts[name] == nil { order.append(name) }
            counts[name, default: [:]][status, default: 0] += 1
        }
        entries = order.map { Entry(name: $0, counts: counts[$0]!) }
    }

    /// The service a node acts on, else what kind of object it acts on.
    static func groupName(of node: PlanNode) -> String {
        if let service = node.serviceName { return service }
        switch node.type {
        case .createNetwork, .removeNetwork: return "networks"
        case .createVolume, .removeVolume: return "volumes"
        case .pullImage, .buildImage: return "images"
        case .createSecret, .removeSecret, .createConfig, .removeConfig: return "secrets and configs"
        default: return "orphans"
        }
    }
}
