import Engine
import Testing

@Suite struct DockerHostTests {
    @Test func parsesAddresses() throws {
        #expect(try DockerHost(parsing: "unix:///var/run/docker.sock") == .unixSocket(path: "/var/run/docker.sock"))
        #expect(try DockerHost(parsing: "/tmp/d.sock") == .unixSocket(path: "/tmp/d.sock"))
        #expect(try DockerHost(parsing: "tcp://10.0.0.1:2376") == .tcp(host: "10.0.0.1", port: 2376))
        #expect(try DockerHost(parsing: "tcp://docker") == .tcp(host: "docker", port: 2375))
        #expect(try DockerHost(parsing: "http://localhost:1234/") == .tcp(host: "localhost", port: 1234))
        #expect(throws: EngineError.self) { try DockerHost(parsing: "ssh://me@host") }
        #expect(throws: EngineError.self) { try DockerHost(parsing: "unix://relative.sock") }
    }

    @Test func explicitHostThenEnvironmentThenDefault() throws {
        let environment = ["DOCKER_HOST": "tcp://env:2375"]
        #expect(try DockerHost.resolve(explicit: "unix:///x.sock", environment: environment) == .unixSocket(path: "/x.sock"))
        #expect(try DockerHost.resolve(explicit: nil, environment: environment) == .tcp(host: "env", port: 2375))
        #expect(try DockerHost.resolve(explicit: nil, environment: [:]) == .unixSocket(path: "/var/run/docker.sock"))
        #expect(try DockerHost.resolve(explicit: nil, environment: [:]).description == "unix:///var/run/docker.sock")
    }

    @Test func unreachableDaemonIsAnError() async {
        let error = await #expect(throws: EngineError.self) {
            _ = try await DockerEngine.connect(host: "unix:///nonexistent/composeplan.sock")
        }
        #expect(error?.kind == .unreachable)
    }
}
