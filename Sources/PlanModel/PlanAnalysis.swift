/// Graph facts about a plan: the wave (depth) of each node, and critical
/// paths under given or measured durations.
public enum PlanAnalysis {
    /// The wave of each node, by id: 1 for nodes without dependencies, else
    /// one more than the deepest dependency. Nodes of one wave could all run
    /// together.
    public static func waves(of plan: Plan) -> [Int: Int] {
        var wave: [Int: Int] = [:]
        wave.reserveCapacity(plan.nodes.count)
        for node in plan.nodes {
            wave[node.id] = 1 + (node.dependsOn.compactMap { wave[$0] }.max() ?? 0)
        }
        return wave
    }

    /// The longest dependency chain when node `n` takes `duration(n)`: the
    /// shortest possible run time with unbounded parallelism, and its nodes
    /// in order.
    public static func criticalPath(of plan: Plan, duration: (PlanNode) -> Double) -> (length: Double, nodes: [Int]) {
        var finish: [Int: Double] = [:]
        var previous: [Int: Int] = [:]
        finish.reserveCapacity(plan.nodes.count)
        var best: (id: Int, finish: Double)?
        for node in plan.nodes {
            var start = 0.0
            var via: Int?
            for dependency in node.dependsOn {
                if let end = finish[dependency], via == nil || end > start {
                    start = end
                    via = dependency
                }
            }
            if let via { previous[node.id] = via }
            let end = start + max(0, duration(node))
            finish[node.id] = end
            if best == nil || end > best!.finish { best = (node.id, end) }
        }
        guard let last = best else { return (0, []) }
        var chain = [last.id]
        while let before = previous[chain.last!] { chain.append(before) }
        return (last.finish, chain.reversed())
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
