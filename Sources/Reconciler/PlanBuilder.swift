import PlanModel

/// Appends nodes to a plan, numbering them 1, 2, 3, … and normalizing their
/// dependencies (sorted, unique).
struct PlanBuilder {
    private(set) var nodes: [PlanNode] = []
    /// Every node acting on a replica of each service (`service:<s>:<n>`),
    /// in plan order: a container sharing that service's namespace or
    /// volumes is created after all of them.
    private(set) var replicaNodes: [String: [Int]] = [:]

    /// Makes room for `count` nodes acting on the replicas of `services` services.
    mutating func reserveCapacity(_ count: Int, services: Int) {
        nodes.reserveCapacity(count)
        replicaNodes.reserveCapacity(services)
    }

    @discardableResult
    mutating func add(_ type: OperationType, _ resource: PlanResource, cause: String, group: String? = nil,
                      after dependencies: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                      isReplacement: Bool = false, revivesContainer: Bool = false,
                      details: OperationDetails = OperationDetails()) -> Int {
        let id = nodes.count + 1
        nodes.append(PlanNode(id: id, type: type, resource: resource, cause: cause, group: group,
                              dependsOn: Self.normalized(dependencies), bestEffort: bestEffort,
                              optional: optional, isReplacement: isReplacement, revivesContainer: revivesContainer,
                              details: details))
        if case .container(let service, _) = resource { replicaNodes[service, default: []].append(id) }
        return id
    }

    /// `dependencies` ascending, each once: sorted, then equal neighbours
    /// dropped (without a `Set`: most nodes have a handful of them).
    static func normalized(_ dependencies: [Int]) -> [Int] {
        guard dependencies.count > 1 else { return dependencies }
        var sorted = dependencies.sorted()
        var kept = 1
        for index in 1..<sorted.count where sorted[index] != sorted[kept - 1] {
            sorted[kept] = sorted[index]
            kept += 1
        }
        sorted.removeLast(sorted.count - kept)
        return sorted
    }

    /// Records why node `id` replaces its object.
    mutating func explain(_ id: Int, _ explanation: ChangeExplanation) {
        nodes[id - 1].changes = explanation.changes
        nodes[id - 1].hashWrittenBy = explanation.hashWrittenBy
    }

    /// Makes every node from `first` on conditional.
    mutating func setCondition(_ condition: RunCondition, from first: Int) {
        for index in (first - 1)..<nodes.count { nodes[index].condition = condition }
    }

    /// `id` and the nodes it transitively depends on, among those numbered
    /// `from` or more (dependencies always point to smaller ids, so the
    /// walk stays within that span).
    func ancestors(of id: Int, from lowest: Int) -> Set<Int> {
        var seen: Set<Int> = [id]
        var stack = [id]
        while let current = stack.popLast() {
            for dependency in nodes[current - 1].dependsOn where dependency >= lowest && seen.insert(dependency).inserted {
                stack.append(dependency)
            }
        }
        return seen
    }
}
