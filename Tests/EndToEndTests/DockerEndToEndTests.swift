import DockerModel
import Foundation
import PlanModel
import TestSupport
import Testing

/// `up`, `plan`, `apply` and `observe` against a real Docker daemon, through the built binary.
@Suite("Against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct DockerEndToEndTests {
    static let image = DockerTestHost.image

    /// A compose project in a temporary folder, torn down afterwards.
    final class Project {
        let name: String
        let directory: TemporaryDirectory

        init(_ name: String, _ yaml: String) throws {
            self.name = "cpe2e\(name)\(UUID().uuidString.prefix(6).lowercased())"
            directory = try TemporaryDirectory(prefix: name)
            try write(yaml)
        }

        func write(_ yaml: String) throws {
            try directory.write("compose.yaml", yaml.replacingOccurrences(of: "IMAGE", with: DockerEndToEndTests.image))
        }

        func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandRunner.Result {
            let host = ["-H", DockerTestHost.address!]
            let command = arguments.first!
            let withHost = ["plan", "up", "observe"].contains(command) ? host : []
            let project = ["plan", "up", "observe", "hash"].contains(command) ? ["-p", name] : []
            return try CommandRunner.composeplan(arguments + project + withHost, in: directory.path,
                                                 environment: environment.merging(["DOCKER_HOST": DockerTestHost.address!]) { _, new in new })
        }

        /// Container names of the project, by `docker ps`.
        func containers(all: Bool = true) throws -> [String: (id: String, state: String)] {
            let output = try DockerTestHost.docker(["ps"] + (all ? ["-a"] : []) + ["--filter", "label=com.docker.compose.project=\(name)",
                                                    "--format", "{{.Names}} {{.ID}} {{.State}}"]).stdout
            var result: [String: (String, String)] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                result[parts[0]] = (parts[1], parts[2])
            }
            return result
        }

        deinit {
            DockerTestHost.removeProject(name)
            directory.remove()
        }
    }

    static let base = """
        services:
          db:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            healthcheck:
              test: ["CMD", "true"]
              interval: 1s
            volumes: ["data:/data"]
          app:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            environment:
              MODE: one
            depends_on:
              db:
                condition: service_healthy
          web:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            scale: 2
            depends_on: [app]
        volumes:
          data: {}
        """

    @Test("up from nothing, then an immediate plan is empty; containers carry compose's labels")
    func upFromNothing() throws {
        let project = try Project("fresh", Self.base)
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("#1 network:default, CreateNetwork, not found"))
        let containers = try project.containers()
        #expect(Set(containers.keys) == ["\(project.name)-db-1", "\(project.name)-app-1", "\(project.name)-web-1", "\(project.name)-web-2"])
        #expect(containers.values.allSatisfy { $0.state == "running" })
        let again = try project.run(["plan", "--detailed-exitcode"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.isEmpty)
        let labels = try DockerTestHost.docker(["inspect", "--format", "{{json .Config.Labels}}", "\(project.name)-app-1"]).stdout
        let decoded = try JSONDecoder().decode([String: String].self, from: Data(labels.utf8))
        #expect(decoded["com.docker.compose.project"] == project.name)
        #expect(decoded["com.docker.compose.service"] == "app")
        #expect(decoded["com.docker.compose.container-number"] == "1")
        #expect(decoded["com.docker.compose.oneoff"] == "False")
        #expect(decoded["com.docker.compose.config-hash"]?.count == 64)
        #expect(decoded["com.docker.compose.depends_on"] == "db:service_healthy:false")
        let observed = try project.run(["observe"])
        let snapshot = try Snapshot.decode(Data(observed.stdout.utf8))
        #expect(snapshot.containers.count == 4)
        #expect(snapshot.networks.count == 1)
        #expect(snapshot.volumes.count == 1)
        let hashes = try JSONDecoder().decode([String: [String: String]].self, from: Data(try project.run(["hash"]).stdout.utf8))
        #expect(hashes["services"]?["app"] == decoded["com.docker.compose.config-hash"])
    }

    @Test("A changed environment variable recreates exactly that service, keeping its name and number")
    func changedEnvironment() throws {
        let project = try Project("env", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        let before = try project.containers()
        try project.write(Self.base.replacingOccurrences(of: "MODE: one", with: "MODE: two"))
        let plan = try project.run(["plan"])
        let resources = plan.stdout.split(separator: "\n").compactMap { $0.split(separator: " ")[safe: 3] }.map(String.init)
        #expect(Set(resources.filter { !$0.hasPrefix("wait:") }) == ["service:app:1,"])
        #expect(plan.stdout.contains("[recreate:app:1]"))
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stderr)")
        let after = try project.containers()
        #expect(Set(after.keys) == Set(before.keys))
        #expect(after["\(project.name)-app-1"]?.id != before["\(project.name)-app-1"]?.id)
        #expect(after["\(project.name)-db-1"]?.id == before["\(project.name)-db-1"]?.id)
        #expect(after["\(project.name)-web-1"]?.id == before["\(project.name)-web-1"]?.id)
        let env = try DockerTestHost.docker(["inspect", "--format", "{{json .Config.Env}}", "\(project.name)-app-1"]).stdout
        #expect(env.contains("MODE=two"))
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("Scale up then down")
    func scale() throws {
        let project = try Project("scale", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        try project.write(Self.base.replacingOccurrences(of: "scale: 2", with: "scale: 4"))
        #expect(try project.run(["up", "-y"]).status == 0)
        #expect(try project.containers().keys.filter { $0.contains("-web-") }.count == 4)
        try project.write(Self.base.replacingOccurrences(of: "scale: 2", with: "scale: 1"))
        let down = try project.run(["up", "-y"])
        #expect(down.stdout.contains("service:web:4, RemoveContainer, scale down"))
        #expect(try project.containers().keys.filter { $0.contains("-web-") }.sorted() == ["\(project.name)-web-1"])
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("--remove-orphans removes the containers of a deleted service")
    func orphans() throws {
        let project = try Project("orphans", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        let withoutWeb = Self.base.components(separatedBy: "\n  web:")[0] + "\nvolumes:\n  data: {}\n"
        try project.write(withoutWeb)
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
        let up = try project.run(["up", "-y", "--remove-orphans"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("orphan:\(project.name)-web-2, RemoveContainer, orphaned container"))
        #expect(try project.containers().keys.sorted() == ["\(project.name)-app-1", "\(project.name)-db-1"])
    }

    @Test("A network config change reconnects containers without recreating them")
    func networkChange() throws {
        let project = try Project("net", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        let before = try project.containers()
        try project.write(Self.base + "\nnetworks:\n  default:\n    labels:\n      tier: backend\n")
        let plan = try project.run(["plan"])
        #expect(plan.stdout.contains("network:default, RemoveNetwork, config hash diverged"))
        #expect(!plan.stdout.contains("CreateContainer"))
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stderr)")
        let after = try project.containers()
        #expect(after.mapValues(\.id) == before.mapValues(\.id))
        #expect(after.values.allSatisfy { $0.state == "running" })
        let label = try DockerTestHost.docker(["network", "inspect", "--format", "{{index .Labels \"tier\"}}", "\(project.name)_default"]).stdout
        #expect(label.trimmingCharacters(in: .whitespacesAndNewlines) == "backend")
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("A network config change with orphans still on the network: they are put back, or removed with --remove-orphans")
    func networkChangeWithOrphans() throws {
        let project = try Project("netorphan", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        let before = try project.containers()
        let withoutWeb = Self.base.components(separatedBy: "\n  web:")[0] + "\nvolumes:\n  data: {}\n"
        try project.write(withoutWeb + "networks:\n  default:\n    labels:\n      tier: backend\n")
        // Docker refuses to remove a network with endpoints: the orphans
        // (web-1, web-2) are disconnected first, then reconnected and started.
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.contains("orphan:\(project.name)-web-1, DisconnectNetwork, network default recreate"))
        #expect(up.stdout.contains("orphan:\(project.name)-web-2, StartContainer, network default recreate"))
        let after = try project.containers()
        #expect(after.mapValues(\.id) == before.mapValues(\.id))
        #expect(after.values.allSatisfy { $0.state == "running" })
        let networkID = try DockerTestHost.docker(["network", "inspect", "--format", "{{.Id}}", "\(project.name)_default"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        for name in ["\(project.name)-web-1", "\(project.name)-web-2"] {
            let attached = try DockerTestHost.docker(["inspect", "--format", "{{range .NetworkSettings.Networks}}{{.NetworkID}} {{end}}", name]).stdout
            #expect(attached.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: " ").map(String.init) == [networkID], "\(name)")
        }
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)

        // Another change, with --remove-orphans: stopped once, removed after the disconnect.
        try project.write(withoutWeb + "networks:\n  default:\n    labels:\n      tier: front\n")
        let cleanup = try project.run(["up", "-y", "--remove-orphans"])
        #expect(cleanup.status == 0, "\(cleanup.stdout)\(cleanup.stderr)")
        #expect(cleanup.stdout.contains("orphan:\(project.name)-web-1, RemoveContainer, orphaned container"))
        #expect(try project.containers().keys.sorted() == ["\(project.name)-app-1", "\(project.name)-db-1"])
        #expect(try project.run(["plan", "--detailed-exitcode", "--remove-orphans"]).status == 0)
    }

    @Test("up and plan over TCP with mutual TLS: DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, or the docker CLI's flags",
          .enabled(if: DockerTestHost.tlsAddress != nil))
    func upOverTLS() throws {
        let project = try Project("tls", Self.base)
        let tlsHost = DockerTestHost.tlsAddress!, certs = DockerTestHost.certPath!
        let up = try CommandRunner.composeplan(["up", "-y", "-p", project.name], in: project.directory.path,
                                               environment: ["DOCKER_HOST": tlsHost, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": certs])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(try project.containers().values.filter { $0.state == "running" }.count == 4)
        let plan = try CommandRunner.composeplan(["plan", "--detailed-exitcode", "-p", project.name, "-H", tlsHost, "--tlsverify",
                                                  "--tlscacert", certs + "/ca.pem", "--tlscert", certs + "/cert.pem",
                                                  "--tlskey", certs + "/key.pem"], in: project.directory.path)
        #expect(plan.status == 0, "\(plan.stdout)\(plan.stderr)")
        let plain = try CommandRunner.composeplan(["plan", "-p", project.name, "-H", tlsHost], in: project.directory.path)
        #expect(plain.status == 1)
        #expect(plain.stderr.contains("uses TLS: pass --tlsverify"))
        #expect(plain.stderr.split(separator: "\n").count == 1)
    }

    @Test("A confirmed volume recreate replaces the volume and the containers using it")
    func volumeRecreate() throws {
        let project = try Project("vol", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        try project.write(Self.base.replacingOccurrences(of: "volumes:\n  data: {}", with: "volumes:\n  data:\n    labels:\n      backup: daily"))
        let declined = try project.run(["plan"])
        #expect(!declined.stdout.contains("RemoveVolume"))
        #expect(declined.stderr.contains("warning: volume"))
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(up.stdout.contains("volume:data, RemoveVolume, config hash diverged"))
        let label = try DockerTestHost.docker(["volume", "inspect", "--format", "{{index .Labels \"backup\"}}", "\(project.name)_data"]).stdout
        #expect(label.trimmingCharacters(in: .whitespacesAndNewlines) == "daily")
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("A stale plan is refused")
    func stalePlan() throws {
        let project = try Project("stale", Self.base)
        #expect(try project.run(["up", "-y"]).status == 0)
        try project.write(Self.base.replacingOccurrences(of: "MODE: one", with: "MODE: three"))
        #expect(try project.run(["plan", "-o", "plan.json"]).status == 0)
        #expect(try DockerTestHost.docker(["stop", "-t", "1", "\(project.name)-web-1"]).status == 0)
        let apply = try project.run(["apply", "plan.json", "-H", DockerTestHost.address!])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("plan is stale"))
        #expect(apply.stderr.contains("\(project.name)-web-1"))
        #expect(try project.containers()["\(project.name)-app-1"] != nil)
    }

    @Test("A missing image fails its node, skips its dependents, exits 1; the fixed plan then converges")
    func missingImage() throws {
        let project = try Project("fail", Self.base)
        try project.write(Self.base.replacingOccurrences(of: "  app:\n    image: IMAGE", with: "  app:\n    image: composeplan-test/missing:1"))
        #expect(try project.run(["plan", "-o", "plan.json"]).status == 0)
        let apply = try project.run(["apply", "plan.json", "-H", DockerTestHost.address!, "--record", "run.json", "--trace", "trace.json"])
        #expect(apply.status == 1)
        #expect(apply.stderr.contains("composeplan-test/missing:1"))
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: project.directory.path + "/run.json")), path: "run.json")
        #expect(record.outcome == .failed)
        #expect(record.nodes.contains { $0.status == .failed })
        #expect(record.nodes.contains { $0.status == .skipped })
        #expect(record.nodes.contains { $0.status == .succeeded })
        let trace = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: project.directory.path + "/trace.json"))) as? [String: Any]
        #expect((trace?["traceEvents"] as? [Any])?.isEmpty == false)
        #expect(try project.containers()["\(project.name)-db-1"]?.state == "running")
        try project.write(Self.base)
        let fixed = try project.run(["up", "-y"])
        #expect(fixed.status == 0, "\(fixed.stderr)")
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
        #expect(try project.containers().count == 4)
    }
}

extension Array {
    subscript(safe index: Int) -> Element? { indices.contains(index) ? self[index] : nil }
}
