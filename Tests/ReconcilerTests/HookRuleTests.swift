import ComposeModel
import PlanModel
import Reconciler
import Testing

/// Lifecycle hooks (compose 2.30+): post_start after each start, pre_stop
/// before each stop of a running container, as RunHook nodes.
@Suite("Lifecycle hooks")
struct HookRuleTests {
    static let yaml = """
        services:
          db:
            image: postgres
            post_start:
              - command: ["sh", "-c", "echo started"]
              - command: touch /tmp/ready
                user: root
            pre_stop:
              - command: ["pg_ctl", "stop"]
          app:
            image: app
            depends_on: [db]
        """

    @Test("post_start hooks follow the start, in order, and dependents wait for the last one")
    func postStart() throws {
        var fixture = try PlanFixture(Self.yaml)
        fixture.addDefaultNetwork()
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:db:1, StartContainer, service start",
            "[2] -> #3 service:db:1, RunHook, post_start hook 1 of 2",
            "[3] -> #4 service:db:1, RunHook, post_start hook 2 of 2",
            "[4] -> #5 service:app:1, CreateContainer, no existing container",
            "[4,5] -> #6 service:app:1, StartContainer, service start"))
        #expect(plan.nodes[2].details.hook == ServiceHook(command: ["sh", "-c", "echo started"]))
        #expect(plan.nodes[3].details.hook == ServiceHook(command: ["touch", "/tmp/ready"], user: "root"))
        #expect(plan.nodes[2].details.hookMoment == .postStart)
        #expect(!plan.nodes[2].bestEffort)
    }

    @Test("A pre_stop hook runs before the stop of a running container, best-effort, inside the recreate group")
    func preStop() throws {
        var fixture = try PlanFixture(Self.yaml)
        fixture.addDefaultNetwork()
        fixture.addRunning("db", hash: "old")
        fixture.addRunning("app")
        let plan = try fixture.plan(PlanOptions(start: false))
        #expect(plan.text == lines(
            "[] -> #1 service:db:1, CreateContainer, config changed (tmpName) [recreate:db:1]",
            "[1] -> #2 service:db:1, RunHook, pre_stop hook [recreate:db:1]",
            "[2] -> #3 service:db:1, StopContainer, replaced by #1 [recreate:db:1]",
            "[3] -> #4 service:db:1, RemoveContainer, replaced by #1 [recreate:db:1]",
            "[4] -> #5 service:db:1, RenameContainer, finalize recreate [recreate:db:1]"))
        #expect(plan.nodes[1].bestEffort)
        #expect(plan.nodes[1].details.container?.name == "demo-db-1")
        // A stopped container gets no pre_stop hook.
        var stopped = try PlanFixture(Self.yaml)
        stopped.addDefaultNetwork()
        stopped.addRunning("db", state: "exited", hash: "old")
        stopped.addRunning("app")
        #expect(try !stopped.plan(PlanOptions(start: false)).nodes.contains { $0.type == .runHook })
    }

    @Test("Malformed hooks are a plan-time error naming the service")
    func malformed() throws {
        let fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    post_start:\n      - user: root\n")
        #expect(throws: ReconcileError.self) { try fixture.plan() }
        do {
            _ = try fixture.plan()
        } catch {
            #expect("\(error)" == "service \"web\": post_start entry 1 needs a command")
        }
    }
}
