import PlanModel

/// The part of a plan that `--focus SERVICE` draws: the service's own
/// nodes (its container operations and the waits on it), the networks and
/// volumes it touches, everything those transitively depend on, and
/// everything that transitively depends on the service.
///
/// Nodes left out but joined by a dependency to a kept node are the
/// *boundary*: the diagram summarizes them per cluster so that no
/// dependency crossing the cut disappears. The report's expansions use the
/// narrower selection of one cluster's own nodes (``init(plan:placements:unit:)``).
struct FocusSelection: Sendable {
    /// Whether each plan node, by position, is drawn.
    var kept: [Bool]
    /// Positions of the left-out nodes that share an edge with a kept node.
    var boundary: Set<Int>

    /// The selection for `service`; throws when no node acts on it.
    init(plan: Plan, service: String) throws(RenderingError) {
        let nodes = plan.nodes
        let graph = plan.graph
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
            switch node.resource {
            case .network(let key) where networks.contains(key): touched.append(index)
            case .volume(let key) where volumes.contains(key): touched.append(index)
            default: break
            }
        }

        // What the service and its resources depend on, and what depends
        // on the service, transitively.
        var kept = [Bool](repeating: false, count: nodes.count)
        for index in seeds + touched { kept[index] = true }
        for index in graph.upstream(of: seeds + touched) { kept[index] = true }
        for index in graph.downstream(of: seeds) { kept[index] = true }

        var boundary: Set<Int> = []
        for index in nodes.indices {
            for other in graph.dependencies[index] where kept[index] != kept[other] {
                boundary.insert(kept[index] ? other : index)
            }
        }
        self.kept = kept
        self.boundary = boundary
    }

    /// The selection for one cluster (`unit`): its own nodes only, the
    /// nodes joined to them by a dependency as the boundary. Throws when no
    /// node is in the cluster.
    init(plan: Plan, placements: [PlanPlacement], unit: PlanPlacement.Unit) throws(RenderingError) {
        let graph = plan.graph
        let kept = placements.map { $0.unit == unit }
        guard kept.contains(true) else {
            throw .unknownFocus(service: NodeText.unitTitle(unit), known: Set(placements.map(\.groupName)).sorted())
        }
        var boundary: Set<Int> = []
        for index in plan.nodes.indices {
            for other in graph.dependencies[index] where kept[index] != kept[other] {
                boundary.insert(kept[index] ? other : index)
            }
        }
        self.kept = kept
        self.boundary = boundary
    }
}
