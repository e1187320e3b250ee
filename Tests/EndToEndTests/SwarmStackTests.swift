import Foundation
import TestSupport
import Testing

/// `--target swarm` on the test daemon made a single-node Swarm by
/// `scripts/start-test-daemon.sh`: a stack planned and applied from
/// nothing, then changed (image, scale, secret content, a removed
/// service), and the interoperation with `docker stack deploy` (the docker
/// CLI 20.10 from docker.io) both ways.
@Suite("Swarm stacks on a real single-node Swarm", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct SwarmStackTests {
    /// A stack's compose files in a temporary folder; the stack is removed
    /// afterwards.
    final class Stack {
        let name: String
        let directory: TemporaryDirectory

        init(_ name: String, _ yaml: String, files: [String: String] = [:]) throws {
            self.name = "cpsw\(name)\(UUID().uuidString.prefix(6).lowercased())"
            directory = try TemporaryDirectory(prefix: name)
            for (file, contents) in files { _ = try directory.write(file, contents) }
            try write(yaml)
        }

        func write(_ yaml: String) throws {
            _ = try directory.write("compose.yaml", yaml.replacingOccurrences(of: "IMAGE", with: DockerTestHost.image))
        }

        /// `composeplan <arguments> --target swarm -p NAME -H HOST`.
        func run(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.composeplan(arguments + ["--target", "swarm", "-p", name, "-H", DockerTestHost.address!],
                                          in: directory.path)
        }

        /// `docker stack deploy -c compose.yaml NAME`.
        func deployWithTheCLI() throws -> CommandRunner.Result {
            try CommandRunner.run("/usr/bin/docker", ["-H", DockerTestHost.address!, "stack", "deploy", "-c",
                                                      directory.path + "/compose.yaml", name])
        }

        /// `NAME_service` → `running/desired` and image, from `docker stack services`.
        func services() throws -> [String: String] {
            let output = try DockerTestHost.docker(["stack", "services", name, "--format", "{{.Name}} {{.Replicas}} {{.Image}}"]).stdout
            var result: [String: String] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
                result[parts[0]] = parts[1]
            }
            return result
        }

        /// The ids of the tasks the orchestrator wants running, and whether
        /// each runs.
        func runningTasks() throws -> [String: String] {
            let output = try DockerTestHost.docker(["stack", "ps", name, "--filter", "desired-state=running", "--no-trunc",
                                                    "--format", "{{.ID}} {{.CurrentState}}"]).stdout
            var result: [String: String] = [:]
            for line in output.split(separator: "\n") {
                let parts = line.split(separator: " ").map(String.init)
                result[parts[0]] = parts[1]
            }
            return result
        }

        /// Waits until every task the orchestrator wants running runs.
        func waitForRunning(_ count: Int) throws {
            for _ in 0..<120 {
                let tasks = try runningTasks()
                if tasks.count == count && tasks.values.allSatisfy({ $0 == "Running" }) { return }
                Thread.sleep(forTimeInterval: 0.5)
            }
            Issue.record("the stack's \(count) tasks did not all run within 60 s: \(try runningTasks())")
        }

        func secrets() throws -> [String] {
            try DockerTestHost.docker(["secret", "ls", "--filter", "label=com.docker.stack.namespace=\(name)", "--format", "{{.Name}}"])
                .stdout.split(separator: "\n").map(String.init).sorted()
        }

        deinit {
            _ = try? DockerTestHost.docker(["stack", "rm", name])
            directory.remove()
        }
    }

    static func requireSwarm() throws {
        let state = try DockerTestHost.docker(["info", "--format", "{{.Swarm.LocalNodeState}}"]).stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        try #require(state == "active", "the test daemon is not a Swarm manager (scripts/start-test-daemon.sh makes it one)")
    }

    /// `version:` for the docker CLI 20.10, which refuses a file without it
    /// (composeplan warns that it is obsolete).
    static let yaml = """
        version: "3.8"
        services:
          web:
            image: IMAGE
            command: ["sleep", "100000"]
            init: true
            stop_grace_period: 1s
            deploy:
              replicas: 2
              update_config:
                parallelism: 1
                order: start-first
            networks: [front]
            secrets: [pw]
          worker:
            image: IMAGE
            command: ["sleep", "100000"]
            init: true
            stop_grace_period: 1s
            depends_on: [web]
        networks:
          front: {}
        secrets:
          pw:
            file: ./pw.txt
        """

    @Test("From nothing, then an image change, scaling, a secret's new content and a removed service; each next plan is empty")
    func lifecycle() throws {
        try Self.requireSwarm()
        let stack = try Stack("life", Self.yaml, files: ["pw.txt": "first\n"])
        let name = stack.name
        let plan = try stack.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout == """
            [] -> #1 network:\(name)_default, CreateNetwork, not found
            [] -> #2 network:\(name)_front, CreateNetwork, not found
            [] -> #3 secret:\(name)_pw, CreateSecret, not found
            [2,3] -> #4 service:\(name)_web, CreateService, not found
            [4] -> #5 service:\(name)_web, WaitConverged, 2 of 2 tasks running
            [1] -> #6 service:\(name)_worker, CreateService, not found
            [6] -> #7 service:\(name)_worker, WaitConverged, 1 of 1 tasks running

            """, "\(plan.stdout)")
        #expect(plan.stderr.contains("service worker: ignoring depends_on (Swarm does not use them)"), "\(plan.stderr)")

        let up = try stack.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
        // WaitConverged returned once the tasks ran: no waiting needed here.
        #expect(try stack.runningTasks().values.sorted() == ["Running", "Running", "Running"])
        #expect(try stack.services() == ["\(name)_web": "2/2 \(DockerTestHost.image)", "\(name)_worker": "1/1 \(DockerTestHost.image)"])
        #expect(try DockerTestHost.docker(["service", "inspect", "\(name)_web", "--format",
                                           "{{index .Spec.Labels \"com.docker.stack.namespace\"}}"]).stdout == "\(name)\n")
        #expect(try stack.run(["plan", "--detailed-exitcode"]).status == 0)

        // A new image tag: an update, rolled one task at a time, start-first.
        let tag = "composeplan-test/busybox:swarm2"
        #expect(try DockerTestHost.docker(["tag", DockerTestHost.image, tag]).status == 0)
        let retagged = Self.yaml.replacingOccurrences(of: "image: IMAGE\n    command: [\"sleep\", \"100000\"]\n    init: true\n    stop_grace_period: 1s\n    deploy",
                                                      with: "image: \(tag)\n    command: [\"sleep\", \"100000\"]\n    init: true\n    stop_grace_period: 1s\n    deploy")
        try stack.write(retagged)
        let update = try stack.run(["plan"])
        #expect(update.stdout == """
            [] -> #1 service:\(name)_web, UpdateService, image changed
            [1] -> #2 service:\(name)_web, WaitConverged, 2 of 2 tasks running

            """, "\(update.stdout)\n\(update.stderr)")
        let rolled = try stack.run(["up", "-y", "--progress", "plain"])
        #expect(rolled.status == 0, "\(rolled.stdout)\n\(rolled.stderr)")
        #expect(try stack.services()["\(name)_web"] == "2/2 \(tag)")
        let images = try DockerTestHost.docker(["service", "ps", "\(name)_web", "--filter", "desired-state=running",
                                                "--format", "{{.Image}} {{.CurrentState}}"]).stdout
        #expect(images.split(separator: "\n").map { $0.hasPrefix("\(tag) Running") } == [true, true], "\(images)")
        #expect(try stack.run(["plan", "--detailed-exitcode"]).status == 0)

        // Scaling.
        try stack.write(retagged.replacingOccurrences(of: "replicas: 2", with: "replicas: 3"))
        #expect(try stack.run(["plan"]).stdout == """
            [] -> #1 service:\(name)_web, UpdateService, replicas 2 → 3
            [1] -> #2 service:\(name)_web, WaitConverged, 3 of 3 tasks running

            """)
        #expect(try stack.run(["up", "-y"]).status == 0)
        #expect(try stack.services()["\(name)_web"] == "3/3 \(tag)")

        // The secret's content: a new version, the service moved to it, the old one removed.
        _ = try stack.directory.write("pw.txt", "second\n")
        let digest = try CommandRunner.run("/usr/bin/sha256sum", [stack.directory.path + "/pw.txt"]).stdout.prefix(12)
        let version = "\(name)_pw-\(digest)"
        #expect(try stack.run(["plan"]).stdout == """
            [] -> #1 secret:\(version), CreateSecret, content changed
            [1] -> #2 service:\(name)_web, UpdateService, secret pw changed
            [2] -> #3 service:\(name)_web, WaitConverged, 3 of 3 tasks running
            [1,3] -> #4 secret:\(name)_pw, RemoveSecret, replaced by #1

            """)
        let rotated = try stack.run(["up", "-y", "--progress", "plain"])
        #expect(rotated.status == 0, "\(rotated.stdout)\n\(rotated.stderr)")
        #expect(try stack.secrets() == [version])
        #expect(try stack.run(["plan", "--detailed-exitcode"]).status == 0)

        // A service removed from the files stays without --remove-orphans.
        let withoutWorker = String(retagged.replacingOccurrences(of: "replicas: 2", with: "replicas: 3")
            .split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.isEmpty }.joined(separator: "\n"))
        let trimmed = withoutWorker.components(separatedBy: "  worker:\n").first! + "networks:" + withoutWorker.components(separatedBy: "\nnetworks:").last!
        try stack.write(trimmed)
        let kept = try stack.run(["plan", "--detailed-exitcode"])
        #expect(kept.status == 0, "\(kept.stdout)")
        #expect(kept.stderr.contains("service \(name)_worker is not in the compose files (--remove-orphans removes it)"), "\(kept.stderr)")
        #expect(try stack.run(["plan", "--remove-orphans"]).stdout == "[] -> #1 service:\(name)_worker, RemoveService, orphaned service\n")
        #expect(try stack.run(["up", "-y", "--remove-orphans"]).status == 0)
        #expect(try stack.services().keys.sorted() == ["\(name)_web"])
        #expect(try stack.run(["plan", "--detailed-exitcode", "--remove-orphans"]).status == 0)
    }

    @Test("docker stack deploy's stack plans as empty, and composeplan's stack is one docker stack deploy leaves unchanged")
    func interoperation() throws {
        try Self.requireSwarm()
        // The CLI first.
        let theirs = try Stack("cli", Self.yaml, files: ["pw.txt": "first\n"])
        let deployed = try theirs.deployWithTheCLI()
        #expect(deployed.status == 0, "\(deployed.stderr)")
        try theirs.waitForRunning(3)
        let empty = try theirs.run(["plan", "--detailed-exitcode"])
        #expect(empty.status == 0, "\(empty.stdout)\n\(empty.stderr)")
        #expect(empty.stdout.isEmpty)

        // composeplan first.
        let ours = try Stack("ours", Self.yaml, files: ["pw.txt": "first\n"])
        #expect(try ours.run(["up", "-y"]).status == 0)
        let before = try ours.runningTasks()
        #expect(before.count == 3 && before.values.allSatisfy { $0 == "Running" }, "\(before)")
        let again = try ours.deployWithTheCLI()
        #expect(again.status == 0, "\(again.stderr)")
        // The CLI updates every service it finds; Swarm replaces a task only
        // when its template changed. Give the orchestrator time to act.
        Thread.sleep(forTimeInterval: 3)
        #expect(try ours.runningTasks() == before)
        let stackPS = try DockerTestHost.docker(["stack", "ps", ours.name, "--format", "{{.Name}} {{.DesiredState}}"]).stdout
        #expect(stackPS.split(separator: "\n").count == 3, "\(stackPS)")
        #expect(try ours.run(["plan", "--detailed-exitcode"]).status == 0)
    }

    @Test("An image from a registry is pinned to its digest as the docker CLI pins it: docker stack deploy then changes nothing",
          .enabled(if: TestRegistry.isConfigured))
    func registryImagePinned() throws {
        try Self.requireSwarm()
        let reference = "\(TestRegistry.address!)/\(TestRegistry.uniqueRepository("swarm")):1"
        let pushed = try TestRegistry.pushVariant(to: reference)
        let stack = try Stack("reg", """
            version: "3.8"
            services:
              app:
                image: \(reference)
                command: ["sleep", "100000"]
                init: true
                stop_grace_period: 1s
                deploy:
                  replicas: 2
            """)
        let up = try stack.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
        let image = try DockerTestHost.docker(["service", "inspect", "\(stack.name)_app", "--format",
                                               "{{.Spec.TaskTemplate.ContainerSpec.Image}}"]).stdout
        #expect(image == "\(reference)@\(pushed.digest)\n", "\(image)")
        let before = try stack.runningTasks()
        #expect(before.count == 2)
        #expect(try stack.deployWithTheCLI().status == 0)
        Thread.sleep(forTimeInterval: 3)
        #expect(try stack.runningTasks() == before)
        #expect(try stack.run(["plan", "--detailed-exitcode"]).status == 0)
        // A new push under the same tag: the stack is updated to the new digest.
        let moved = try TestRegistry.pushVariant(to: reference)
        let plan = try stack.run(["plan", "--explain"])
        #expect(plan.stdout.hasPrefix("[] -> #1 service:\(stack.name)_app, UpdateService, image changed\n"), "\(plan.stdout)")
        #expect(plan.stdout.contains("image: \(reference)@\(pushed.digest) → \(reference)@\(moved.digest)"), "\(plan.stdout)")
    }

    @Test("A service whose tasks cannot run: its WaitConverged fails at the deadline with the task's error; the run says so")
    func convergenceFailure() throws {
        try Self.requireSwarm()
        let stack = try Stack("fail", """
            services:
              broken:
                image: composeplan-test/missing:1
                deploy:
                  restart_policy:
                    condition: none
            """)
        let up = try stack.run(["up", "-y", "--wait-timeout", "8", "--progress", "plain", "--record", "run.json"])
        #expect(up.status == 1, "\(up.stdout)\n\(up.stderr)")
        let record = try String(contentsOfFile: stack.directory.path + "/run.json", encoding: .utf8)
        #expect(record.contains("timed out after 8s waiting for service \(stack.name)_broken to converge"), "\(record)")
        #expect(record.contains("No such image"), "\(record)")
    }
}
