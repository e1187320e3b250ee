import Foundation
#if canImport(Glibc)
import Glibc
#endif
import PlanModel
import TestSupport
import Testing

/// A daemon that dies during `up`: the run ends, in bounded time, with a
/// record naming what failed; once the daemon is back, the next `plan` and
/// `up` converge and the named volume keeps its data.
///
/// The test runs its own daemon (scripts/start-test-daemon.sh in a folder of
/// its own) and kills that one, never the shared daemon of
/// `COMPOSEPLAN_TEST_DOCKER_HOST`; it runs where that variable is set, which
/// says that dockerd can run here.
@Suite("A Docker daemon killed during up", .serialized,
       .enabled(if: DockerTestHost.isAvailable,
                "COMPOSEPLAN_TEST_DOCKER_HOST is not set: no sign that dockerd can run here (.ci/run starts one; this test starts and kills a daemon of its own)"))
struct DaemonRestartTests {
    static let image = DockerTestHost.image
    static let scripts = CommandRunner.repositoryRoot + "/scripts"

    /// A private daemon beside the shared one: no default bridge (the shared
    /// daemon owns docker0), no iptables rules (its containers need no
    /// traffic, and the shared daemon's rules stay untouched), and networks
    /// from a pool of its own, so that its bridges never take the shared
    /// daemon's subnets (its pool comes first). Flags this machine's
    /// daemons need (`COMPOSEPLAN_DOCKERD_FLAGS`, a storage driver say) follow.
    static let dockerdFlags = ["--bridge=none --iptables=false --default-address-pool base=10.213.0.0/16,size=24",
                               ProcessInfo.processInfo.environment["COMPOSEPLAN_DOCKERD_FLAGS"] ?? ""]
        .filter { !$0.isEmpty }.joined(separator: " ")

    /// A daemon started by the script in a temporary folder.
    final class PrivateDaemon {
        let folder: TemporaryDirectory
        let address: String

        init() throws {
            folder = try TemporaryDirectory(prefix: "cp-daemon-restart")
            let started = try CommandRunner.run(DaemonRestartTests.scripts + "/start-test-daemon.sh", [folder.path],
                                                environment: ["COMPOSEPLAN_DOCKERD_FLAGS": DaemonRestartTests.dockerdFlags], timeout: 120)
            guard started.status == 0 else {
                _ = try? CommandRunner.run(DaemonRestartTests.scripts + "/stop-test-daemon.sh", [folder.path, "--purge"], timeout: 120)
                throw Failure(description: "start-test-daemon.sh failed (\(started.status)): \(started.stderr)")
            }
            address = started.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }

        /// `docker -H <this daemon> arguments…`.
        func docker(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run("/usr/bin/docker", ["-H", address] + arguments, timeout: 60)
        }

        /// Kills dockerd (SIGKILL) and starts it again on the same data.
        func crashAndRestart() throws -> CommandRunner.Result {
            try CommandRunner.run(DaemonRestartTests.scripts + "/restart-test-daemon.sh", [folder.path, "--kill"], timeout: 120)
        }

        /// Stops the daemon and removes its folder (data-root included).
        func stop() {
            _ = try? CommandRunner.run(DaemonRestartTests.scripts + "/stop-test-daemon.sh", [folder.path, "--purge"], timeout: 120)
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The first version: `db` writes the marker into its named volume.
    static let first = """
        services:
          db:
            image: IMAGE
            command: ["sh", "-c", "echo written-by-the-first-up > /data/marker && exec sleep 3600"]
            stop_grace_period: 1s
            volumes: ["data:/data"]
          web:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            scale: 2
            depends_on: [db]
        volumes:
          data: {}
        """

    /// The second version: `db` is recreated (and writes nothing), and two
    /// services are added, one waiting for the other to be healthy. `db`'s
    /// old container runs `sleep` as process 1, which ignores SIGTERM, so
    /// with `-t 30` the stop of the recreate takes 30 s: the daemon is
    /// killed while it is in flight, with the replacement created under its
    /// temporary name.
    static let second = """
        services:
          db:
            image: IMAGE
            command: ["sh", "-c", "exec sleep 3601"]
            stop_grace_period: 1s
            volumes: ["data:/data"]
          web:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            scale: 2
            depends_on: [db]
          queue:
            image: IMAGE
            command: ["sh", "-c", "sleep 2 && touch /tmp/ready && exec sleep 3600"]
            init: true
            stop_grace_period: 1s
            healthcheck:
              test: ["CMD", "test", "-f", "/tmp/ready"]
              interval: 1s
          worker:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            depends_on:
              queue:
                condition: service_healthy
        volumes:
          data: {}
        """

    @Test("SIGKILL to the daemon during up: up fails in bounded time with a record naming the failed nodes; after the restart plan and up converge, with every container under its own name and the named volume's data kept")
    func killedDuringUp() throws {
        let daemon = try PrivateDaemon()
        defer { daemon.stop() }
        let project = "cprestart\(UUID().uuidString.prefix(6).lowercased())"
        let directory = try TemporaryDirectory(prefix: "daemon-restart")
        defer { directory.remove() }
        func write(_ yaml: String) throws {
            try directory.write("compose.yaml", yaml.replacingOccurrences(of: "IMAGE", with: Self.image))
        }
        let common = ["-p", project, "-H", daemon.address]
        func composeplan(_ arguments: [String]) throws -> CommandRunner.Result {
            try CommandRunner.run(CommandRunner.composeplan, arguments + common, in: directory.path, timeout: 120)
        }
        func names() throws -> [String] {
            try daemon.docker(["ps", "-a", "--filter", "label=com.docker.compose.project=\(project)", "--format", "{{.Names}}"])
                .stdout.split(separator: "\n").map(String.init).sorted()
        }
        let volume = "\(project)_data"
        func marker() throws -> CommandRunner.Result {
            try daemon.docker(["run", "--rm", "-v", "\(volume):/data", Self.image, "cat", "/data/marker"])
        }

        try write(Self.first)
        let first = try composeplan(["up", "-y", "--progress", "plain"])
        try #require(first.status == 0, "\(first.stderr)")
        try #require(try marker().stdout == "written-by-the-first-up\n")
        let volumeCreated = try daemon.docker(["volume", "inspect", "--format", "{{.CreatedAt}}", volume]).stdout

        // The second up, in the background.
        try write(Self.second)
        let record = directory.path + "/run.json"
        let up = try CommandRunner.start(CommandRunner.composeplan,
                                         ["up", "-y", "-t", "30", "--progress", "plain", "--record", record] + common,
                                         in: directory.path)
        // A hang must fail the test, not stall it.
        let watchdog = DispatchWorkItem { kill(up.pid, SIGKILL) }
        DispatchQueue.global().asyncAfter(deadline: .now() + 90, execute: watchdog)
        defer { watchdog.cancel() }

        // Once db's replacement exists under its temporary name, its old
        // container's stop is in flight: kill the daemon, start it again.
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, try !names().contains(where: { $0.hasSuffix("_\(project)-db-1") }) {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try names().contains(where: { $0.hasSuffix("_\(project)-db-1") }), "no temporary container appeared")
        Thread.sleep(forTimeInterval: 0.5)
        let killedAt = Date()
        let restart = try daemon.crashAndRestart()
        try #require(restart.status == 0, "\(restart.stderr)")
        #expect(restart.stdout == daemon.address + "\n")
        #expect(restart.stderr.contains("restart-test-daemon: killed dockerd"), "\(restart.stderr)")

        // up ends by itself, soon, with a failure.
        let ended = up.wait()
        watchdog.cancel()
        let took = Date().timeIntervalSince(killedAt)
        #expect(ended.status == 1, "status \(ended.status) after \(took) s: \(ended.stderr)")
        #expect(took < 30, "up ended \(took) s after the kill")

        // The record names the failed node and what was skipped because of it.
        let plan = try Plan(text: ended.stdout)
        let run = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: record)), path: record)
        #expect(run.outcome == .failed)
        #expect(run.nodes.count == plan.nodes.count)
        let db = PlanResource.container(service: "db", number: 1)
        let stop = try #require(plan.nodes.first { $0.resource == db && $0.type == .stopContainer })
        let stopped = try #require(run.node(stop.id))
        #expect(stopped.status == .failed)
        #expect(stopped.error?.hasPrefix("the Docker daemon at \(daemon.address) closed the connection before answering POST ") == true,
                "\(stopped.error ?? "no error")")
        #expect(ended.stderr.contains("error: #\(stop.id) service:db:1 StopContainer failed: "), "\(ended.stderr)")
        for node in plan.nodes where node.resource == db && node.id > stop.id {
            #expect(run.node(node.id)?.status == .skipped, "#\(node.id) \(node.type.name)")
            #expect(run.node(node.id)?.error == "not run: #\(stop.id) failed")
        }
        for node in run.nodes where node.status != .succeeded {
            #expect(node.status == .failed || node.status == .skipped, "#\(node.id) \(node.status)")
            #expect(node.error?.isEmpty == false, "#\(node.id) has no error")
        }

        // Against the restarted daemon: plan, up, then nothing left to do.
        let replan = try composeplan(["plan"])
        #expect(replan.status == 0, "\(replan.stderr)")
        // The old db goes, and its replacement takes its name back.
        #expect(replan.stdout.contains("service:db:1, RemoveContainer, scale down\n"), "\(replan.stdout)")
        #expect(replan.stdout.contains("service:db:1, RenameContainer, finalize recreate\n"), "\(replan.stdout)")
        let again = try composeplan(["up", "-y", "--progress", "plain"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        let converged = try composeplan(["plan", "--detailed-exitcode"])
        #expect(converged.status == 0, "\(converged.stdout)\(converged.stderr)")
        #expect(converged.stdout.isEmpty, "\(converged.stdout)")

        // Every container under its own name and running, the lock released.
        #expect(try names() == ["db-1", "queue-1", "web-1", "web-2", "worker-1"].map { "\(project)-\($0)" })
        let states = try daemon.docker(["ps", "-a", "--filter", "label=com.docker.compose.project=\(project)", "--format", "{{.State}}"])
        #expect(Set(states.stdout.split(separator: "\n")) == ["running"], "\(states.stdout)")
        let command = try daemon.docker(["inspect", "--format", "{{json .Config.Cmd}}", "\(project)-db-1"]).stdout
        #expect(command.contains("exec sleep 3601"), "\(command)")
        let locks = try daemon.docker(["ps", "-a", "--filter", "name=^composeplan-lock.\(project)$", "--format", "{{.Names}}"])
        #expect(locks.stdout.isEmpty, "\(locks.stdout)")

        // The named volume is the same volume, with the first up's marker.
        let volumes = try daemon.docker(["volume", "ls", "--filter", "label=com.docker.compose.project=\(project)", "--format", "{{.Name}}"])
        #expect(volumes.stdout == volume + "\n")
        #expect(try daemon.docker(["volume", "inspect", "--format", "{{.CreatedAt}}", volume]).stdout == volumeCreated)
        #expect(try marker().stdout == "written-by-the-first-up\n")
    }
}
