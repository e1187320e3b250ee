/// Graph facts about a plan by node id: the wave (depth) of each node, and
/// critical paths under given or measured durations. Thin id-keyed views of
/// ``PlanGraph``.
public enum PlanAnalysis {
    /// The wave of each node, by id: 1 for nodes without dependencies, else
    /// one more than the deepest dependency. Nodes of one wave could all run
    /// together.
    public static func waves(of plan: Plan) -> [Int: Int] {
        let graph = plan.graph
        let waves = graph.waves
        var result: [Int: Int] = [:]
        result.reserveCapacity(graph.count)
        for (index, id) in graph.ids.enumerated() { result[id] = waves[index] }
        return result
    }

    /// The longest dependency chain when node `n` takes `duration(n)`: the
    /// shortest possible run time with unbounded parallelism, and its nodes
    /// in order.
    public static func criticalPath(of plan: Plan, duration: (PlanNode) -> Double) -> (length: Double, nodes: [Int]) {
        let graph = plan.graph
        let path = graph.criticalPath { duration(plan.nodes[$0]) }
        return (path.length, path.positions.map { graph.ids[$0] })
    }

    /// The chain of nodes that decided when a run ended: from the node that
    /// finished last, back through the dependency that finished last before
    /// it started, and so on.
    public static func blockingChain(of plan: Plan, record: ExecutionRecord) -> [Int] {
        var current = record.nodes.filter { $0.end != nil }.max(by: { $0.end! < $1.end! })?.id
        var chain: [Int] = []
        while let id = current, let node = plan.node(id) {
            chain.append(id)
            current = node.dependsOn
                .compactMap { dependency in record.node(dependency).flatMap { entry in entry.end.map { (dependency, $0) } } }
                .max(by: { $0.1 < $1.1 })?.0
        }
        return chain.reversed()
    }
}
