import ComposeModel
import PlanModel
import Reconciler
import Testing

/// Explanations on the nodes that replace containers, and `--adopt`: a
/// container whose config hash another tool wrote, but whose fields all
/// match, is kept only when asked.
@Suite("Explanations and --adopt")
struct ExplainAdoptRuleTests {
    static let yaml = """
        services:
          web:
            image: nginx
          db:
            image: postgres
        """

    /// Both services running; `web` with a foreign hash label.
    static func fixture(webExplanation: ChangeExplanation?) throws -> (PlanFixture, String) {
        var fixture = try PlanFixture(yaml)
        fixture.addDefaultNetwork()
        let web = fixture.addRunning("web", hash: "foreign-hash")
        fixture.addRunning("db")
        if let webExplanation { fixture.explanations[web] = webExplanation }
        return (fixture, web)
    }

    @Test("No field differs: the recreate stays (the default plan is upstream's), says who wrote the hash, and a warning counts what --adopt keeps")
    func adoptableWithoutFlag() throws {
        let (fixture, _) = try Self.fixture(webExplanation: ChangeExplanation(changes: [], hashWrittenBy: "docker-compose 1.29.2"))
        let plan = try fixture.plan()
        #expect(plan.nodes.first.map(\.textLine) == "[] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]")
        #expect(plan.nodes[0].changes == [] && plan.nodes[0].hashWrittenBy == "docker-compose 1.29.2")
        #expect(plan.nodes[0].explanationLines == [
            "no field differs: the config hash label was written by docker-compose 1.29.2 (--adopt keeps this container)",
        ])
        #expect(plan.warnings == [
            "1 container differs from the compose files only in the config hash label (written by docker-compose 1.29.2); plan with --adopt to keep it instead of recreating",
        ])
    }

    @Test("--adopt keeps it: the plan is empty and warns of nothing")
    func adopted() throws {
        let (fixture, _) = try Self.fixture(webExplanation: ChangeExplanation(changes: [], hashWrittenBy: "docker-compose 1.29.2"))
        let plan = try fixture.plan(PlanOptions(adopt: true))
        #expect(plan.isEmpty)
        #expect(plan.warnings.isEmpty)
    }

    @Test("A field that differs is recreated even with --adopt, and the create carries the fields")
    func differing() throws {
        let changes = [FieldChange(field: "image", from: "nginx:1.25", to: "nginx")]
        let (fixture, _) = try Self.fixture(webExplanation: ChangeExplanation(changes: changes))
        for options in [PlanOptions(), PlanOptions(adopt: true)] {
            let plan = try fixture.plan(options)
            #expect(plan.nodes.map(\.type) == [.createContainer, .stopContainer, .removeContainer, .renameContainer, .startContainer])
            #expect(plan.nodes[0].changes == changes)
            #expect(plan.nodes.dropFirst().allSatisfy { $0.changes == nil })
            #expect(plan.explainedText.hasPrefix("""
                [] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]
                    image: nginx:1.25 → nginx
                [1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]

                """))
            // The default text is unchanged by explanations.
            #expect(!plan.text.contains("nginx:1.25"))
        }
    }

    @Test("Without an inspect answer the recreate is planned as before and --explain says it is not compared; --adopt changes nothing")
    func unexplained() throws {
        let (fixture, _) = try Self.fixture(webExplanation: nil)
        let plain = try fixture.plan()
        #expect(try fixture.plan(PlanOptions(adopt: true)) == plain)
        #expect(plain.nodes[0].changes == nil)
        #expect(plain.nodes[0].explanationLines.first?.hasPrefix("fields not compared") == true)
        #expect(plain.warnings.isEmpty)
    }

    @Test("A container not on its service's network is explained by the network it must join")
    func missingNetwork() throws {
        var fixture = try PlanFixture(Self.yaml)
        fixture.addDefaultNetwork()
        fixture.addRunning("web", networkID: "other-network")
        fixture.addRunning("db")
        let plan = try fixture.plan()
        #expect(plan.nodes[0].explanationLines == ["networks: added default"])
    }

    @Test("A network recreated for its configuration carries its explanation on its removal")
    func networkExplained() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\nnetworks:\n  default:\n    internal: true\n")
        fixture.state.network(key: "default", hash: "old-hash")
        fixture.networkExplanations["default"] = ChangeExplanation(changes: [FieldChange(field: "internal", from: "false", to: "true")])
        let plan = try fixture.plan()
        let remove = try #require(plan.nodes.first { $0.type == .removeNetwork })
        #expect(remove.cause == "config hash diverged")
        #expect(remove.explanationLines == ["internal: false → true"])
        #expect(plan.nodes.filter { $0.changes != nil }.count == 1)
    }
}
