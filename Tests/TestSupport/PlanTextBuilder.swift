import ComposeModel
import PlanModel

/// Writes a fixture plan line by line in the plan text format, for tests
/// that generate plans in loops; ``plan`` reads the text back with
/// ``Plan/init(text:)``, so every fixture goes through the text format.
/// What the text cannot hold (details, best-effort and optional flags) is
/// given per node.
public struct PlanTextBuilder {
    /// The plan text so far.
    public private(set) var text = ""
    private var count = 0
    private var changes: [Int: (inout PlanNode) -> Void] = [:]
    public var warnings: [String] = []

    public init() {}

    /// How many nodes were written.
    public var nodeCount: Int { count }

    /// The plan the text describes.
    public var plan: Plan { Plan(fixture: text, warnings: warnings, nodes: changes) }

    /// Appends a node; returns its id.
    @discardableResult
    public mutating func add(_ type: OperationType, _ resource: String, _ cause: String, group: String? = nil,
                             after dependencies: [Int] = [], bestEffort: Bool = false, optional: Bool = false,
                             details: OperationDetails? = nil) -> Int {
        count += 1
        let id = count
        let sorted = Array(Set(dependencies)).sorted().map(String.init).joined(separator: ",")
        text += "[\(sorted)] -> #\(id) \(resource), \(type.name), \(cause)" + (group.map { " [\($0)]" } ?? "") + "\n"
        if bestEffort || optional || details != nil {
            changes[id] = { node in
                node.bestEffort = bestEffort
                node.optional = optional
                if var details {
                    details.service = details.service ?? node.details.service
                    details.number = details.number ?? node.details.number
                    details.key = details.key ?? node.details.key
                    details.condition = details.condition ?? node.details.condition
                    node.details = details
                }
            }
        }
        return id
    }

    /// Create then start a fresh replica; returns the start's id.
    @discardableResult
    public mutating func createAndStart(_ service: String, _ number: Int, after dependencies: [Int] = [],
                                        startAfter startDependencies: [Int] = []) -> Int {
        let create = add(.createContainer, "service:\(service):\(number)", "no existing container", after: dependencies,
                         details: OperationDetails(name: "proj-\(service)-\(number)"))
        return add(.startContainer, "service:\(service):\(number)", "service start", after: [create] + startDependencies)
    }

    /// The recreate group of one replica, then its start; returns the start's id.
    @discardableResult
    public mutating func recreate(_ service: String, _ number: Int, after dependencies: [Int] = []) -> Int {
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
