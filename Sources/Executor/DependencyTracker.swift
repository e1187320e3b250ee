import PlanModel

/// The scheduling state of a plan's nodes (by index, id − 1): how many
/// dependencies each still waits for, which are ready, and the final status
/// of the ones decided. A node becomes ready when all its dependencies
/// succeeded or warned; a failed, skipped or cancelled node decides its
/// dependents at once, transitively (skipped, or cancelled).
struct DependencyTracker {
    let nodes: [PlanNode]
    private var unmet: [Int]
    private var dependents: [[Int]]
    private(set) var status: [ExecutionRecord.Status?]
    private var ready = ReadyQueue()
    private let priority: [Double]

    /// Schedules exactly the plan's edges (``PlanGraph``): the executor
    /// never adds an ordering the plan does not show.
    init(plan: Plan, estimatedDuration: (PlanNode) -> Double) {
        nodes = plan.nodes
        let graph = plan.graph
        let count = nodes.count
        // A dependency on a node that is not in the plan is never met.
        let unmet = (0..<count).map { graph.dependencies[$0].count + graph.unknownDependencies[$0] }
        // Bottom level: the node's own estimate plus its longest chain of dependents.
        var priority = [Double](repeating: 0, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            let below = graph.dependents[index].lazy.map { priority[$0] }.max() ?? 0
            priority[index] = max(0, estimatedDuration(nodes[index])) + below
        }
        self.unmet = unmet
        self.dependents = graph.dependents
        self.priority = priority
        status = [ExecutionRecord.Status?](repeating: nil, count: count)
        for index in 0..<count where unmet[index] == 0 { ready.push(index, priority: priority[index]) }
    }

    /// The next node to start, if any is ready.
    mutating func nextReady() -> Int? {
        while let index = ready.pop() {
            if status[index] == nil { return index }
        }
        return nil
    }

    var hasReady: Bool { !ready.isEmpty }

    /// Records how node `index` ended. Returns the nodes this decides without
    /// running them (skipped or cancelled dependents), in index order.
    mutating func finish(_ index: Int, as outcome: ExecutionRecord.Status) -> [Int] {
        status[index] = outcome
        switch outcome {
        case .succeeded, .warned, .unchanged:
            for dependent in dependents[index] {
                unmet[dependent] -= 1
                if unmet[dependent] == 0, status[dependent] == nil { ready.push(dependent, priority: priority[dependent]) }
            }
            return []
        case .failed, .skipped, .cancelled:
            let consequence: ExecutionRecord.Status = outcome == .cancelled ? .cancelled : .skipped
            var decided: [Int] = []
            var stack = dependents[index]
            while let dependent = stack.popLast() {
                guard status[dependent] == nil else { continue }
                status[dependent] = consequence
                decided.append(dependent)
                stack.append(contentsOf: dependents[dependent])
            }
            return decided.sorted()
        }
    }

    /// Marks every undecided node `skipped`; returns them in index order.
    mutating func skipRemaining() -> [Int] {
        var decided: [Int] = []
        for index in status.indices where status[index] == nil {
            status[index] = .skipped
            decided.append(index)
        }
        return decided
    }

    /// Marks every undecided node `cancelled`; returns them in index order.
    mutating func cancelRemaining(except running: Set<Int>) -> [Int] {
        var decided: [Int] = []
        for index in status.indices where status[index] == nil && !running.contains(index) {
            status[index] = .cancelled
            decided.append(index)
        }
        return decided
    }
}
