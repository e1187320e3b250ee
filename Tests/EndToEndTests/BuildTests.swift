import Foundation
import PlanModel
import TestSupport
import Testing

/// `up` builds images with the classic builder of a real daemon, through
/// the built binary, from Dockerfiles based on the test image.
@Suite("Builds against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct BuildTests {
    static let yaml = """
        services:
          app:
            build:
              context: ./app
              args:
                GREETING: hello
                FROM_ENV:
              target: final
              labels:
                org.example.built-by: composeplan
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
          inline:
            build:
              context: ./app
              dockerfile_inline: |
                FROM IMAGE
                RUN echo inline > /marker
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
          reuse:
            image: PROJECT-app
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            depends_on: [app]
        """

    static let dockerfile = """
        FROM IMAGE AS base
        ARG GREETING
        ARG FROM_ENV
        RUN echo "$GREETING $FROM_ENV" > /greeting
        FROM base AS final
        COPY . /ctx
        """

    static func project() throws -> DockerEndToEndTests.Project {
        let project = try DockerEndToEndTests.Project("build", "services: {}")
        try project.write(Self.yaml.replacingOccurrences(of: "PROJECT", with: project.name))
        try project.directory.write("app/Dockerfile", Self.dockerfile.replacingOccurrences(of: "IMAGE", with: DockerTestHost.image))
        try project.directory.write("app/.dockerignore", "secret.txt\nlogs\n")
        try project.directory.write("app/secret.txt", "do not send\n")
        try project.directory.write("app/logs/today.log", "noise\n")
        try project.directory.write("app/keep.txt", "sent\n")
        return project
    }

    static func exec(_ project: DockerEndToEndTests.Project, _ service: String, _ command: String) throws -> String {
        try DockerTestHost.docker(["exec", "\(project.name)-\(service)-1", "sh", "-c", command]).stdout
    }

    @Test("up builds: args (one from the environment), a target stage, labels, dockerfile_inline, .dockerignore; one build serves two services; the next plan is empty")
    func buildsAndConverges() throws {
        let project = try Self.project()
        defer { DockerTestHost.removeImages(matching: project.name) }
        let up = try project.run(["up", "-y", "--progress", "plain"], environment: ["FROM_ENV": "from-env"])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.hasPrefix("[] -> #1 image:\(project.name)-app, BuildImage, not present\n"), "\(up.stdout)")
        #expect(up.stdout.contains("[] -> #2 image:\(project.name)-inline, BuildImage, not present\n"))
        #expect(up.stdout.components(separatedBy: "BuildImage").count == 3)
        #expect(up.stderr.contains("build   #1 image:\(project.name)-app BuildImage: Step 1/7 : FROM \(DockerTestHost.image) AS base"), "\(up.stderr)")
        #expect(try Self.exec(project, "app", "cat /greeting") == "hello from-env\n")
        #expect(try Self.exec(project, "app", "ls /ctx").split(separator: "\n").sorted() == ["Dockerfile", "keep.txt"])
        #expect(try Self.exec(project, "inline", "cat /marker") == "inline\n")
        #expect(try Self.exec(project, "reuse", "cat /greeting") == "hello from-env\n")
        let label = try DockerTestHost.docker(["image", "inspect", "--format", "{{index .Config.Labels \"org.example.built-by\"}}",
                                               "\(project.name)-app"]).stdout
        #expect(label == "composeplan\n")
        let imageID = try DockerTestHost.docker(["image", "inspect", "--format", "{{.Id}}", "\(project.name)-app"]).stdout
        let containerLabel = try DockerTestHost.docker(["inspect", "--format", "{{index .Config.Labels \"com.docker.compose.image\"}}",
                                                        "\(project.name)-app-1"]).stdout
        #expect(containerLabel == imageID)
        let plan = try project.run(["plan", "--detailed-exitcode"], environment: ["FROM_ENV": "from-env"])
        #expect(plan.status == 0 && plan.stdout.isEmpty, "\(plan.stdout)\(plan.stderr)")
        // up --build with nothing changed: every step cached, the same
        // images, so every conditional recreate ends unchanged.
        let before = try project.containers()
        let record = project.directory.path + "/run.json"
        let rebuild = try project.run(["up", "--build", "-y", "--progress", "plain", "--record", record],
                                      environment: ["FROM_ENV": "from-env"])
        #expect(rebuild.status == 0, "\(rebuild.stdout)\(rebuild.stderr)")
        #expect(rebuild.stdout.contains("CreateContainer, image rebuilt (if changed) [recreate:app:1]"), "\(rebuild.stdout)")
        let run = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: record)), path: record)
        #expect(run.nodes.contains { $0.status == .unchanged })
        #expect(!run.nodes.contains { $0.status == .failed || $0.status == .skipped })
        #expect(try project.containers().mapValues(\.id) == before.mapValues(\.id))
        // A changed Dockerfile: exactly the services running that image are recreated.
        try project.directory.write("app/Dockerfile", (Self.dockerfile + "\nRUN echo v2 > /version\n")
            .replacingOccurrences(of: "IMAGE", with: DockerTestHost.image))
        let changed = try project.run(["up", "--build", "-y", "--progress", "plain"], environment: ["FROM_ENV": "from-env"])
        #expect(changed.status == 0, "\(changed.stdout)\(changed.stderr)")
        let after = try project.containers()
        #expect(after["\(project.name)-app-1"]?.id != before["\(project.name)-app-1"]?.id)
        #expect(after["\(project.name)-reuse-1"]?.id != before["\(project.name)-reuse-1"]?.id)
        #expect(after["\(project.name)-inline-1"]?.id == before["\(project.name)-inline-1"]?.id)
        #expect(try Self.exec(project, "reuse", "cat /version") == "v2\n")
        let settled = try project.run(["plan", "--detailed-exitcode"], environment: ["FROM_ENV": "from-env"])
        #expect(settled.status == 0 && settled.stdout.isEmpty, "\(settled.stdout)\(settled.stderr)")
    }

    @Test("A failing RUN fails its build with the step and its output; the services that need the image are skipped; exit 1")
    func failingStep() throws {
        let project = try Self.project()
        defer { DockerTestHost.removeImages(matching: project.name) }
        try project.write("services:\n  app:\n    build: ./app\n")
        try project.directory.write("app/Dockerfile", """
            FROM \(DockerTestHost.image)
            RUN echo preparing && echo about-to-fail && exit 3
            """)
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 1, "\(up.stdout)\(up.stderr)")
        #expect(up.stderr.contains("build of image \(project.name)-app failed at step 2/2 : RUN echo preparing && echo about-to-fail && exit 3: The command '/bin/sh -c echo preparing && echo about-to-fail && exit 3' returned a non-zero code: 3; last output: preparing | about-to-fail"),
                "\(up.stderr)")
        #expect(try project.containers().isEmpty)
    }

    @Test("A build key the classic builder cannot honour is refused at plan time; --no-build with an absent image too")
    func refusedAtPlanTime() throws {
        let project = try Self.project()
        try project.write("""
            services:
              app:
                build:
                  context: ./app
                  ssh: [default]
            """)
        let plan = try project.run(["plan"])
        #expect(plan.status == 1)
        #expect(plan.stderr == "error: service \"app\": build.ssh is not supported by the classic builder composeplan uses (POST /build)\n", "\(plan.stderr)")
        try project.write("services:\n  app:\n    build: ./app\n")
        let noBuild = try project.run(["plan", "--no-build"])
        #expect(noBuild.status == 1)
        #expect(noBuild.stderr.contains("service \"app\" needs image \(project.name)-app, which is not present, and --no-build forbids building it"),
                "\(noBuild.stderr)")
    }

    @Test("image: and build: with a tag the registry lacks: the pull warns with the registry's answer, the build takes over, exit 0; the next plan is empty",
          .enabled(if: TestRegistry.address != nil))
    func pullFailsThenBuilds() throws {
        let project = try Self.project()
        let reference = TestRegistry.address! + "/" + TestRegistry.uniqueRepository("fallback") + ":1"
        defer { DockerTestHost.removeImages(matching: project.name); _ = try? DockerTestHost.docker(["rmi", "-f", reference]) }
        try project.write("""
            services:
              app:
                image: \(reference)
                build: ./app
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
            """)
        try project.directory.write("app/Dockerfile", "FROM \(DockerTestHost.image)\nRUN echo built > /origin\n")
        let record = project.directory.path + "/run.json"
        let up = try project.run(["up", "-y", "--progress", "plain", "--record", record])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.hasPrefix("""
            [] -> #1 image:\(reference), PullImage, not present (build if it fails)
            [1] -> #2 image:\(reference), BuildImage, not present (if pull fails)

            """), "\(up.stdout)")
        let run = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: record)), path: record)
        #expect(run.outcome == .succeeded)
        #expect(run.nodes.first { $0.id == 1 }?.status == .warned)
        let pullError = run.nodes.first { $0.id == 1 }?.error ?? ""
        #expect(pullError.hasPrefix("cannot pull image \(reference) from registry \(TestRegistry.address!)") && pullError.contains("manifest unknown"),
                "\(pullError)")
        #expect(run.nodes.first { $0.id == 2 }?.status == .succeeded)
        #expect(try Self.exec(project, "app", "cat /origin") == "built\n")
        let plan = try project.run(["plan", "--detailed-exitcode"])
        #expect(plan.status == 0 && plan.stdout.isEmpty, "\(plan.stdout)\(plan.stderr)")
    }
}
