import ComposeModel
import DockerModel
import Foundation
import PlanModel
import TestSupport

/// Plans for the report tests: the drifted example (read from its golden
/// plan text), a hostile project, and large generated plans.
enum PlanFixtures {
    static let fingerprint = "3f5a9c1e0b7d4a2f8e6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706"

    /// A plan file around `nodes`.
    static func planFile(_ nodes: [PlanNode], project: String = "blog", warnings: [String] = []) -> PlanFile {
        let created = Date(timeIntervalSince1970: 1_767_261_600) // 2026-01-01T10:00:00Z
        var file = PlanFile(toolVersion: "0.1.0", createdAt: created,
                            project: ProjectContext(name: project, workingDirectory: "/srv/\(project)"),
                            composeFiles: [:], options: PlanOptions(),
                            engine: EngineIdentity(kind: "docker", host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41"),
                            fingerprint: StateFingerprint(snapshot: Snapshot(), project: project), plan: Plan(nodes: nodes, warnings: warnings))
        file.fingerprint.digest = fingerprint
        return file
    }

    /// The drifted example's plan (27 nodes).
    static func drifted() throws -> PlanFile {
        let text = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/drifted/plan.txt", encoding: .utf8)
        return planFile(try Plan(text: text).nodes)
    }

    /// A small hand-made plan: network, then two services' containers.
    ///
    ///     1 CreateNetwork ─┬─ 2 CreateContainer web ── 3 StartContainer web
    ///                      └─ 4 CreateContainer api ── 5 StartContainer api (also waits for 3)
    static func small() -> PlanFile {
        planFile(Plan(fixture: """
            [] -> #1 network:default, CreateNetwork, not found
            [1] -> #2 service:web:1, CreateContainer, no existing container
            [2] -> #3 service:web:1, StartContainer, service start
            [1] -> #4 service:api:1, CreateContainer, no existing container
            [3,4] -> #5 service:api:1, StartContainer, service start
            """).nodes, project: "shop")
    }

    static let secret = "s3cr3t-hunter2-DO-NOT-LEAK"
    static let hostileText = "<script>alert(1)</script> \"quoted\" & 'single'"
    /// Markup that, if it ever ran, would leave a mark the browser test sees.
    static let payload = #"<script>document.body.dataset.pwned='script'</script><img src=x onerror="document.body.dataset.pwned='img'">"#

    /// A project whose names, labels, commands, image and errors carry
    /// markup, quotes and ampersands, and whose service has a secret in its
    /// environment.
    static func hostile() throws -> PlanFile {
        let project = try ProjectFixture.load("""
            services:
              web:
                image: "evil:<script>alert(6)</script>"
                command: ["sh", "-c", "echo '<script>alert(2)</script>' && echo \\"q\\" & true"]
                labels:
                  evil: "<script>alert(3)</script> \\"q\\" & x"
                environment:
                  DB_PASSWORD: \(secret)
            """, name: "evil")
        let config = project.services["web"]!
        let details = OperationDetails(service: "web", number: 1, name: "evil-web-1", serviceConfig: config)
        return planFile([
            PlanNode(id: 1, type: .createContainer, resource: .container(service: "web", number: 1), cause: "label \(hostileText) changed",
                     group: "recreate:\(hostileText)", details: details),
            PlanNode(id: 2, type: .startContainer, resource: .container(service: "web", number: 1), cause: "service start", dependsOn: [1],
                     details: OperationDetails(service: "web", number: 1, createdBy: 1)),
            PlanNode(id: 3, type: .stopContainer, resource: .orphan(name: "</script><script>alert(4)</script>"),
                     cause: "orphaned container & \"gone\"",
                     details: OperationDetails(container: ContainerReference(id: "abc123", name: "</script><img src=x onerror=alert(5)>"))),
            PlanNode(id: 4, type: .removeContainer, resource: .orphan(name: "</script><script>alert(4)</script>"),
                     cause: "orphaned container \(payload)", dependsOn: [3]),
        ], project: "evil<script>alert(7)</script>&\"", warnings: ["warning with \(hostileText)"])
    }

    /// `services` services of `replicas` replicas, each created then
    /// started, after a network and a volume; plus `orphans` orphans
    /// stopped then removed. 2 + 2·services·replicas + 2·orphans nodes.
    static func large(services: Int = 30, replicas: Int = 49, orphans: Int = 29) -> PlanFile {
        var builder = PlanTextBuilder()
        builder.add(.createNetwork, "network:default", "not found")
        builder.add(.createVolume, "volume:data", "not found")
        for service in 0..<services {
            for replica in 1...replicas {
                let create = builder.add(.createContainer, "service:svc\(service):\(replica)", "no existing container", after: [1, 2])
                builder.add(.startContainer, "service:svc\(service):\(replica)", "service start", after: [create],
                            details: OperationDetails(createdBy: create))
            }
        }
        for orphan in 0..<orphans {
            let stop = builder.add(.stopContainer, "orphan:old-\(orphan)", "orphaned container")
            builder.add(.removeContainer, "orphan:old-\(orphan)", "orphaned container", after: [stop])
        }
        return planFile(builder.plan.nodes, project: "fleet")
    }

    /// A shop after a release, for the explorer: the database and the web
    /// tier replaced (stop, create under a temporary name, remove, rename,
    /// start), a cache and a worker pool created, the API scaled up to 12
    /// replicas after the database and the cache, the web tier after the
    /// API, and an orphan removed: 106 nodes, so the report opens on its
    /// overview.
    static func shop() -> PlanFile {
        var builder = PlanTextBuilder()
        let network = builder.add(.createNetwork, "network:backend", "not found")
        let volume = builder.add(.createVolume, "volume:pgdata", "not found")
        func replace(_ service: String, replicas: Int, after: [Int]) -> [Int] {
            (1...replicas).map { replica in
                let resource = "service:\(service):\(replica)"
                let group = "recreate:\(service):\(replica)"
                let stop = builder.add(.stopContainer, resource, "image changed")
                let create = builder.add(.createContainer, resource, "image changed (tmpName)", group: group, after: [network, volume])
                let remove = builder.add(.removeContainer, resource, "replaced by #\(create)", group: group, after: [stop, create])
                let rename = builder.add(.renameContainer, resource, "finalize recreate", group: group, after: [remove])
                return builder.add(.startContainer, resource, "service start", after: [rename] + after,
                                   details: OperationDetails(createdBy: create))
            }
        }
        func create(_ service: String, replicas: Int, after: [Int]) -> [Int] {
            (1...replicas).map { replica in
                let resource = "service:\(service):\(replica)"
                let create = builder.add(.createContainer, resource, "no existing container", after: [network])
                return builder.add(.startContainer, resource, "service start", after: [create] + after,
                                   details: OperationDetails(createdBy: create))
            }
        }
        let db = replace("db", replicas: 2, after: [])
        let cache = create("cache", replicas: 1, after: [])
        let api = create("api", replicas: 12, after: db + cache)
        _ = create("worker", replicas: 8, after: db)
        _ = replace("web", replicas: 10, after: api)
        let stop = builder.add(.stopContainer, "orphan:shop-legacy-cron-1", "orphaned container")
        builder.add(.removeContainer, "orphan:shop-legacy-cron-1", "orphaned container", after: [stop])
        return planFile(builder.plan.nodes, project: "shop")
    }
}
