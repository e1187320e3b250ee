import PlanModel

/// Appends nodes to a plan, numbering them 1, 2, 3, … and normalizing their
/// dependencies (sorted, unique).
struct PlanBuilder {
    private(set) var nodes: [PlanNode] = []

    @discardableResult
    mutating func add(_ type: OperationType, _ resource: String, cause: String, group: String? = nil,
                      after dependencies: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                      details: OperationDetails = OperationDetails()) -> Int {
        let id = nodes.count + 1
        nodes.append(PlanNode(id: id, type: type, resource: resource, cause: cause, group: group,
                              dependsOn: Array(Set(dependencies)).sorted(), bestEffort: bestEffort,
                              optional: optional, details: details))
        return id
    }
}
