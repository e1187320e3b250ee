import ComposeModel
import PlanModel

/// Which plan nodes `--collapse` folds together.
///
/// - ``CollapseMode/replicas``: within one service (or among the orphans),
///   replicas whose nodes have the same sequence of (operation type, node
///   flags, group shape) fold into one node; a group shape is the group
///   with the replica number blanked, so `recreate:web:1` and
///   `recreate:web:2` match. Causes are for people and play no part.
/// - ``CollapseMode/services``: all container operations of a service (all
///   orphan operations) fold into one node.
///
/// Networks, volumes and waits never fold. A fold holds at least two nodes.
enum ReplicaFolding {
    /// The folds, each a list of plan positions (ascending), ordered by their
    /// first position. `included` says which positions take part.
    static func folds(of plan: Plan, placements: [PlanPlacement], included: [Bool],
                      mode: CollapseMode) -> [[Int]] {
        guard mode == .replicas || mode == .services else { return [] }
        // Replica members per unit, in order of first appearance.
        var unitOrder: [PlanPlacement.Unit] = []
        var replicasByUnit: [PlanPlacement.Unit: (order: [String], members: [String: [Int]])] = [:]
        for (index, placement) in placements.enumerated() where included[index] {
            guard let replica = placement.replica else { continue }
            if replicasByUnit[placement.unit] == nil {
                unitOrder.append(placement.unit)
                replicasByUnit[placement.unit] = ([], [:])
            }
            if replicasByUnit[placement.unit]!.members[replica] == nil {
                replicasByUnit[placement.unit]!.order.append(replica)
            }
            replicasByUnit[placement.unit]!.members[replica, default: []].append(index)
        }

        var folds: [[Int]] = []
        for unit in unitOrder {
            let entry = replicasByUnit[unit]!
            switch mode {
            case .services:
                let members = entry.order.flatMap { entry.members[$0]! }.sorted()
                if members.count >= 2 { folds.append(members) }
            default:
                var signatureOrder: [[Step]] = []
                var bySignature: [[Step]: [Int]] = [:]
                var replicaCount: [[Step]: Int] = [:]
                for replica in entry.order {
                    let members = entry.members[replica]!
                    let signature = members.map { Step(plan.nodes[$0], replica: replica) }
                    if bySignature[signature] == nil { signatureOrder.append(signature) }
                    bySignature[signature, default: []].append(contentsOf: members)
                    replicaCount[signature, default: 0] += 1
                }
                for signature in signatureOrder where replicaCount[signature]! >= 2 {
                    folds.append(bySignature[signature]!.sorted())
                }
            }
        }
        return folds.sorted { $0[0] < $1[0] }
    }

    /// One operation of a replica, with replica-specific numbers blanked.
    struct Step: Hashable {
        var type: OperationType
        var isReplacement: Bool
        var revivesContainer: Bool
        var failureOnlyWarns: Bool
        var hookMoment: ServiceHook.Moment?
        var group: String?

        init(_ node: PlanNode, replica: String) {
            type = node.type
            isReplacement = node.isReplacement
            revivesContainer = node.revivesContainer
            failureOnlyWarns = node.failureOnlyWarns
            hookMoment = node.details.hookMoment
            group = node.group.map { group in
                group.hasSuffix(":" + replica) ? String(group.dropLast(replica.count)) + "*" : group
            }
        }
    }
}
