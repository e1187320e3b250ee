import ComposeModel
import Foundation
import PlanModel
import Reconciler
import Testing

/// Builds in the plan: one BuildImage per image that services with
/// `build:` run, when it is absent, with `pull_policy: build` or
/// `--build`; never with `--no-build`.
@Suite("Image builds")
struct BuildRuleTests {
    static let yaml = """
        services:
          app:
            build: .
          worker:
            image: demo-app
            depends_on: [app]
          cache:
            image: redis
        """

    static func fixture(appPresent: Bool, images: Bool = true) throws -> PlanFixture {
        var fixture = try PlanFixture(yaml)
        fixture.addDefaultNetwork()
        if images {
            fixture.state.image("demo-app", id: appPresent ? "sha256:" + String(repeating: "1", count: 64) : nil)
            fixture.state.image("redis", id: "sha256:" + String(repeating: "2", count: 64))
        }
        return fixture
    }

    @Test("An absent built image is built once, first; the creates of every service that runs it wait for the build")
    func absentImage() throws {
        let plan = try Self.fixture(appPresent: false).plan()
        #expect(plan.text == lines(
            "[] -> #1 image:demo-app, BuildImage, not present",
            "[1] -> #2 service:app:1, CreateContainer, no existing container",
            "[2] -> #3 service:app:1, StartContainer, service start",
            "[] -> #4 service:cache:1, CreateContainer, no existing container",
            "[4] -> #5 service:cache:1, StartContainer, service start",
            "[1,3] -> #6 service:worker:1, CreateContainer, no existing container",
            "[3,6] -> #7 service:worker:1, StartContainer, service start"))
        #expect(plan.nodes[0].details.service == "app")
        #expect(plan.nodes[0].details.serviceConfig?.build != nil)
    }

    @Test("A present image is built only with --build or pull_policy: build; --no-build never builds")
    func flags() throws {
        let present = try Self.fixture(appPresent: true)
        let created = try present.text()
        #expect(!created.contains("BuildImage"))
        #expect(try present.text(PlanOptions(build: .always)).hasPrefix("[] -> #1 image:demo-app, BuildImage, --build\n"))
        #expect(!(try present.text(PlanOptions(build: .never))).contains("BuildImage"))
        var policy = try PlanFixture(Self.yaml.replacingOccurrences(of: "    build: .\n", with: "    build: .\n    pull_policy: build\n"))
        policy.addDefaultNetwork()
        policy.state.image("demo-app", id: "sha256:" + String(repeating: "1", count: 64))
        #expect(try policy.text().hasPrefix("[] -> #1 image:demo-app, BuildImage, pull_policy build\n"))
    }

    @Test("--no-build with an absent image fails the plan, naming the service and the image")
    func noBuildAbsent() throws {
        let fixture = try Self.fixture(appPresent: false)
        #expect {
            try fixture.plan(PlanOptions(build: .never))
        } throws: { error in
            "\(error)" == "service \"app\" needs image demo-app, which is not present, and --no-build forbids building it"
        }
    }

    @Test("Images unknown to the snapshot are taken as present: nothing is built")
    func unknownImages() throws {
        #expect(!(try Self.fixture(appPresent: false, images: false).text()).contains("BuildImage"))
    }

    @Test("A key the classic builder cannot honour is refused at plan time, naming the key and the service")
    func unsupportedKeys() throws {
        for (key, value) in [("ssh", "[default]"), ("secrets", "[token]"), ("additional_contexts", "{a: ../a}"),
                             ("platforms", "[linux/amd64, linux/arm64]")] {
            let fixture = try PlanFixture("""
                services:
                  app:
                    build:
                      context: .
                      \(key): \(value)
                """)
            #expect(throws: (any Error).self, "\(key)") { try fixture.plan() }
            do {
                _ = try fixture.plan()
            } catch {
                #expect("\(error)".hasPrefix("service \"app\": build.\(key)"), "\(error)")
            }
        }
    }

    @Test("--build with running containers: their recreates are conditional on the build giving another image; restart dependents are left alone")
    func conditionalRecreate() throws {
        var fixture = try PlanFixture("""
            services:
              app:
                build: .
              side:
                image: redis
                depends_on:
                  app:
                    condition: service_started
                    restart: true
            """)
        let network = fixture.addDefaultNetwork()
        let label = "sha256:" + String(repeating: "1", count: 64)
        fixture.state.container(service: "app", hash: fixture.hash("app"), networks: ["demo_default": network],
                                extraLabels: [ComposeLabel.image: label])
        fixture.addRunning("side")
        fixture.state.image("demo-app", id: label)
        fixture.state.image("redis", id: "sha256:" + String(repeating: "2", count: 64))
        let plan = try fixture.plan(PlanOptions(build: .always))
        #expect(plan.text == lines(
            "[] -> #1 image:demo-app, BuildImage, --build",
            "[1] -> #2 service:app:1, CreateContainer, image rebuilt (if changed) [recreate:app:1]",
            "[2] -> #3 service:app:1, StopContainer, replaced by #2 [recreate:app:1]",
            "[3] -> #4 service:app:1, RemoveContainer, replaced by #2 [recreate:app:1]",
            "[4] -> #5 service:app:1, RenameContainer, finalize recreate [recreate:app:1]",
            "[5] -> #6 service:app:1, StartContainer, service start"))
        let condition = RunCondition.imageChanged(build: 1, unlessImage: label)
        #expect(plan.nodes[1...4].allSatisfy { $0.condition == condition })
        #expect(plan.nodes[0].condition == nil && plan.nodes[5].condition == nil)
        #expect(plan.nodes[1].isReplacement)
        // The start acts on the container that stays when the recreate turns out unchanged.
        #expect(plan.nodes[5].details.container?.name == "demo-app-1")
        #expect(plan.nodes[5].details.createdBy == 2)
    }
}
