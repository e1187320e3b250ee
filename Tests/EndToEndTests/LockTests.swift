import Foundation
import TestSupport
import Testing

/// The project lock on a real daemon: one `apply`/`up` per project at a
/// time, released on every way out, `--lock-timeout` and `unlock`.
@Suite("The project lock against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct LockTests {
    static let yaml = """
        services:
          app:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
          worker:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
        """

    static func lockName(_ project: DockerEndToEndTests.Project) -> String { "composeplan-lock.\(project.name)" }

    /// Whether the project's lock container exists.
    static func isLocked(_ project: DockerEndToEndTests.Project) throws -> Bool {
        let names = try DockerTestHost.docker(["ps", "-a", "--filter", "name=^\(lockName(project))$", "--format", "{{.Names}}"]).stdout
        return !names.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
    }

    /// Creates the project's lock as held by `host`/`pid`.
    static func holdLock(_ project: DockerEndToEndTests.Project, host: String, pid: Int) throws {
        let labels = ["host=\(host)", "pid=\(pid)", "user=alice", "since=2026-12-02T10:00:00Z", "command=composeplan up"]
            .flatMap { ["--label", "dev.composeplan.lock.\($0)"] }
        let created = try DockerTestHost.docker(["create", "--name", lockName(project), "--network", "none"] + labels
                                                + ["--label", "dev.composeplan.lock.project=\(project.name)", "composeplan/lock:1", "composeplan-lock"])
        #expect(created.status == 0, "\(created.stderr)")
    }

    @Test("A lock held elsewhere: up fails at once naming the holder; --lock-timeout waits first; unlock removes it with a warning; up then runs and leaves no lock")
    func heldElsewhere() throws {
        let project = try DockerEndToEndTests.Project("lockheld", Self.yaml)
        // A first up imports the lock image, takes the lock and releases it.
        let first = try project.run(["up", "-y", "--progress", "plain"])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(try !Self.isLocked(project))
        // Change app only, so that up has work to do.
        let range = try #require(Self.yaml.range(of: "\"3600\""))
        try project.write(Self.yaml.replacingCharacters(in: range, with: "\"3601\""))
        try Self.holdLock(project, host: "build-server-7", pid: 4242)
        let before = try project.containers()
        let refused = try project.run(["up", "-y", "--progress", "plain"])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("error: project \(project.name) is locked by alice@build-server-7, pid 4242, running \"composeplan up\" since 2026-12-02T10:00:00Z: wait with --lock-timeout, or run composeplan unlock -p \(project.name) if that process is gone"),
                "\(refused.stderr)")
        #expect(try project.containers().mapValues(\.id) == before.mapValues(\.id))
        let start = Date()
        let waited = try project.run(["up", "-y", "--lock-timeout", "1s", "--progress", "plain"])
        #expect(waited.status == 1 && waited.stderr.contains("after waiting 1.0s"), "\(waited.stderr)")
        #expect(Date().timeIntervalSince(start) >= 1)
        // plan never takes the lock.
        #expect(try project.run(["plan"]).status == 0)
        let unlock = try project.run(["unlock", "-p", project.name])
        #expect(unlock.status == 0)
        #expect(unlock.stderr == "warning: removed the lock of project \(project.name) held by alice@build-server-7, pid 4242, running \"composeplan up\" since 2026-12-02T10:00:00Z\n",
                "\(unlock.stderr)")
        #expect(try project.run(["unlock", "-p", project.name]).stderr == "project \(project.name) is not locked\n")
        // Where the compose files are not (another machine, a CI job), -p names the project.
        try Self.holdLock(project, host: "build-server-7", pid: 4242)
        let elsewhere = try TemporaryDirectory(prefix: "unlock")
        defer { elsewhere.remove() }
        let remote = try CommandRunner.composeplan(["unlock", "-p", project.name], in: elsewhere.path,
                                                   environment: ["DOCKER_HOST": DockerTestHost.address!])
        #expect(remote.status == 0 && remote.stderr.hasPrefix("warning: removed the lock of project \(project.name) held by alice@build-server-7"),
                "\(remote.stderr)")
        #expect(try !Self.isLocked(project))
        // Without -p the project's name comes from the compose files, which must then be there.
        let nameless = try CommandRunner.composeplan(["unlock"], in: elsewhere.path, environment: ["DOCKER_HOST": DockerTestHost.address!])
        #expect(nameless.status == 1 && nameless.stderr.hasPrefix("error: "), "\(nameless.stderr)")
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(try !Self.isLocked(project))
        #expect(try project.containers()["\(project.name)-app-1"]?.id != before["\(project.name)-app-1"]?.id)
    }

    @Test("A lock whose holder died on this host is taken over")
    func deadHolderOnThisHost() throws {
        let project = try DockerEndToEndTests.Project("lockdead", Self.yaml)
        #expect(try project.run(["up", "-y", "--progress", "plain", "--no-start"]).status == 0)
        // The pid of a process that has ended.
        let ended = try CommandRunner.start("/bin/true", [])
        _ = ended.wait()
        try Self.holdLock(project, host: ProcessInfo.processInfo.hostName, pid: Int(ended.pid))
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stderr)")
        #expect(try !Self.isLocked(project))
    }

    @Test("The lock is released after a failed node, and apply takes it too")
    func releasedAfterFailure() throws {
        let project = try DockerEndToEndTests.Project("lockfail", """
            services:
              app:
                image: IMAGE
                command: ["sleep", "3600"]
                network_mode: "container:no-such-container"
            """)
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 1, "\(up.stdout)\(up.stderr)")
        #expect(try !Self.isLocked(project))
        try project.write(Self.yaml)
        let planPath = project.directory.path + "/plan.json"
        #expect(try project.run(["plan", "-o", planPath]).status == 0)
        try Self.holdLock(project, host: "elsewhere", pid: 1)
        let before = try project.containers()
        let refused = try CommandRunner.composeplan(["apply", planPath, "-H", DockerTestHost.address!], in: project.directory.path)
        #expect(refused.status == 1 && refused.stderr.contains("is locked by alice@elsewhere, pid 1"), "\(refused.stderr)")
        #expect(try project.containers().mapValues(\.id) == before.mapValues(\.id))
    }

    @Test("Two up at once on one project: both end well or one names the holder; then the plan is empty, with one network")
    func concurrentUps() throws {
        let project = try DockerEndToEndTests.Project("lockrace", Self.yaml)
        // Both processes start before either ends.
        let arguments = ["up", "-y", "--progress", "plain", "-p", project.name, "-H", DockerTestHost.address!]
        let started = try (0..<2).map { _ in try CommandRunner.start(CommandRunner.composeplan, arguments, in: project.directory.path) }
        var statuses: [Int32] = []
        for process in started {
            let result = process.wait()
            statuses.append(result.status)
            if result.status != 0 {
                #expect(result.stderr.contains("is locked by") && result.stderr.contains("running \"composeplan up\""), "\(result.stderr)")
            }
        }
        #expect(statuses.contains(0))
        let plan = try project.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0 && plan.stdout.isEmpty, "\(plan.stdout)\(plan.stderr)")
        let networks = try DockerTestHost.docker(["network", "ls", "--filter", "label=com.docker.compose.project=\(project.name)",
                                                  "--format", "{{.Name}}"]).stdout.split(separator: "\n")
        #expect(networks == ["\(project.name)_default"])
        #expect(try !Self.isLocked(project))
    }

    @Test("Ctrl-C during a run releases the lock")
    func releasedAfterInterrupt() throws {
        let project = try DockerEndToEndTests.Project("lockint", """
            services:
              app:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
                healthcheck:
                  test: ["CMD", "false"]
                  interval: 1s
                  retries: 100
            """)
        let process = try CommandRunner.start(CommandRunner.composeplan,
                                              ["up", "-y", "--wait", "--wait-timeout", "60", "--progress", "plain", "-p", project.name,
                                               "-H", DockerTestHost.address!], in: project.directory.path)
        // Interrupt once the run waits for the health check (the lock is held).
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, try !Self.isLocked(project) || project.containers().isEmpty {
            Thread.sleep(forTimeInterval: 0.1)
        }
        #expect(try Self.isLocked(project))
        Thread.sleep(forTimeInterval: 1)
        process.interrupt()
        #expect(process.wait().status != 0)
        #expect(try !Self.isLocked(project))
    }
}
