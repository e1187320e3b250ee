import PlanModel
import TestSupport

/// Large synthetic plans: services with 1 to 12 replicas, fresh creates,
/// recreates, scale-downs and waits, chained by dependencies.
enum GeneratedPlans {
    /// A plan of exactly `nodeCount` nodes (a prefix of a bigger plan, so
    /// still a valid DAG).
    static func plan(nodeCount: Int) -> Plan {
        var builder = PlanTextBuilder()
        let networks = ["front", "back", "default"].map {
            builder.add(.createNetwork, "network:\($0)", "not found")
        }
        let volumes = ["data", "cache"].map { builder.add(.createVolume, "volume:\($0)", "not found") }
        var lastNodes: [Int] = []
        var service = 0
        while builder.nodeCount < nodeCount {
            let name = "svc\(service)"
            var infrastructure = [networks[service % 3]]
            if service % 4 == 0 { infrastructure.append(volumes[service % 2]) }
            var dependencies: [Int] = []
            if service > 0 { dependencies.append(lastNodes[service - 1]) }
            if service > 1 { dependencies.append(lastNodes[service / 2]) }
            if service % 4 == 2, let dependency = dependencies.first {
                dependencies.append(builder.add(.waitCondition, "wait:svc\(service - 1):service_healthy",
                                                "dependency svc\(service - 1) must be service_healthy", after: [dependency]))
            }
            let replicas = [1, 3, 5, 8, 2, 12][service % 6]
            var last = 0
            for number in 1...replicas {
                switch service % 5 {
                case 3:
                    last = builder.recreate(name, number, after: infrastructure + dependencies)
                case 4 where number > 1:
                    let stop = builder.add(.stopContainer, "service:\(name):\(number)", "scale down", after: dependencies)
                    last = builder.add(.removeContainer, "service:\(name):\(number)", "scale down", after: [stop])
                default:
                    last = builder.createAndStart(name, number, after: infrastructure + dependencies, startAfter: dependencies)
                }
            }
            lastNodes.append(last)
            service += 1
        }
        return Plan(nodes: Array(builder.plan.nodes.prefix(nodeCount)))
    }
}
