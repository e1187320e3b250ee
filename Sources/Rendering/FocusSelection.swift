import PlanModel

/// The part of a plan that `--focus SERVICE` draws: the service's own
/// nodes (its container operations and the waits on it), the networks and
/// volumes it touches, everything those transitively depend on, and
/// everything that transitively depends on the service.
///
/// Nodes left out but joined by a dependency to a kept node are the
/// *boundary*: the diagram summarizes them per cluster so that no
/// dependency crossing the cut disappears.
struct FocusSelection: Sendable {
    /// Whether each plan node, by position, is drawn.
    var kept: [Bool]
    /// Positions of the left-out nodes that share an edge with a kept node.
    var boundary: Set<Int>

    /// The selection for `service`; throws when no node acts on it.
    init(plan: Plan, service: String) throws(RenderingError) {
        let nodes = plan.nodes
        let position = PlanIndex(plan)
        var kept = [Bool](repeating: false, count: nodes.count)
        var seeds: [Int] = []
        var networks: Set<String> = []
        var volumes: Set<String> = []
        for (index, node) in nodes.enumerated() where node.serviceName == service {
            seeds.append(index)
            if let config = node.details.serviceConfig {
                networks.formUnion(config.networks.keys)
                for volume in config.volumes where volume.isNamedVolume { volumes.insert(volume.source ?? "") }
            }
            if let key = node.details.key {
                if node.type == .connectNetwork || node.type == .disconnectNetwork { networks.insert(key) }
            }
        }
        guard !seeds.isEmpty else {
            var known: Set<String> = []
            for node in nodes { if let name = node.serviceName { known.insert(name) } }
            throw .unknownFocus(service: service, known: known.sorted())
        }
        var touched: [Int] = []
        for (index, node) in nodes.enumerated() {
            let resource = node.resource
            if resource.hasPrefix("network:"), networks.contains(String(resource.dropFirst(8))) { touched.append(index) }
            if resource.hasPrefix("volume:"), volumes.contains(String(resource.dropFirst(7))) { touched.append(index) }
        }

        // What the service and its resources depend on, transitively.
        var stack = seeds + touched
        for index in stack { kept[index] = true }
        while let index = stack.popLast() {
            for dependency in nodes[index].dependsOn {
                if let other = position[dependency], !kept[other] {
                    kept[other] = true
                    stack.append(other)
                }
            }
        }
        // What depends on the service, transitively.
        let dependents = position.dependents
        var visited = [Bool](repeating: false, count: nodes.count)
        stack = seeds
        for index in seeds { visited[index] = true }
        while let index = stack.popLast() {
            kept[index] = true
            for other in dependents[index] where !visited[other] {
                visited[other] = true
                stack.append(other)
            }
        }

        var boundary: Set<Int> = []
        for (index, node) in nodes.enumerated() {
            for dependency in node.dependsOn {
                guard let other = position[dependency] else { continue }
                if kept[index] != kept[other] { boundary.insert(kept[index] ? other : index) }
            }
        }
        self.kept = kept
        self.boundary = boundary
    }
}

/// Positions of plan nodes by id, and dependents by position, tolerant of
/// plans whose ids are not 1…n.
struct PlanIndex: Sendable {
    private var positions: [Int: Int] = [:]
    /// For each position, the positions of the nodes that depend on it, ascending.
    private(set) var dependents: [[Int]]

    init(_ plan: Plan) {
        dependents = Array(repeating: [], count: plan.nodes.count)
        positions.reserveCapacity(plan.nodes.count)
        for (index, node) in plan.nodes.enumerated() where positions[node.id] == nil { positions[node.id] = index }
        for (index, node) in plan.nodes.enumerated() {
            for dependency in node.dependsOn {
                if let other = positions[dependency], other != index { dependents[other].append(index) }
            }
        }
    }

    /// The position of the node with `id`.
    subscript(id: Int) -> Int? { positions[id] }
}
