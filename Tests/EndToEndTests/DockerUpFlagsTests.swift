import Foundation
import TestSupport
import Testing

/// `up --wait` and `up --scale` against the real Docker daemon.
@Suite("up --wait and --scale against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct DockerUpFlagsTests {
    func up(_ name: String, _ yaml: String, _ arguments: [String]) throws -> (CommandRunner.Result, TemporaryDirectory) {
        let directory = try TemporaryDirectory(prefix: name)
        try directory.write("compose.yaml", yaml.replacingOccurrences(of: "IMAGE", with: DockerTestHost.image))
        let result = try CommandRunner.composeplan(["up", "-y", "-p", name, "-H", DockerTestHost.address!] + arguments,
                                                   in: directory.path)
        return (result, directory)
    }

    @Test("up --wait --scale web=2: two web containers, the plan ends with the waits, db is healthy when up returns")
    func waitAndScale() throws {
        let name = "cpflags\(UUID().uuidString.prefix(6).lowercased())"
        defer { DockerTestHost.removeProject(name) }
        let (result, directory) = try up(name, """
            services:
              db:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
                healthcheck: {test: ["CMD", "true"], interval: 1s}
              web:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
            """, ["--wait", "--wait-timeout", "60", "--scale", "web=2"])
        defer { directory.remove() }
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasSuffix("""
            -> #8 wait:db:service_healthy, WaitCondition, --wait: service db must be healthy
            [6,7] -> #9 wait:web:service_started, WaitCondition, --wait: service web must be running

            """), "\(result.stdout)")
        let health = try DockerTestHost.docker(["inspect", "-f", "{{.State.Health.Status}}", "\(name)-db-1"]).stdout
        #expect(health == "healthy\n")
        let running = try DockerTestHost.docker(["ps", "-q", "--filter", "label=com.docker.compose.project=\(name)",
                                                 "--filter", "label=com.docker.compose.service=web"]).stdout
        #expect(running.split(separator: "\n").count == 2)
    }

    @Test("up --wait fails, naming the container, when a service turns unhealthy")
    func unhealthy() throws {
        let name = "cpflags\(UUID().uuidString.prefix(6).lowercased())"
        defer { DockerTestHost.removeProject(name) }
        let (result, directory) = try up(name, """
            services:
              db:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
                healthcheck: {test: ["CMD", "false"], interval: 1s, retries: 1}
            """, ["--wait", "--wait-timeout", "60"])
        defer { directory.remove() }
        #expect(result.status == 1)
        #expect(result.stderr.contains("container \(name)-db-1 is unhealthy"), "\(result.stderr)")
    }
}
