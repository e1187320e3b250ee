import PlanModel
import Reconciler
import Testing

/// `up --wait`, with docker compose's meaning (every started service
/// running, or healthy where it has a healthcheck), as WaitCondition nodes
/// at the end of the plan.
@Suite("--wait")
struct WaitFlagTests {
    static let yaml = """
        services:
          db:
            image: postgres
            healthcheck: {test: "pg_isready"}
          app:
            image: app
            depends_on: {db: {condition: service_healthy}}
          web:
            image: nginx
            healthcheck: {disable: true}
          idle:
            image: busybox
            scale: 0
        """

    @Test("One wait per service with containers, after its starts; a dependent's wait for the same condition is reused; scale 0 waits for nothing")
    func freshProject() throws {
        var fixture = try PlanFixture(Self.yaml)
        fixture.addDefaultNetwork()
        #expect(try fixture.text(PlanOptions(waitTimeout: 30, wait: true)) == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:db:1, StartContainer, service start",
            "[2] -> #3 service:app:1, CreateContainer, no existing container",
            "[2] -> #4 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[2,3,4] -> #5 service:app:1, StartContainer, service start",
            "[] -> #6 service:web:1, CreateContainer, no existing container",
            "[6] -> #7 service:web:1, StartContainer, service start",
            "[5] -> #8 wait:app:service_started, WaitCondition, --wait: service app must be running",
            "[7] -> #9 wait:web:service_started, WaitCondition, --wait: service web must be running"))
        let wait = try #require(fixture.plan(PlanOptions(waitTimeout: 30, wait: true)).nodes.last)
        #expect(wait.details.service == "web")
        #expect(wait.details.condition == .started)
        #expect(wait.details.timeout == 30)
        #expect(wait.optional == false)
    }

    @Test("Services already running and unchanged are still waited for (as compose up --wait does); without --wait nothing is added")
    func convergedProject() throws {
        var fixture = try PlanFixture("services:\n  db:\n    image: postgres\n    healthcheck: {test: pg_isready}\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("db")
        #expect(try fixture.text() == "")
        #expect(try fixture.text(PlanOptions(wait: true)) == lines(
            "[] -> #1 wait:db:service_healthy, WaitCondition, --wait: service db must be healthy"))
        #expect(try fixture.text(PlanOptions(start: false, wait: true)) == "")
    }
}
