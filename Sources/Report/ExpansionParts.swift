import PlanModel
import Rendering

/// Cuts a plan into the parts the explorer's expansions draw: for a
/// cluster, its own nodes and the nodes joined to them by a dependency,
/// with the dependencies among those. Drawing an expansion from its part
/// costs what the part holds, not what the whole plan holds: 1,000
/// expansions of a 5,000-node plan no longer walk 5,000 nodes each.
struct ExpansionParts {
    private let plan: Plan
    private let graph: PlanGraph
    private var positionsByUnit: [PlanPlacement.Unit: [Int]] = [:]

    init(plan: Plan) {
        self.plan = plan
        graph = plan.graph
        for (position, node) in plan.nodes.enumerated() {
            positionsByUnit[PlanPlacement(node).unit, default: []].append(position)
        }
    }

    /// The part around `unit`, in the plan's order, and how many of its nodes are the unit's own.
    func plan(around unit: PlanPlacement.Unit) -> (plan: Plan, ownCount: Int) {
        let own = positionsByUnit[unit] ?? []
        var kept = Set(own)
        for position in own {
            kept.formUnion(graph.dependencies[position])
            kept.formUnion(graph.dependents[position])
        }
        let positions = kept.sorted()
        let ids = Set(positions.map { graph.ids[$0] })
        let nodes = positions.map { position in
            var node = plan.nodes[position]
            node.dependsOn = node.dependsOn.filter(ids.contains)
            return node
        }
        return (Plan(nodes: nodes, warnings: []), own.count)
    }
}
