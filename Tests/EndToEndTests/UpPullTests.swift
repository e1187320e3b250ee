import DockerModel
import Foundation
import PlanModel
import TestSupport
import Testing

/// `up`, `plan` and `apply` pull images from a real registry
/// (docker-registry 2.8 on 127.0.0.1) through the real daemon and the
/// built binary.
@Suite("Pulls from a real registry", .serialized, .enabled(if: TestRegistry.isConfigured, Comment(rawValue: TestRegistry.skipReason)))
struct UpPullTests {
    /// Two services on `image` (with `policy`, if any) and one on the test image.
    static func yaml(image: String, policy: String? = nil) -> String {
        let line = policy.map { "\n    pull_policy: \($0)" } ?? ""
        return """
            services:
              app:
                image: \(image)\(line)
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
              worker:
                image: \(image)\(line)
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
                depends_on: [app]
              local:
                image: IMAGE
                command: ["sleep", "3600"]
                init: true
                stop_grace_period: 1s
            """
    }

    static func repository(_ prefix: String) -> String {
        "\(TestRegistry.address ?? "")/\(TestRegistry.uniqueRepository(prefix))"
    }

    /// The `com.docker.compose.image` label of each container of `project`, by name.
    static func imageLabels(_ project: DockerEndToEndTests.Project) throws -> [String: String] {
        var labels: [String: String] = [:]
        for (name, container) in try project.containers() {
            labels[name] = try DockerTestHost.docker(["inspect", "--format", "{{index .Config.Labels \"com.docker.compose.image\"}}",
                                                      container.id]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return labels
    }

    @Test("up pulls an image that exists only in the registry, once for two services, and converges; a re-pushed tag is pulled and recreated")
    func pullsThenRecreates() throws {
        let image = "\(Self.repository("up-pull")):1"
        let first = try TestRegistry.pushVariant(to: image)
        defer { TestRegistry.removeLocal(image) }
        let project = try DockerEndToEndTests.Project("pull", Self.yaml(image: image, policy: "always"))
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.hasPrefix("[] -> #1 image:\(image), PullImage, not present\n"), "\(up.stdout)")
        #expect(up.stdout.components(separatedBy: "PullImage").count == 2)
        #expect(up.stderr.contains("Plan: 1 to pull, 4 to create"), "\(up.stderr)")
        #expect(up.stderr.contains("succeeded #1 image:\(image) PullImage"), "\(up.stderr)")
        let labels = try Self.imageLabels(project)
        #expect(labels["\(project.name)-app-1"] == first.id)
        #expect(labels["\(project.name)-worker-1"] == first.id)
        #expect(labels["\(project.name)-local-1"]?.hasPrefix("sha256:") == true)
        // Converged: only pull_policy always's pull remains, and it changes nothing.
        let settled = try project.run(["plan", "--pull", "missing", "--detailed-exitcode"])
        #expect(settled.status == 0 && settled.stdout.isEmpty, "\(settled.stdout)\(settled.stderr)")
        let again = try project.run(["plan"])
        #expect(again.stdout == "[] -> #1 image:\(image), PullImage, pull_policy always\n", "\(again.stdout)\(again.stderr)")

        // Someone pushes a new image under the same tag (the local tag
        // still names the image the containers run): the plan shows the
        // pull and the recreates.
        let second = try TestRegistry.pushVariant(to: image)
        try DockerTestHost.docker(["tag", first.id, image]).requireSuccess("docker tag")
        let plan = try project.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout.hasPrefix("[] -> #1 image:\(image), PullImage, registry has \(second.digest.prefix(19)) local has \(first.digest.prefix(19))\n"),
                "\(plan.stdout)")
        #expect(plan.stdout.contains("[1] -> #2 service:app:1, CreateContainer, image changed (tmpName) [recreate:app:1]"), "\(plan.stdout)")
        #expect(plan.stdout.contains("service:worker:1, CreateContainer, image changed (tmpName) [recreate:worker:1]"))
        #expect(!plan.stdout.contains("service:local:1"))
        let applied = try project.run(["up", "-y", "--progress", "plain"])
        #expect(applied.status == 0, "\(applied.stdout)\(applied.stderr)")
        #expect(try Self.imageLabels(project)["\(project.name)-app-1"] == second.id)
        #expect(try Self.imageLabels(project)["\(project.name)-worker-1"] == second.id)
        let converged = try project.run(["plan", "--pull", "missing", "--detailed-exitcode"])
        #expect(converged.status == 0 && converged.stdout.isEmpty, "\(converged.stdout)\(converged.stderr)")
    }

    @Test("pull_policy never with an absent image fails at plan time, naming the service and the image, and pulls nothing")
    func neverPolicy() throws {
        let image = "\(Self.repository("never")):1"
        try TestRegistry.pushVariant(to: image)
        let project = try DockerEndToEndTests.Project("never", Self.yaml(image: image, policy: "never"))
        let up = try project.run(["up", "-y"])
        #expect(up.status == 1)
        #expect(up.stderr.contains("service \"app\" needs image \(image), which is not present"), "\(up.stderr)")
        #expect(up.stderr.split(separator: "\n").count == 1, "\(up.stderr)")
        #expect(try project.containers().isEmpty)
        #expect(try DockerTestHost.docker(["image", "inspect", image]).status != 0)
    }

    @Test("An unknown repository fails its pull with the image, the registry and the daemon's message; dependents are skipped, the rest runs; exit 1")
    func unknownRepository() throws {
        let image = "\(Self.repository("unknown")):1"
        let project = try DockerEndToEndTests.Project("unknown", Self.yaml(image: image))
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 1, "\(up.stdout)\(up.stderr)")
        #expect(up.stderr.contains("cannot pull image \(image) from registry \(TestRegistry.address ?? "")"), "\(up.stderr)")
        #expect(up.stderr.contains("manifest unknown") || up.stderr.contains("not found"), "\(up.stderr)")
        let containers = try project.containers()
        #expect(containers.keys.sorted() == ["\(project.name)-local-1"])
        #expect(containers["\(project.name)-local-1"]?.state == "running")
    }

    @Test("A registry with htpasswd authentication: pulls with DOCKER_CONFIG's credentials, fails clearly without them")
    func authenticatedRegistry() throws {
        let registry = try #require(TestRegistry.authAddress)
        let folder = try TemporaryDirectory(prefix: "pull-auth")
        defer { folder.remove() }
        let config = try TestRegistry.writeDockerConfig(in: folder, registry: registry, user: TestRegistry.authUser,
                                                        password: TestRegistry.authPassword)
        let image = "\(registry)/\(TestRegistry.uniqueRepository("auth")):1"
        let pushed = try TestRegistry.pushVariant(to: image, dockerConfig: config)
        defer { TestRegistry.removeLocal(image) }
        let project = try DockerEndToEndTests.Project("auth", Self.yaml(image: image))
        try folder.write("empty-config/config.json", "{}")
        let refused = try project.run(["up", "-y", "--progress", "plain"], environment: ["DOCKER_CONFIG": folder.path + "/empty-config"])
        #expect(refused.status == 1, "\(refused.stdout)\(refused.stderr)")
        #expect(refused.stderr.contains("cannot pull image \(image) from registry \(registry)"), "\(refused.stderr)")
        #expect(refused.stderr.contains("credentials") || refused.stderr.contains("authentication"), "\(refused.stderr)")
        let up = try project.run(["up", "-y", "--progress", "plain"], environment: ["DOCKER_CONFIG": config])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(try Self.imageLabels(project)["\(project.name)-app-1"] == pushed.id)
    }

    @Test("A tag re-pushed between plan and apply is refused as stale; the dependents are skipped; exit 1")
    func staleTag() throws {
        let image = "\(Self.repository("stale")):1"
        let first = try TestRegistry.pushVariant(to: image)
        defer { TestRegistry.removeLocal(image) }
        let project = try DockerEndToEndTests.Project("stale", Self.yaml(image: image))
        let plan = try project.run(["plan", "-o", "plan.json"])
        #expect(plan.status == 0, "\(plan.stderr)")
        let second = try TestRegistry.pushVariant(to: image)
        let apply = try project.run(["apply", "plan.json", "-H", DockerTestHost.address!, "--progress", "plain"])
        #expect(apply.status == 1, "\(apply.stdout)\(apply.stderr)")
        #expect(apply.stderr.contains("plan is stale for image \(image)"), "\(apply.stderr)")
        #expect(apply.stderr.contains(first.digest) && apply.stderr.contains(second.digest), "\(apply.stderr)")
        #expect(try project.containers().keys.sorted() == ["\(project.name)-local-1"])
    }
}
