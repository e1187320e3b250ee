/// The plan's dependency graph, indexed both ways and built once: for each
/// node (by position in the plan's node list), the positions of the nodes it
/// depends on and of the nodes that depend on it.
///
/// Every consumer of the graph (the executor's scheduling, the diagram's
/// focus, the report's timeline and explorer) uses this one index, so they
/// agree on what the plan's edges are. It tolerates hand-edited plans: ids
/// need not be 1…n, and a dependency on an id that is not in the plan is
/// kept apart (`unknownDependencies`) instead of being dropped silently.
public struct PlanGraph: Sendable, CustomStringConvertible {
    /// The node ids, by position.
    public let ids: [Int]
    /// For each position, the positions of its dependencies, ascending.
    public let dependencies: [[Int]]
    /// For each position, the positions of its dependents, ascending.
    public let dependents: [[Int]]
    /// For each position, how many of its dependencies name no node of the
    /// plan (such a node can never run).
    public let unknownDependencies: [Int]
    private let positions: [Int: Int]

    public init(_ plan: Plan) {
        let nodes = plan.nodes
        var positions: [Int: Int] = [:]
        positions.reserveCapacity(nodes.count)
        for (index, node) in nodes.enumerated() where positions[node.id] == nil { positions[node.id] = index }
        var dependencies = [[Int]](repeating: [], count: nodes.count)
        var dependents = [[Int]](repeating: [], count: nodes.count)
        var unknown = [Int](repeating: 0, count: nodes.count)
        for (index, node) in nodes.enumerated() {
            for id in node.dependsOn {
                guard let other = positions[id], other != index else {
                    unknown[index] += 1
                    continue
                }
                dependencies[index].append(other)
                dependents[other].append(index)
            }
            dependencies[index].sort()
        }
        self.ids = nodes.map(\.id)
        self.dependencies = dependencies
        self.dependents = dependents
        self.unknownDependencies = unknown
        self.positions = positions
    }

    /// How many nodes the plan has.
    public var count: Int { ids.count }

    /// The position of the node with `id`.
    public func position(of id: Int) -> Int? { positions[id] }

    /// The ids of the nodes that depend on node `id`, ascending.
    public func dependentIDs(of id: Int) -> [Int] {
        guard let position = positions[id] else { return [] }
        return dependents[position].map { ids[$0] }.sorted()
    }

    /// The wave of each position: 1 for nodes without dependencies, else one
    /// more than the deepest dependency. Nodes of one wave could all run
    /// together. Assumes a topological node order (every plan has one).
    public var waves: [Int] {
        var wave = [Int](repeating: 1, count: count)
        for index in 0..<count {
            for dependency in dependencies[index] where dependency < index {
                wave[index] = max(wave[index], wave[dependency] + 1)
            }
        }
        return wave
    }

    /// The longest dependency chain when the node at position `p` takes
    /// `duration(p)`: the shortest possible run with unbounded parallelism,
    /// and the positions on it in order.
    public func criticalPath(duration: (Int) -> Double) -> (length: Double, positions: [Int]) {
        var finish = [Double](repeating: 0, count: count)
        var previous = [Int?](repeating: nil, count: count)
        var best: Int?
        for index in 0..<count {
            var start = 0.0
            for dependency in dependencies[index] where dependency < index {
                // The first dependency, or a later one that finishes later.
                if previous[index] == nil || finish[dependency] > start {
                    start = finish[dependency]
                    previous[index] = dependency
                }
            }
            finish[index] = start + max(0, duration(index))
            if best == nil || finish[index] > finish[best!] { best = index }
        }
        guard let last = best else { return (0, []) }
        var chain = [last]
        while let before = previous[chain.last!] { chain.append(before) }
        return (finish[last], chain.reversed())
    }

    /// Every position the given ones depend on, transitively (the given
    /// ones excluded unless reached).
    public func upstream(of start: [Int]) -> Set<Int> {
        closure(from: start, along: dependencies)
    }

    /// Every position that transitively depends on the given ones.
    public func downstream(of start: [Int]) -> Set<Int> {
        closure(from: start, along: dependents)
    }

    private func closure(from start: [Int], along edges: [[Int]]) -> Set<Int> {
        var seen: Set<Int> = []
        var stack = start
        while let index = stack.popLast() {
            for next in edges[index] where seen.insert(next).inserted { stack.append(next) }
        }
        return seen
    }

    /// One line per node with dependents, `#id -> #a, #b`, in node order:
    /// a deterministic picture of the edges for tests.
    public var description: String {
        var lines: [String] = []
        for index in 0..<count where !dependents[index].isEmpty {
            lines.append("#\(ids[index]) -> " + dependents[index].map { "#\(ids[$0])" }.joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}

extension Plan {
    /// The plan's dependency graph, indexed both ways.
    public var graph: PlanGraph { PlanGraph(self) }
}
