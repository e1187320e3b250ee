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

    init(plan: Plan, estimatedDuration: (PlanNode) -> Double) {
        nodes = plan.nodes
        let count = nodes.count
        var indexByID: [Int: Int] = [:]
        indexByID.reserveCapacity(count)
        for (index, node) in nodes.enumerated() { indexByID[node.id] = index }
        var unmet = [Int](repeating: 0, count: count)
        var dependents = [[Int]](repeating: [], count: count)
        for (index, node) in nodes.enumerated() {
            for dependency in node.dependsOn {
                unmet[index] += 1
                // A dependency on a node that is not in the plan is never met.
                if let dependencyIndex = indexByID[dependency] { dependents[dependencyIndex].append(index) }
            }
        }
        // Bottom level: the node's own estimate plus its longest chain of dependents.
        var priority = [Double](repeating: 0, count: count)
        for index in stride(from: count - 1, through: 0, by: -1) {
            let below = dependents[index].lazy.map { priority[$0] }.max() ?? 0
            priority[index] = max(0, estimatedDuration(nodes[index])) + below
        }
        self.unmet = unmet
        self.dependents = dependents
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
        case .succeeded, .warned:
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
