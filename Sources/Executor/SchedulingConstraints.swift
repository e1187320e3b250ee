import ComposeModel
import PlanModel

/// Orderings the executor adds to a plan's own edges.
///
/// A container sharing another service's namespace or volumes
/// (`network_mode`/`ipc`/`pid: service:X`, `volumes_from: X`) is created
/// against the lowest-numbered container of X *as it will be after the
/// plan*, which is also what the next plan hashes against. The plan's edges
/// only order the create after X's last node, while other replicas of X may
/// still be being replaced; so the create also waits for every node of X.
/// All of them come earlier in the plan (X is planned first), so this never
/// creates a cycle.
enum SchedulingConstraints {
    /// `plan` with the extra dependencies (the node list and ids unchanged).
    static func augment(_ plan: Plan) -> Plan {
        var nodesByService: [String: [Int]] = [:]
        var augmented = plan
        for (index, node) in plan.nodes.enumerated() {
            if node.type == .createContainer, let service = node.details.serviceConfig {
                let parents = Set(service.namespaceParents)
                if !parents.isEmpty {
                    let extra = parents.flatMap { nodesByService[$0] ?? [] }
                    augmented.nodes[index].dependsOn = Array(Set(node.dependsOn + extra)).sorted()
                }
            }
            if node.resource.hasPrefix("service:"), let service = node.serviceName {
                nodesByService[service, default: []].append(node.id)
            }
        }
        return augmented
    }
}
