import ComposeModel
import PlanModel
import TestSupport

/// Hand-written plans, in the plan text format, with the shapes the
/// reconciler produces.
enum PlanFixtures {
    /// `app` waits for a healthy `db`, everything created fresh (reconciliation.md's example).
    static var healthyDependency: Plan {
        Plan(fixture: """
            [] -> #1 network:default, CreateNetwork, not found
            [1] -> #2 service:db:1, CreateContainer, no existing container
            [2] -> #3 service:db:1, StartContainer, service start
            [1,3] -> #4 service:app:1, CreateContainer, no existing container
            [3] -> #5 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy
            [3,4,5] -> #6 service:app:1, StartContainer, service start
            """, nodes: [
                1: { $0.details.name = "proj_default" },
                2: { $0.details.name = "proj-db-1" },
                5: { $0.details.timeout = 60 },
            ])
    }

    /// A recreate of `web` (config changed), with `worker` (restart: true) stopped and restarted.
    static var recreate: Plan {
        let old = ContainerReference(id: "0123456789abcdef1", name: "proj-web-1")
        return Plan(fixture: """
            [] -> #1 service:worker:1, StopContainer, dependency web being recreated
            [1] -> #2 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]
            [2] -> #3 service:web:1, StopContainer, replaced by #2 [recreate:web:1]
            [3] -> #4 service:web:1, RemoveContainer, replaced by #2 [recreate:web:1]
            [4] -> #5 service:web:1, RenameContainer, finalize recreate [recreate:web:1]
            [5] -> #6 service:web:1, StartContainer, service start
            [1,6] -> #7 service:worker:1, StartContainer, service start
            """, nodes: [
                1: { $0.details.container = ContainerReference(id: "feedfacecafe", name: "proj-worker-1") },
                2: { $0.details.name = "0123456789ab_proj-web-1"; $0.details.inheritVolumesFrom = old },
                3: { $0.details.container = old; $0.details.timeout = 10 },
                4: { $0.details.container = old },
                5: { $0.details.name = "proj-web-1"; $0.details.createdBy = 2 },
                6: { $0.details.createdBy = 2 },
            ])
    }

    /// A network whose config changed: stop, disconnect, remove, create, connect, start.
    static var networkRecreate: Plan {
        Plan(fixture: """
            [] -> #1 service:api:1, StopContainer, network back config changed
            [1] -> #2 service:api:1, DisconnectNetwork, network back recreate
            [] -> #3 service:api:2, StopContainer, network back config changed
            [3] -> #4 service:api:2, DisconnectNetwork, network back recreate
            [2,4] -> #5 network:back, RemoveNetwork, config hash diverged
            [5] -> #6 network:back, CreateNetwork, recreate after config change
            [6] -> #7 service:api:1, ConnectNetwork, network back recreate
            [1,7] -> #8 service:api:1, StartContainer, service start
            [6] -> #9 service:api:2, ConnectNetwork, network back recreate
            [3,9] -> #10 service:api:2, StartContainer, service start
            """, nodes: [
                2: { $0.details.name = "proj_back"; $0.details.key = "back" },
                4: { $0.details.name = "proj_back"; $0.details.key = "back" },
                7: { $0.details.name = "proj_back"; $0.details.key = "back" },
                9: { $0.details.name = "proj_back"; $0.details.key = "back" },
            ])
    }

    /// A renamed network: best-effort removal of the old one.
    static var renamedNetwork: Plan {
        Plan(fixture: """
            [] -> #1 network:front, RemoveNetwork, renamed (best-effort cleanup)
            [] -> #2 network:front, CreateNetwork, renamed
            [2] -> #3 service:proxy:1, CreateContainer, no existing container
            [3] -> #4 service:proxy:1, StartContainer, service start
            """, nodes: [
                1: { $0.bestEffort = true },
                3: { $0.details.name = "proj-proxy-1" },
            ])
    }

    /// A confirmed volume recreate, scale down and orphan removal.
    static var volumeScaleOrphans: Plan {
        Plan(fixture: """
            [] -> #1 service:db:1, StopContainer, mounted volume config changed
            [1] -> #2 service:db:1, RemoveContainer, mounted volume config changed
            [2] -> #3 volume:data, RemoveVolume, config hash diverged
            [3] -> #4 volume:data, CreateVolume, recreate after config change
            [4] -> #5 service:db:1, CreateContainer, no existing container
            [5] -> #6 service:db:1, StartContainer, service start
            [6] -> #7 service:web:3, StopContainer, scale down
            [7] -> #8 service:web:3, RemoveContainer, scale down
            [6] -> #9 service:web:4, StopContainer, scale down
            [9] -> #10 service:web:4, RemoveContainer, scale down
            [] -> #11 orphan:proj-old-1, StopContainer, orphaned container
            [11] -> #12 orphan:proj-old-1, RemoveContainer, orphaned container
            [] -> #13 orphan:proj-old-2, StopContainer, orphaned container
            [13] -> #14 orphan:proj-old-2, RemoveContainer, orphaned container
            [6] -> #15 wait:db:service_completed_successfully, WaitCondition, dependency db must be service_completed_successfully
            """, nodes: [
                5: { $0.details.name = "proj-db-1" },
                15: { $0.optional = true },
            ])
    }

    /// Names that would break SVG, DOT, Mermaid or Markdown if not escaped.
    /// (Built node by node: its causes hold line breaks, which the text
    /// format cannot.)
    static var hostile: Plan {
        let service = "<script>alert(\"x\")</script>"
        return Plan(nodes: [
            PlanNode(id: 1, type: .createNetwork, resource: .network(key: "a&b \"q\" 'x' \\N \\l"), cause: "not found & <b>bold</b>"),
            PlanNode(id: 2, type: .createContainer, resource: .container(service: service, number: 1),
                     cause: "cause with ]) } | ; # `tick` &amp; &#0; \u{1}ctl", dependsOn: [1],
                     details: OperationDetails(service: service, number: 1, name: "end", serviceConfig: secretConfig(service))),
            PlanNode(id: 3, type: .startContainer, resource: .container(service: service, number: 1), cause: "line\nbreak -->",
                     dependsOn: [2], details: OperationDetails(service: service, number: 1)),
        ])
    }

    /// A service config whose environment holds a secret that must never be shown.
    static func secretConfig(_ name: String) -> ServiceConfig {
        var config = ServiceConfig(name: name)
        config.image = "nginx:1.27"
        config.environment = ["DB_PASSWORD": "hunter2-SECRET"]
        config.command = ["--token", "hunter2-SECRET"]
        return config
    }

    /// One image pulled for `api` while `cache`, whose image is present, starts.
    static var imagePull: Plan {
        Plan(fixture: """
            [] -> #1 image:127.0.0.1:5000/shop/api:2, PullImage, not present
            [] -> #2 network:default, CreateNetwork, not found
            [2] -> #3 service:cache:1, CreateContainer, no existing container
            [3] -> #4 service:cache:1, StartContainer, service start
            [1,2] -> #5 service:api:1, CreateContainer, no existing container
            [5] -> #6 service:api:1, StartContainer, service start
            """)
    }

    /// Every hand-built shape.
    static var all: [(name: String, plan: Plan)] {
        [("healthy-dependency", healthyDependency), ("recreate", recreate), ("network-recreate", networkRecreate),
         ("renamed-network", renamedNetwork), ("volume-scale-orphans", volumeScaleOrphans), ("hostile", hostile),
         ("image-pull", imagePull)]
    }
}
