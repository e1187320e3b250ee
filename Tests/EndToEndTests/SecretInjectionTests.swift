import Foundation
import TestSupport
import Testing

/// Secrets and configs defined by `environment:` or `content:` are written
/// into the containers before they start, as docker compose does, and
/// their values appear in no output.
@Suite("Secrets and configs from content and environment", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct SecretInjectionTests {
    static let yaml = """
        services:
          app:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            secrets:
              - token
              - source: api_key
                target: /etc/app/key
                mode: 0400
            configs:
              - settings
        secrets:
          token:
            environment: APP_TOKEN
          api_key:
            content: "k3y-from-content-Q7"
        configs:
          settings:
            content: "mode=fast"
        """

    @Test("up writes them into the container; no output carries the values")
    func injected() throws {
        let project = try DockerEndToEndTests.Project("secrets", Self.yaml)
        let token = "t0ken-from-environment-Z9"
        let up = try CommandRunner.composeplan(["up", "-y", "-p", project.name, "-H", DockerTestHost.address!,
                                                "-o", "plan.json", "--record", "run.json", "--report", "report.html"],
                                               in: project.directory.path, environment: ["APP_TOKEN": token])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        let container = "\(project.name)-app-1"
        func read(_ path: String) throws -> String {
            try DockerTestHost.docker(["exec", container, "cat", path]).stdout
        }
        #expect(try read("/run/secrets/token") == token)
        #expect(try read("/etc/app/key") == "k3y-from-content-Q7")
        #expect(try read("/settings") == "mode=fast")
        let mode = try DockerTestHost.docker(["exec", container, "stat", "-c", "%a", "/etc/app/key"]).stdout
        #expect(mode.trimmingCharacters(in: .whitespacesAndNewlines) == "400")
        // Printed outputs and the report never show the values (the plan
        // file keeps them: apply needs them).
        let report = try String(contentsOfFile: project.directory.path + "/report.html", encoding: .utf8)
        for text in [up.stdout, up.stderr, report] {
            #expect(!text.contains(token) && !text.contains("k3y-from-content-Q7"))
        }
        // Printed JSON leaves the values out; the plan file keeps them for apply.
        let json = try CommandRunner.composeplan(["plan", "--format", "json", "-p", project.name, "-H", DockerTestHost.address!,
                                                  "--force-recreate"],
                                                 in: project.directory.path, environment: ["APP_TOKEN": token])
        #expect(json.status == 0, "\(json.stderr)")
        #expect(!json.stdout.contains(token) && !json.stdout.contains("k3y-from-content-Q7"))
        let planFile = try String(contentsOfFile: project.directory.path + "/plan.json", encoding: .utf8)
        #expect(planFile.contains(token))
        // The next plan is empty.
        let plan = try project.run(["plan"])
        #expect(plan.status == 0 && plan.stdout.isEmpty, "\(plan.stdout)\(plan.stderr)")
    }

    @Test("An environment secret whose variable is unset fails its create and leaves no container")
    func unsetVariable() throws {
        let project = try DockerEndToEndTests.Project("secretunset", Self.yaml)
        // APP_TOKEN is not set in the test's environment.
        #expect(ProcessInfo.processInfo.environment["APP_TOKEN"] == nil)
        let unset = try project.run(["up", "-y"])
        #expect(unset.status == 1)
        #expect(unset.stderr.contains("secret \"token\", whose environment variable APP_TOKEN is not set"), "\(unset.stderr)")
        #expect(try project.containers().isEmpty)
    }
}
