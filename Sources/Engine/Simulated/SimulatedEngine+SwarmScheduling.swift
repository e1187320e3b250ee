import ComposeModel
import Foundation

/// The simulated Swarm scheduler: which nodes a task may run on (ready
/// and active, its placement constraints, `MaxReplicas` per node), which
/// of them it goes to (the one running the fewest tasks of its service,
/// then the fewest tasks), and the "no suitable node" explanation of a
/// task none suits, worded as swarmkit's filters word it.
extension SimulatedEngine {
    /// Creates a task of `service` for `slot` at `time`, placed on a node
    /// (or `pending` when none suits), starting `LatencyModel.taskStart`
    /// after `time`.
    @discardableResult
    func createTask(of service: SimulatedService, slot: SimulatedSlot, at time: ContinuousClock.Instant) -> String {
        let id = makeSwarmID()
        var task = SimulatedTask(id: id, serviceID: service.id, slot: slot, nodeID: slot.nodeID, spec: service.template,
                                 version: nextSwarmIndex(), desiredState: "running", state: "pending",
                                 message: "pending task scheduling", createdAt: time, changedAt: time)
        place(&task, service: service, at: time)
        tasks[id] = task
        return id
    }

    /// Puts a pending task on a node, or explains why none suits.
    func place(_ task: inout SimulatedTask, service: SimulatedService, at time: ContinuousClock.Instant) {
        let candidates = task.slot.nodeID.isEmpty ? swarmNodes : swarmNodes.filter { $0.id == task.slot.nodeID }
        switch eligibleNodes(for: service, among: candidates, excluding: task.id) {
        case .success(let nodes):
            let (ofService, overall) = loads(service: service.id)
            let node = nodes.min { lhs, rhs in
                (ofService[lhs.id] ?? 0, overall[lhs.id] ?? 0, lhs.hostname) < (ofService[rhs.id] ?? 0, overall[rhs.id] ?? 0, rhs.hostname)
            }!
            task.nodeID = node.id
            task.state = "starting"
            task.message = "starting"
            task.error = ""
            task.changedAt = time
            task.readyAt = time + configuration.latency.taskStart
        case .failure(let explanation):
            task.state = "pending"
            task.message = "pending task scheduling"
            task.error = "no suitable node (\(explanation.reason))"
        }
    }

    /// Why no node suits a task.
    struct NoSuitableNode: Error {
        var reason: String
    }

    /// The nodes `service`'s task may run on, through swarmkit's filters
    /// in their order (ready, constraints, max replicas), or the
    /// explanation of the nodes each filter turned away.
    func eligibleNodes(for service: SimulatedService, among nodes: [SimulatedSwarmNode],
                       excluding taskID: String? = nil) -> Result<[SimulatedSwarmNode], NoSuitableNode> {
        var remaining = nodes
        var reasons: [String] = []
        let ready = remaining.filter(\.takesTasks)
        if ready.count < remaining.count {
            let count = remaining.count - ready.count
            reasons.append(count == 1 ? "1 node not available for new tasks" : "\(count) nodes not available for new tasks")
        }
        remaining = ready
        let constraints = (service.template["Placement"]?["Constraints"]?.arrayValue ?? []).compactMap(\.stringValue)
        let constrained = remaining.filter { node in constraints.allSatisfy { Self.constraint($0, matches: node) } }
        if constrained.count < remaining.count {
            let count = remaining.count - constrained.count
            reasons.append(count == 1 ? "scheduling constraints not satisfied on 1 node" : "scheduling constraints not satisfied on \(count) nodes")
        }
        remaining = constrained
        if let limit = service.template["Placement"]?["MaxReplicas"]?.intValue, limit > 0 {
            let allowed = remaining.filter { load(of: $0.id, service: service.id, excluding: taskID) < limit }
            if allowed.count < remaining.count { reasons.append("max replicas per node limit exceed") }
            remaining = allowed
        }
        return remaining.isEmpty ? .failure(NoSuitableNode(reason: reasons.joined(separator: "; "))) : .success(remaining)
    }

    /// The active tasks on `nodeID` (of `service`, when given).
    func load(of nodeID: String, service: String?, excluding taskID: String? = nil) -> Int {
        var count = 0
        for task in tasks.values where task.nodeID == nodeID && task.isActive && task.state != "pending" && task.id != taskID
            && (service == nil || task.serviceID == service) {
            count += 1
        }
        return count
    }

    /// The active, placed tasks per node: of `service`, and of every
    /// service; one pass over the tasks.
    func loads(service: String) -> (ofService: [String: Int], overall: [String: Int]) {
        var ofService: [String: Int] = [:]
        var overall: [String: Int] = [:]
        for task in tasks.values where task.isActive && task.state != "pending" {
            overall[task.nodeID, default: 0] += 1
            if task.serviceID == service { ofService[task.nodeID, default: 0] += 1 }
        }
        return (ofService, overall)
    }

    /// Whether `node` satisfies a placement constraint (`node.role==manager`,
    /// `node.hostname!=db-1`, `node.labels.zone==a`, `node.id==…`,
    /// `node.platform.os==linux`). Values compare case-insensitively, as
    /// swarmkit compares them; a missing label equals nothing. `engine.labels`
    /// constraints are not modelled and hold on every node; an unknown key
    /// holds on none.
    static func constraint(_ expression: String, matches node: SimulatedSwarmNode) -> Bool {
        let isEqual: Bool
        let parts: [Substring]
        if let range = expression.range(of: "!=") {
            isEqual = false
            parts = [expression[..<range.lowerBound], expression[range.upperBound...]]
        } else if let range = expression.range(of: "==") {
            isEqual = true
            parts = [expression[..<range.lowerBound], expression[range.upperBound...]]
        } else {
            return false
        }
        let key = parts[0].trimmingCharacters(in: .whitespaces)
        let expected = parts[1].trimmingCharacters(in: .whitespaces)
        let actual: String?
        switch key.lowercased() {
        case "node.id": actual = node.id
        case "node.hostname": actual = node.hostname
        case "node.role": actual = node.role
        case "node.platform.os": actual = "linux"
        case "node.platform.arch": actual = "x86_64"
        default:
            if key.hasPrefix("node.labels.") {
                actual = node.labels[String(key.dropFirst("node.labels.".count))]
            } else if key.hasPrefix("engine.labels.") {
                return true
            } else {
                return false
            }
        }
        let equal = actual.map { $0.caseInsensitiveCompare(expected) == .orderedSame } ?? false
        return isEqual ? equal : !equal
    }
}
