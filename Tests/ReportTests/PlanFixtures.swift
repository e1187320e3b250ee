import ComposeModel
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

    /// Nodes parsed from the plan text format
    /// (`[deps] -> #id resource, Type, cause [group]`).
    static func nodes(fromText text: String) -> [PlanNode] {
        text.split(separator: "\n").map { line in
            let arrow = line.range(of: "] -> #")!
            let deps = line[line.index(after: line.startIndex)..<arrow.lowerBound].split(separator: ",").map { Int($0)! }
            let rest = line[arrow.upperBound...]
            let space = rest.firstIndex(of: " ")!
            let id = Int(rest[..<space])!
            let fields = rest[rest.index(after: space)...].components(separatedBy: ", ")
            var cause = fields.dropFirst(2).joined(separator: ", ")
            var group: String?
            if cause.hasSuffix("]"), let open = cause.range(of: " [", options: .backwards) {
                group = String(cause[open.upperBound..<cause.index(before: cause.endIndex)])
                cause = String(cause[..<open.lowerBound])
            }
            return PlanNode(id: id, type: OperationType(rawValue: fields[1])!, resource: fields[0], cause: cause,
                            group: group, dependsOn: deps)
        }
    }

    /// The drifted example's plan (27 nodes).
    static func drifted() throws -> PlanFile {
        let text = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/drifted/plan.txt", encoding: .utf8)
        return planFile(nodes(fromText: text))
    }

    /// A small hand-made plan: network, then two services' containers.
    ///
    ///     1 CreateNetwork ─┬─ 2 CreateContainer web ── 3 StartContainer web
    ///                      └─ 4 CreateContainer api ── 5 StartContainer api (also waits for 3)
    static func small() -> PlanFile {
        planFile([
            PlanNode(id: 1, type: .createNetwork, resource: "network:default", cause: "not found"),
            PlanNode(id: 2, type: .createContainer, resource: "service:web:1", cause: "no existing container", dependsOn: [1]),
            PlanNode(id: 3, type: .startContainer, resource: "service:web:1", cause: "service start", dependsOn: [2]),
            PlanNode(id: 4, type: .createContainer, resource: "service:api:1", cause: "no existing container", dependsOn: [1]),
            PlanNode(id: 5, type: .startContainer, resource: "service:api:1", cause: "service start", dependsOn: [3, 4]),
        ], project: "shop")
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
            PlanNode(id: 1, type: .createContainer, resource: "service:web:1", cause: "label \(hostileText) changed",
                     group: "recreate:\(hostileText)", details: details),
            PlanNode(id: 2, type: .startContainer, resource: "service:web:1", cause: "service start", dependsOn: [1],
                     details: OperationDetails(service: "web", number: 1, createdBy: 1)),
            PlanNode(id: 3, type: .stopContainer, resource: "orphan:</script><script>alert(4)</script>",
                     cause: "orphaned container & \"gone\"",
                     details: OperationDetails(container: ContainerReference(id: "abc123", name: "</script><img src=x onerror=alert(5)>"))),
            PlanNode(id: 4, type: .removeContainer, resource: "orphan:</script><script>alert(4)</script>",
                     cause: "orphaned container \(payload)", dependsOn: [3]),
        ], project: "evil<script>alert(7)</script>&\"", warnings: ["warning with \(hostileText)"])
    }

    /// `services` services of `replicas` replicas, each created then
    /// started, after a network and a volume; plus `orphans` orphans
    /// stopped then removed. 2 + 2·services·replicas + 2·orphans nodes.
    static func large(services: Int = 30, replicas: Int = 49, orphans: Int = 29) -> PlanFile {
        var nodes = [
            PlanNode(id: 1, type: .createNetwork, resource: "network:default", cause: "not found"),
            PlanNode(id: 2, type: .createVolume, resource: "volume:data", cause: "not found"),
        ]
        for service in 0..<services {
            for replica in 1...replicas {
                let create = nodes.count + 1
                let name = "svc\(service)"
                nodes.append(PlanNode(id: create, type: .createContainer, resource: "service:\(name):\(replica)",
                                      cause: "no existing container", dependsOn: [1, 2],
                                      details: OperationDetails(service: name, number: replica)))
                nodes.append(PlanNode(id: create + 1, type: .startContainer, resource: "service:\(name):\(replica)",
                                      cause: "service start", dependsOn: [create],
                                      details: OperationDetails(service: name, number: replica, createdBy: create)))
            }
        }
        for orphan in 0..<orphans {
            let stop = nodes.count + 1
            nodes.append(PlanNode(id: stop, type: .stopContainer, resource: "orphan:old-\(orphan)", cause: "orphaned container"))
            nodes.append(PlanNode(id: stop + 1, type: .removeContainer, resource: "orphan:old-\(orphan)",
                                  cause: "orphaned container", dependsOn: [stop]))
        }
        return planFile(nodes, project: "fleet")
    }
}
