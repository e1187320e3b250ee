import ComposeModel
import PlanModel

/// Builds plans node by node for the tests, numbering nodes 1, 2, 3, …
struct PlanBuilder {
    private(set) var nodes: [PlanNode] = []
    var warnings: [String] = []

    var plan: Plan { Plan(nodes: nodes, warnings: warnings) }

    @discardableResult
    mutating func add(_ type: OperationType, _ resource: String, _ cause: String, group: String? = nil,
                      after dependencies: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                      details: OperationDetails = OperationDetails()) -> Int {
        let id = nodes.count + 1
        var details = details
        let parts = resource.split(separator: ":")
        if parts.count == 3, parts[0] == "service" {
            details.service = details.service ?? String(parts[1])
            details.number = details.number ?? Int(parts[2])
        }
        nodes.append(PlanNode(id: id, type: type, resource: resource, cause: cause, group: group,
                              dependsOn: Array(Set(dependencies)).sorted(), bestEffort: bestEffort,
                              optional: optional, details: details))
        return id
    }

    /// Create then start a fresh replica; returns the start's id.
    @discardableResult
    mutating func createAndStart(_ service: String, _ number: Int, after dependencies: [Int] = [],
                                 startAfter startDependencies: [Int] = []) -> Int {
        let create = add(.createContainer, "service:\(service):\(number)", "no existing container", after: dependencies,
                         details: OperationDetails(name: "proj-\(service)-\(number)"))
        return add(.startContainer, "service:\(service):\(number)", "service start", after: [create] + startDependencies)
    }

    /// The recreate group of one replica, then its start; returns the start's id.
    @discardableResult
    mutating func recreate(_ service: String, _ number: Int, after dependencies: [Int] = []) -> Int {
        let resource = "service:\(service):\(number)"
        let group = "recreate:\(service):\(number)"
        let old = ContainerReference(id: "0123456789abcdef\(number)", name: "proj-\(service)-\(number)")
        let create = add(.createContainer, resource, "config changed (tmpName)", group: group, after: dependencies,
                         details: OperationDetails(name: "0123456789ab_proj-\(service)-\(number)", inheritVolumesFrom: old))
        let stop = add(.stopContainer, resource, "replaced by #\(create)", group: group, after: [create],
                       details: OperationDetails(container: old, timeout: 10))
        let remove = add(.removeContainer, resource, "replaced by #\(create)", group: group, after: [stop],
                         details: OperationDetails(container: old))
        let rename = add(.renameContainer, resource, "finalize recreate", group: group, after: [remove],
                         details: OperationDetails(name: "proj-\(service)-\(number)", createdBy: create))
        return add(.startContainer, resource, "service start", after: [rename], details: OperationDetails(createdBy: create))
    }
}
