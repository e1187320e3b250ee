import ComposeModel
import PlanModel
import TestSupport

/// Fresh-deployment plans shaped like the reconciler's for small compose
/// projects (after awesome-compose), and an update of each that recreates
/// one service.
enum ComposeShapes {
    struct Service {
        var name: String
        var dependsOn: [(service: String, condition: DependencyCondition)] = []
        var networks: [String] = ["default"]
        var volumes: [String] = []
        var replicas = 1
    }

    struct Project {
        var name: String
        var services: [Service]
    }

    static let projects: [Project] = [
        Project(name: "nginx-flask-mysql", services: [
            Service(name: "db", networks: ["backnet"], volumes: ["db-data"]),
            Service(name: "backend", dependsOn: [("db", .healthy)], networks: ["backnet", "frontnet"]),
            Service(name: "proxy", dependsOn: [("backend", .started)], networks: ["frontnet"]),
        ]),
        Project(name: "wordpress-mysql", services: [
            Service(name: "db", volumes: ["db_data"]),
            Service(name: "wordpress"),
        ]),
        Project(name: "react-express-mongodb", services: [
            Service(name: "frontend", dependsOn: [("backend", .started)], networks: ["react-express"]),
            Service(name: "backend", dependsOn: [("mongo", .started)], networks: ["express-mongo", "react-express"]),
            Service(name: "mongo", networks: ["express-mongo"], volumes: ["mongo_data"]),
        ]),
        Project(name: "elasticsearch-logstash-kibana", services: [
            Service(name: "elasticsearch"),
            Service(name: "logstash", dependsOn: [("elasticsearch", .healthy)]),
            Service(name: "kibana", dependsOn: [("elasticsearch", .healthy)]),
        ]),
        Project(name: "prometheus-grafana", services: [
            Service(name: "prometheus", volumes: ["prom_data"]),
            Service(name: "grafana", volumes: ["grafana-storage"]),
        ]),
        Project(name: "nextcloud-redis-mariadb", services: [
            Service(name: "nc", dependsOn: [("redis", .started), ("db", .started)], networks: ["redisnet", "dbnet"], volumes: ["nc_data"]),
            Service(name: "redis", networks: ["redisnet"]),
            Service(name: "db", networks: ["dbnet"], volumes: ["db_data"]),
        ]),
        Project(name: "wasmedge-kafka-mysql", services: [
            Service(name: "zookeeper"),
            Service(name: "kafka", dependsOn: [("zookeeper", .started)]),
            Service(name: "mysql", volumes: ["mysql_data"]),
            Service(name: "init", dependsOn: [("kafka", .started), ("mysql", .healthy)]),
            Service(name: "pipeline", dependsOn: [("init", .completedSuccessfully)], replicas: 3),
        ]),
        Project(name: "plex", services: [Service(name: "plex", networks: [])]),
    ]

    /// The fresh deployment of `project` (`up` on an empty engine); with
    /// `recreating`, that service's containers exist and are recreated while
    /// everything else is up to date.
    static func plan(_ project: Project, recreating: String? = nil) -> Plan {
        var builder = PlanTextBuilder()
        var lastNode: [String: Int] = [:]
        if recreating == nil {
            for network in Set(project.services.flatMap(\.networks)).sorted() {
                lastNode["network:\(network)"] = builder.add(.createNetwork, "network:\(network)", "not found",
                                                             details: OperationDetails(name: "\(project.name)_\(network)", key: network))
            }
            for volume in Set(project.services.flatMap(\.volumes)).sorted() {
                lastNode["volume:\(volume)"] = builder.add(.createVolume, "volume:\(volume)", "not found",
                                                           details: OperationDetails(name: "\(project.name)_\(volume)", key: volume))
            }
        }
        var waits: [String: Int] = [:]
        for service in dependencyOrder(project.services) {
            if let recreating, service.name != recreating { continue }
            let infrastructure = (service.networks.map { "network:\($0)" } + service.volumes.map { "volume:\($0)" }).compactMap { lastNode[$0] }
            let dependencyNodes = service.dependsOn.compactMap { lastNode["service:\($0.service)"] }
            var config = ServiceConfig(name: service.name)
            config.image = "\(service.name):latest"
            config.environment = ["PASSWORD": "hunter2-SECRET"]
            var starts: [Int] = []
            for number in 1...service.replicas {
                if recreating != nil {
                    starts.append(builder.recreate(service.name, number, after: infrastructure + dependencyNodes))
                    continue
                }
                let create = builder.add(.createContainer, "service:\(service.name):\(number)", "no existing container",
                                         after: infrastructure + dependencyNodes,
                                         details: OperationDetails(name: "\(project.name)-\(service.name)-\(number)", serviceConfig: config))
                var startAfter = [create] + dependencyNodes
                for dependency in service.dependsOn where dependency.condition != .started {
                    let key = "\(dependency.service):\(dependency.condition.rawValue)"
                    if waits[key] == nil, let target = lastNode["service:\(dependency.service)"] {
                        waits[key] = builder.add(.waitCondition, "wait:\(key)", "dependency \(dependency.service) must be \(dependency.condition.rawValue)",
                                                 after: [target], details: OperationDetails(service: dependency.service, condition: dependency.condition))
                    }
                    if let wait = waits[key] { startAfter.append(wait) }
                }
                starts.append(builder.add(.startContainer, "service:\(service.name):\(number)", "service start", after: startAfter))
            }
            lastNode["service:\(service.name)"] = starts.last
        }
        return builder.plan
    }

    /// Repeatedly the alphabetically smallest service whose dependencies are placed.
    static func dependencyOrder(_ services: [Service]) -> [Service] {
        var remaining = services.sorted { $0.name < $1.name }
        var placed: Set<String> = []
        var order: [Service] = []
        while let index = remaining.firstIndex(where: { $0.dependsOn.allSatisfy { placed.contains($0.service) } }) {
            let service = remaining.remove(at: index)
            placed.insert(service.name)
            order.append(service)
        }
        return order + remaining
    }

    /// Every project, fresh and with its first service recreated.
    static var allPlans: [(name: String, plan: Plan)] {
        projects.flatMap { project in
            [(project.name, plan(project)), ("\(project.name)-recreate", plan(project, recreating: project.services[0].name))]
        }
    }
}
