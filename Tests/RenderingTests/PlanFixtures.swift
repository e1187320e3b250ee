import ComposeModel
import PlanModel

/// Hand-built plans with the shapes the reconciler produces.
enum PlanFixtures {
    /// `app` waits for a healthy `db`, everything created fresh (reconciliation.md's example).
    static var healthyDependency: Plan {
        var builder = PlanBuilder()
        let network = builder.add(.createNetwork, "network:default", "not found", details: OperationDetails(name: "proj_default", key: "default"))
        let dbStart = builder.createAndStart("db", 1, after: [network])
        let appCreate = builder.add(.createContainer, "service:app:1", "no existing container", after: [network, dbStart])
        let wait = builder.add(.waitCondition, "wait:db:service_healthy", "dependency db must be service_healthy", after: [dbStart],
                               details: OperationDetails(service: "db", condition: .healthy, timeout: 60))
        builder.add(.startContainer, "service:app:1", "service start", after: [dbStart, appCreate, wait])
        return builder.plan
    }

    /// A recreate of `web` (config changed), with `worker` (restart: true) stopped and restarted.
    static var recreate: Plan {
        var builder = PlanBuilder()
        let stopWorker = builder.add(.stopContainer, "service:worker:1", "dependency web being recreated",
                                     details: OperationDetails(container: ContainerReference(id: "feedfacecafe", name: "proj-worker-1")))
        let webStart = builder.recreate("web", 1, after: [stopWorker])
        builder.add(.startContainer, "service:worker:1", "service start", after: [stopWorker, webStart])
        return builder.plan
    }

    /// A network whose config changed: stop, disconnect, remove, create, connect, start.
    static var networkRecreate: Plan {
        var builder = PlanBuilder()
        var stops: [Int] = []
        var disconnects: [Int] = []
        for number in 1...2 {
            let stop = builder.add(.stopContainer, "service:api:\(number)", "network back config changed")
            stops.append(stop)
            disconnects.append(builder.add(.disconnectNetwork, "service:api:\(number)", "network back recreate", after: [stop],
                                           details: OperationDetails(name: "proj_back", key: "back")))
        }
        let remove = builder.add(.removeNetwork, "network:back", "config hash diverged", after: disconnects)
        let create = builder.add(.createNetwork, "network:back", "recreate after config change", after: [remove])
        for number in 1...2 {
            let connect = builder.add(.connectNetwork, "service:api:\(number)", "network back recreate", after: [create],
                                      details: OperationDetails(name: "proj_back", key: "back"))
            builder.add(.startContainer, "service:api:\(number)", "service start", after: [stops[number - 1], connect])
        }
        return builder.plan
    }

    /// A renamed network: best-effort removal of the old one.
    static var renamedNetwork: Plan {
        var builder = PlanBuilder()
        builder.add(.removeNetwork, "network:front", "renamed (best-effort cleanup)", bestEffort: true)
        let create = builder.add(.createNetwork, "network:front", "renamed")
        builder.createAndStart("proxy", 1, after: [create])
        return builder.plan
    }

    /// A confirmed volume recreate, scale down and orphan removal.
    static var volumeScaleOrphans: Plan {
        var builder = PlanBuilder()
        let stop = builder.add(.stopContainer, "service:db:1", "mounted volume config changed")
        let remove = builder.add(.removeContainer, "service:db:1", "mounted volume config changed", after: [stop])
        let removeVolume = builder.add(.removeVolume, "volume:data", "config hash diverged", after: [remove])
        let createVolume = builder.add(.createVolume, "volume:data", "recreate after config change", after: [removeVolume])
        let dbStart = builder.createAndStart("db", 1, after: [createVolume])
        for number in 3...4 {
            let stop = builder.add(.stopContainer, "service:web:\(number)", "scale down", after: [dbStart])
            builder.add(.removeContainer, "service:web:\(number)", "scale down", after: [stop])
        }
        for name in ["proj-old-1", "proj-old-2"] {
            let stop = builder.add(.stopContainer, "orphan:\(name)", "orphaned container")
            builder.add(.removeContainer, "orphan:\(name)", "orphaned container", after: [stop])
        }
        builder.add(.waitCondition, "wait:db:service_completed_successfully", "dependency db must be service_completed_successfully",
                    after: [dbStart], optional: true)
        return builder.plan
    }

    /// Names that would break SVG, DOT, Mermaid or Markdown if not escaped.
    static var hostile: Plan {
        var builder = PlanBuilder()
        let service = "<script>alert(\"x\")</script>"
        let network = builder.add(.createNetwork, "network:a&b \"q\" 'x' \\N \\l", "not found & <b>bold</b>")
        let create = builder.add(.createContainer, "service:\(service):1", "cause with ]) } | ; # `tick` &amp; &#0; \u{1}ctl",
                                 after: [network],
                                 details: OperationDetails(service: service, number: 1, name: "end",
                                                           serviceConfig: secretConfig(service)))
        builder.add(.startContainer, "service:\(service):1", "line\nbreak -->", after: [create])
        return builder.plan
    }

    /// A service config whose environment holds a secret that must never be shown.
    static func secretConfig(_ name: String) -> ServiceConfig {
        var config = ServiceConfig(name: name)
        config.image = "nginx:1.27"
        config.environment = ["DB_PASSWORD": "hunter2-SECRET"]
        config.command = ["--token", "hunter2-SECRET"]
        return config
    }

    /// Every hand-built shape.
    static var all: [(name: String, plan: Plan)] {
        [("healthy-dependency", healthyDependency), ("recreate", recreate), ("network-recreate", networkRecreate),
         ("renamed-network", renamedNetwork), ("volume-scale-orphans", volumeScaleOrphans), ("hostile", hostile)]
    }
}
