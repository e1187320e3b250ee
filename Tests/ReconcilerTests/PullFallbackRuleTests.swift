import ComposeModel
import PlanModel
import Reconciler
import Testing

/// A service with both `image:` and `build:`, as compose treats it: the
/// image is pulled under its policy first, a failed pull is tolerated, and
/// a build that runs only if the pull failed takes over for an absent
/// image. `--build` and `pull_policy: build` build without pulling;
/// `--no-build` pulls without tolerance.
@Suite("Pull, else build")
struct PullFallbackRuleTests {
    static let yaml = """
        services:
          app:
            image: example/app:1
            build: .
        """
    static let localID = "sha256:" + String(repeating: "1", count: 64)

    static func fixture(present: Bool, yaml: String = PullFallbackRuleTests.yaml) throws -> PlanFixture {
        var fixture = try PlanFixture(yaml)
        fixture.addDefaultNetwork()
        fixture.state.image("example/app:1", id: present ? localID : nil)
        return fixture
    }

    @Test("An absent image is pulled; a build conditional on the pull's failure follows; the create waits for the build")
    func absentImage() throws {
        let plan = try Self.fixture(present: false).plan()
        #expect(plan.text == lines(
            "[] -> #1 image:example/app:1, PullImage, not present (build if it fails)",
            "[1] -> #2 image:example/app:1, BuildImage, not present (if pull fails)",
            "[2] -> #3 service:app:1, CreateContainer, no existing container",
            "[3] -> #4 service:app:1, StartContainer, service start"))
        #expect(plan.nodes[0].bestEffort && plan.nodes[0].condition == nil)
        #expect(plan.nodes[1].condition == .failed(node: 1))
        #expect(!plan.nodes[1].bestEffort)
        #expect(plan.nodes[1].details.serviceConfig?.build != nil)
    }

    @Test("A present image under the default policy is neither pulled nor built")
    func presentImage() throws {
        #expect(!(try Self.fixture(present: true).text()).contains("Image,"))
    }

    @Test("pull_policy: always pulls a present image and keeps it if the pull fails; no build")
    func alwaysPresent() throws {
        let yaml = Self.yaml + "\n    pull_policy: always\n"
        let plan = try Self.fixture(present: true, yaml: yaml).plan()
        #expect(plan.nodes.first.map(\.textLine) == "[] -> #1 image:example/app:1, PullImage, pull_policy always (keeps local if it fails)")
        #expect(plan.nodes.first?.bestEffort == true)
        #expect(!plan.nodes.contains { $0.type == .buildImage })
    }

    @Test("--build and pull_policy: build build without a pull")
    func buildWithoutPull() throws {
        #expect(try Self.fixture(present: false).text(PlanOptions(build: .always)).hasPrefix(
            "[] -> #1 image:example/app:1, BuildImage, not present\n[1] -> #2 service:app:1, CreateContainer"))
        let yaml = Self.yaml + "\n    pull_policy: build\n"
        #expect(try Self.fixture(present: false, yaml: yaml).text().hasPrefix(
            "[] -> #1 image:example/app:1, BuildImage, not present\n[1] -> #2 service:app:1, CreateContainer"))
    }

    @Test("--no-build pulls without tolerance and plans no build")
    func noBuild() throws {
        let plan = try Self.fixture(present: false).plan(PlanOptions(build: .never))
        #expect(plan.nodes.map(\.type) == [.pullImage, .createContainer, .startContainer])
        #expect(plan.nodes[0].cause == "not present" && !plan.nodes[0].bestEffort)
    }

    @Test("A service without image: (named <project>-<service>) is built, never pulled, as compose does")
    func defaultNameNeverPulled() throws {
        var fixture = try PlanFixture("services:\n  app:\n    build: .\n")
        fixture.addDefaultNetwork()
        fixture.state.image("demo-app", id: nil)
        #expect(try fixture.text().hasPrefix("[] -> #1 image:demo-app, BuildImage, not present\n"))
    }
}
