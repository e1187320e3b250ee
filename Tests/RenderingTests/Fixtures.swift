import PlanModel

/// Every named plan the rendering tests draw.
enum Fixtures {
    static let all: [(name: String, plan: Plan)] = PlanFixtures.all + ComposeShapes.allPlans
    static let names: [String] = all.map(\.name)

    static func plan(_ name: String) -> Plan {
        all.first { $0.name == name }!.plan
    }

    /// The clusters a plan's diagram must have (without collapse or focus).
    static func expectedClusters(_ plan: Plan) -> Set<String> {
        var clusters: Set<String> = []
        for node in plan.nodes {
            if node.resource.family == .network { clusters.insert("cluster-networks") }
            if node.resource.family == .volume { clusters.insert("cluster-volumes") }
            if node.resource.family == .orphan { clusters.insert("cluster-orphans") }
            if node.resource.family == .image { clusters.insert("cluster-images") }
            if let service = node.serviceName {
                clusters.insert("cluster-service-" + sanitized(service))
                if let group = node.group, node.resource.family == .container {
                    clusters.insert("cluster-group-" + sanitized(group.replacingOccurrences(of: ":", with: "-")))
                }
            }
        }
        return clusters
    }

    static func sanitized(_ text: String) -> String {
        String(text.map { $0.isASCII && ($0.isLetter || $0.isNumber || "_.-".contains($0)) ? $0 : "_" })
    }
}
