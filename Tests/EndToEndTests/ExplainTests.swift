import Foundation
import PlanModel
import TestSupport
import Testing

/// `plan --explain`, `--adopt` and `--show-values` against a real daemon,
/// with a project that Debian's docker-compose 1.29.2 brought up.
@Suite("Explanations and adoption against a real Docker daemon", .serialized,
       .enabled(if: DockerTestHost.isAvailable))
struct ExplainTests {
    static let dockerCompose = "/usr/bin/docker-compose"
    static var hasDockerCompose: Bool { FileManager.default.isExecutableFile(atPath: dockerCompose) }

    /// A broad file: every family an explanation covers.
    static let yaml = """
        services:
          web:
            image: IMAGE
            command: ["sleep", "3600"]
            environment:
              MODE: prod
              API_TOKEN: token-value-one
            labels:
              org.example.team: web
            ports:
              - "80"
            volumes:
              - data:/data
              - ./conf:/conf:ro
              - /anon
            restart: unless-stopped
            mem_limit: 64m
            cap_add: [NET_ADMIN]
            healthcheck:
              test: ["CMD", "true"]
              interval: 30s
            networks:
              front:
                aliases: [www]
            stop_grace_period: 1s
            init: true
          worker:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            depends_on: [web]
        networks:
          front: {}
        volumes:
          data: {}
        """

    /// A project that docker-compose 1.29 brought up.
    static func broughtUpByDockerCompose() throws -> DockerEndToEndTests.Project {
        let project = try DockerEndToEndTests.Project("explain", yaml)
        try project.directory.write("conf/app.conf", "x\n")
        try project.directory.write("conf2/app.conf", "y\n")
        let up = try CommandRunner.run(dockerCompose, ["-p", project.name, "up", "-d"], in: project.directory.path,
                                       environment: ["DOCKER_HOST": DockerTestHost.address!])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        return project
    }

    /// The explanation lines under each node of `output`, by the node's line.
    static func explanations(_ output: String) -> [String: [String]] {
        var result: [String: [String]] = [:]
        var current = ""
        for line in output.split(separator: "\n").map(String.init) {
            if line.hasPrefix("    ") {
                result[current, default: []].append(String(line.dropFirst(4)))
            } else {
                current = line
            }
        }
        return result
    }

    @Test("CI installs docker-compose 1.29 for the interop tests")
    func dockerComposeInstalledInCI() {
        if !(ProcessInfo.processInfo.environment["CI"] ?? "").isEmpty && !Self.hasDockerCompose {
            Issue.record("CI is set but \(Self.dockerCompose) is missing: .ci/run must install Debian's docker-compose")
        }
    }

    @Test("docker-compose 1.29's containers: --explain names docker-compose 1.29.2 and no differing field; --adopt plans nothing",
          .enabled(if: hasDockerCompose))
    func adoptsDockerComposeProject() throws {
        let project = try Self.broughtUpByDockerCompose()
        let plan = try project.run(["plan", "--explain"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let explained = Self.explanations(plan.stdout)
        let creates = plan.stdout.split(separator: "\n").filter { $0.contains("CreateContainer") }
        #expect(creates.count == 2, "\(plan.stdout)")
        #expect(explained.count == 2 && explained.values.allSatisfy {
            $0 == ["no field differs: the config hash label was written by docker-compose 1.29.2 (--adopt keeps this container)"]
        }, "\(plan.stdout)")
        #expect(plan.stderr.contains("2 containers differ from the compose files only in the config hash label (written by docker-compose 1.29.2); plan with --adopt"),
                "\(plan.stderr)")
        // From a snapshot: observe keeps the inspect answers, and the plan explains the same.
        let snapshotPath = project.directory.path + "/snapshot.json"
        #expect(try project.run(["observe", "-o", snapshotPath]).status == 0)
        let snapshot = try String(contentsOfFile: snapshotPath, encoding: .utf8)
        #expect(snapshot.contains("\"inspections\""))
        let observed = try CommandRunner.composeplan(["plan", "-p", project.name, "--observed", snapshotPath, "--explain"],
                                                     in: project.directory.path)
        #expect(observed.stdout == plan.stdout, "\(observed.stdout)\(observed.stderr)")
        // A dry run seeded from the daemon explains the same, and with --adopt runs nothing.
        let dryRun = try project.run(["up", "--dry-run", "--explain", "-y", "--progress", "plain"])
        #expect(dryRun.status == 0 && dryRun.stdout == plan.stdout, "\(dryRun.stdout)\(dryRun.stderr)")
        // The default text is what it was: no explanation lines.
        let plain = try project.run(["plan"])
        #expect(!plain.stdout.contains("    "))
        let adopted = try project.run(["plan", "--adopt", "--detailed-exitcode"])
        #expect(adopted.status == 0 && adopted.stdout.isEmpty, "\(adopted.stdout)\(adopted.stderr)")
        // up --adopt keeps them: the same containers afterwards, and again on the next plan.
        let before = try project.containers()
        let up = try project.run(["up", "--adopt", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(try project.containers().mapValues(\.id) == before.mapValues(\.id))
        #expect(try project.run(["plan", "--adopt", "--detailed-exitcode"]).status == 0)
    }

    @Test("One change at a time: the explanation lists exactly that field", .enabled(if: hasDockerCompose))
    func oneFieldAtATime() throws {
        let project = try Self.broughtUpByDockerCompose()
        _ = try DockerTestHost.docker(["tag", DockerTestHost.image, "composeplan-test/busybox:explain-v2"])
        defer { _ = try? DockerTestHost.docker(["rmi", "composeplan-test/busybox:explain-v2"]) }
        let base = Self.yaml.replacingOccurrences(of: "IMAGE", with: DockerTestHost.image)
        let cases: [(from: String, to: String, expected: String)] = [
            ("image: \(DockerTestHost.image)\n    command", "image: composeplan-test/busybox:explain-v2\n    command",
             "image: \(DockerTestHost.image) → composeplan-test/busybox:explain-v2"),
            ("MODE: prod", "MODE: dev", "environment.MODE changed"),
            ("- \"80\"", "- \"81\"", "ports: 80/tcp → 81/tcp"),
            ("mem_limit: 64m", "mem_limit: 128m", "mem_limit: 64m → 128m"),
            ("./conf:/conf:ro", "./conf2:/conf:ro",
             "volumes: \(project.directory.path)/conf:/conf:ro → \(project.directory.path)/conf2:/conf:ro"),
            ("aliases: [www]", "aliases: [www, w3]", "networks.front.aliases: web, www → w3, web, www"),
            ("interval: 30s", "interval: 10s", "healthcheck.interval: 30s → 10s"),
        ]
        for change in cases {
            #expect(base.contains(change.from), "\(change.from)")
            // Only the first occurrence: the web service's.
            let range = try #require(base.range(of: change.from))
            try project.directory.write("compose.yaml", base.replacingCharacters(in: range, with: change.to))
            let plan = try project.run(["plan", "--explain", "--adopt"])
            #expect(plan.status == 0, "\(plan.stderr)")
            let explained = Self.explanations(plan.stdout)
            #expect(explained.count == 1, "\(change.from): \(plan.stdout)")
            #expect(explained.first?.key.contains("service:web:1, CreateContainer") == true, "\(plan.stdout)")
            #expect(explained.first?.value == [change.expected], "\(change.from): \(plan.stdout)")
        }
    }

    @Test("No environment value reaches any output without --show-values: text, JSON, Markdown, diagram, report, progress, record")
    func valuesWithheld() throws {
        func yaml(token: String) -> String {
            """
            services:
              app:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
                environment:
                  API_TOKEN: \(token)
            """
        }
        let project = try DockerEndToEndTests.Project("withheld", yaml(token: "first-token-value"))
        #expect(try project.run(["up", "-y", "--progress", "plain"]).status == 0)
        try project.write(yaml(token: "second-token-value"))
        let folder = project.directory.path
        var outputs: [String: String] = [:]
        let explained = try project.run(["plan", "--explain"])
        #expect(explained.stdout.contains("    environment.API_TOKEN changed\n"), "\(explained.stdout)")
        outputs["plan --explain"] = explained.stdout + explained.stderr
        outputs["--format json"] = try project.run(["plan", "--format", "json"]).stdout
        outputs["--format markdown"] = try project.run(["plan", "--format", "markdown"]).stdout
        let planned = try project.run(["plan", "-o", "\(folder)/plan.json", "--svg", "\(folder)/plan.svg"])
        #expect(planned.status == 0, "\(planned.stderr)")
        outputs["svg"] = try String(contentsOfFile: "\(folder)/plan.svg", encoding: .utf8)
        #expect(outputs["svg"]!.contains("environment.API_TOKEN changed"))
        let report = try project.run(["report", "\(folder)/plan.json", "-o", "\(folder)/plan.html"])
        #expect(report.status == 0, "\(report.stderr)")
        outputs["report"] = try String(contentsOfFile: "\(folder)/plan.html", encoding: .utf8)
        #expect(outputs["report"]!.contains("environment.API_TOKEN changed"))
        let up = try project.run(["up", "-y", "--explain", "--progress", "plain", "--record", "\(folder)/run.json",
                                  "--report", "\(folder)/run.html"])
        #expect(up.status == 0, "\(up.stderr)")
        outputs["up"] = up.stdout + up.stderr
        outputs["record"] = try String(contentsOfFile: "\(folder)/run.json", encoding: .utf8)
        outputs["run report"] = try String(contentsOfFile: "\(folder)/run.html", encoding: .utf8)
        for (name, text) in outputs {
            #expect(!text.contains("first-token-value") && !text.contains("second-token-value"), "\(name) shows a value")
        }
        // Asked for, the values are shown.
        try project.write(yaml(token: "third-token-value"))
        let shown = try project.run(["plan", "--explain", "--show-values"])
        #expect(shown.stdout.contains("    environment.API_TOKEN: second-token-value → third-token-value\n"), "\(shown.stdout)")
    }
}
