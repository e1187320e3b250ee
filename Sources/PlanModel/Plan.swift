/// A reconciliation plan: a DAG of atomic operations whose node list is
/// already a topological order (a node only depends on earlier nodes).
public struct Plan: Codable, Hashable, Sendable {
    public var nodes: [PlanNode]
    /// Non-fatal remarks made while planning (declined volume recreation,
    /// leftover resources sharing a compose key, …).
    public var warnings: [String]

    public init(nodes: [PlanNode] = [], warnings: [String] = []) {
        self.nodes = nodes
        self.warnings = warnings
    }

    public var isEmpty: Bool { nodes.isEmpty }

    /// The node with `id` (ids are 1-based positions).
    public func node(_ id: Int) -> PlanNode? {
        guard id >= 1, id <= nodes.count, nodes[id - 1].id == id else {
            return nodes.first(where: { $0.id == id })
        }
        return nodes[id - 1]
    }

    /// Number of nodes per operation type.
    public var countsByType: [OperationType: Int] {
        var counts: [OperationType: Int] = [:]
        for node in nodes { counts[node.type, default: 0] += 1 }
        return counts
    }

}

/// Why a plan is not a well-formed DAG.
public struct PlanValidationError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension Plan {
    /// Checks the structural rules every plan obeys: ids are 1…n in order,
    /// dependencies are ascending, unique and point to earlier nodes, and
    /// `createdBy` references point to earlier CreateContainer nodes.
    public func validate() throws(PlanValidationError) {
        for (index, node) in nodes.enumerated() {
            guard node.id == index + 1 else {
                throw PlanValidationError(message: "node #\(node.id) is at position \(index + 1); ids must be 1, 2, 3, … in order")
            }
            var previous = 0
            for dependency in node.dependsOn {
                guard dependency > previous else {
                    throw PlanValidationError(message: "node #\(node.id): dependencies must be ascending and unique")
                }
                guard dependency < node.id else {
                    throw PlanValidationError(message: "node #\(node.id) depends on #\(dependency), which is not an earlier node")
                }
                previous = dependency
            }
            if let creator = node.details.createdBy {
                guard creator < node.id, nodes[creator - 1].type == .createContainer else {
                    throw PlanValidationError(message: "node #\(node.id) refers to #\(creator), which is not an earlier CreateContainer")
                }
            }
        }
    }
}
