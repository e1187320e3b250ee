import Foundation
import TestSupport
import Testing

/// `--context NAME`, `DOCKER_CONTEXT` and the docker CLI's current context,
/// through the built binary, against the test daemon where one is needed.
@Suite("Docker contexts on the command line")
struct ContextCommandTests {
    /// sha256("test-daemon"), computed with `sha256sum`.
    static let digest = "0095871cf70ca1a477748b312ccaed71ab96d4e64984894db0f7c462dcad78d8"

    /// A project folder and a docker CLI configuration folder whose context
    /// `test-daemon` names `host`.
    func setUp(host: String, currentContext: String? = nil) throws -> (project: TemporaryDirectory, config: TemporaryDirectory) {
        let project = try TemporaryDirectory(prefix: "context")
        try project.write("compose.yaml", "services:\n  web:\n    image: \(DockerTestHost.image)\n")
        let config = try TemporaryDirectory(prefix: "docker-config")
        try config.write("contexts/meta/\(Self.digest)/meta.json",
                         #"{"Name":"test-daemon","Metadata":{},"Endpoints":{"docker":{"Host":"\#(host)","SkipTLSVerify":false}}}"#)
        if let currentContext { try config.write("config.json", #"{"currentContext":"\#(currentContext)"}"#) }
        return (project, config)
    }

    @Test("observe and plan reach the daemon of --context, DOCKER_CONTEXT or the current context", .enabled(if: DockerTestHost.isAvailable))
    func reachesTheContextsDaemon() throws {
        let (project, config) = try setUp(host: DockerTestHost.address!, currentContext: "test-daemon")
        defer { project.remove(); config.remove() }
        let name = "ctx-\(UUID().uuidString.prefix(6).lowercased())"
        var environment = ["DOCKER_CONFIG": config.path, "DOCKER_HOST": ""]
        let flag = try CommandRunner.composeplan(["observe", "-p", name, "--context", "test-daemon"], in: project.path, environment: environment)
        #expect(flag.status == 0, "\(flag.stderr)")
        #expect(flag.stdout.contains("\"containers\""))
        let current = try CommandRunner.composeplan(["plan", "-p", name], in: project.path, environment: environment)
        #expect(current.status == 0, "\(current.stderr)")
        #expect(current.stdout == "[] -> #1 network:default, CreateNetwork, not found\n[1] -> #2 service:web:1, CreateContainer, no existing container\n[2] -> #3 service:web:1, StartContainer, service start\n")
        environment["DOCKER_CONTEXT"] = "test-daemon"
        try config.write("config.json", #"{"currentContext":"elsewhere"}"#)
        let variable = try CommandRunner.composeplan(["plan", "-p", name], in: project.path, environment: environment)
        #expect(variable.status == 0, "\(variable.stderr)")
        #expect(variable.stdout == current.stdout)
    }

    @Test("An unknown context, --context with -H, and --context with --observed are errors")
    func errors() throws {
        let (project, config) = try setUp(host: "unix:///nonexistent.sock")
        defer { project.remove(); config.remove() }
        let environment = ["DOCKER_CONFIG": config.path, "DOCKER_HOST": ""]
        let unknown = try CommandRunner.composeplan(["observe", "-p", "x", "--context", "nope"], in: project.path, environment: environment)
        #expect(unknown.status == 1)
        // sha256("nope"), computed with `sha256sum`.
        let metaPath = "\(config.path)/contexts/meta/ca3704aa0b06f5954c79ee837faa152d84d6b2d42838f0637a15eda8337dbdce/meta.json"
        #expect(unknown.stderr == "error: context \"nope\" not found: no \(metaPath)\n")
        let both = try CommandRunner.composeplan(["observe", "-p", "x", "--context", "test-daemon", "-H", "unix:///x.sock"],
                                                 in: project.path, environment: environment)
        #expect(both.status == 1)
        #expect(both.stderr == "error: conflicting options: cannot specify both --host and --context\n")
        let observed = try CommandRunner.composeplan(["plan", "--observed", "s.json", "--context", "test-daemon"], in: project.path, environment: environment)
        #expect(observed.status == 64)
    }
}
