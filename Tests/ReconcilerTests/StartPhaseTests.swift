import PlanModel
import Reconciler
import Testing

@Suite("Start phase")
struct StartPhaseTests {
    @Test("Dependents waiting for the same condition share one WaitCondition node")
    func sharedWait() throws {
        var fixture = try PlanFixture("""
            services:
              db:
                image: postgres
                healthcheck: {test: "pg_isready"}
              app:
                image: app
                depends_on: {db: {condition: service_healthy}}
              worker:
                image: worker
                depends_on: {db: {condition: service_healthy}}
            """)
        fixture.addDefaultNetwork()
        #expect(try fixture.text() == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:db:1, StartContainer, service start",
            "[2] -> #3 service:app:1, CreateContainer, no existing container",
            "[2] -> #4 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[2,3,4] -> #5 service:app:1, StartContainer, service start",
            "[2] -> #6 service:worker:1, CreateContainer, no existing container",
            "[2,4,6] -> #7 service:worker:1, StartContainer, service start"))
    }

    @Test("An optional dependency gets its own optional wait")
    func optionalWait() throws {
        var fixture = try PlanFixture("""
            services:
              db:
                image: postgres
                healthcheck: {test: "pg_isready"}
              app:
                image: app
                depends_on: {db: {condition: service_healthy}}
              worker:
                image: worker
                depends_on: {db: {condition: service_healthy, required: false}}
            """)
        fixture.addDefaultNetwork()
        let plan = try fixture.plan(PlanOptions(waitTimeout: 30))
        #expect(plan.text == lines(
            "[] -> #1 service:db:1, CreateContainer, no existing container",
            "[1] -> #2 service:db:1, StartContainer, service start",
            "[2] -> #3 service:app:1, CreateContainer, no existing container",
            "[2] -> #4 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[2,3,4] -> #5 service:app:1, StartContainer, service start",
            "[2] -> #6 service:worker:1, CreateContainer, no existing container",
            "[2] -> #7 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[2,6,7] -> #8 service:worker:1, StartContainer, service start"))
        #expect(!plan.nodes[3].optional)
        #expect(plan.nodes[6].optional)
        #expect(plan.nodes[6].details.timeout == 30)
        #expect(plan.nodes[6].details.condition == .healthy)
        #expect(plan.nodes[6].details.service == "db")
    }

    @Test("service_completed_successfully waits for every replica of a one-shot dependency")
    func completedSuccessfully() throws {
        var fixture = try PlanFixture("""
            services:
              migrate:
                image: migrate
                scale: 2
              app:
                image: app
                depends_on: {migrate: {condition: service_completed_successfully}}
            """)
        fixture.addDefaultNetwork()
        #expect(try fixture.text() == lines(
            "[] -> #1 service:migrate:1, CreateContainer, no existing container",
            "[] -> #2 service:migrate:2, CreateContainer, no existing container",
            "[1] -> #3 service:migrate:1, StartContainer, service start",
            "[2] -> #4 service:migrate:2, StartContainer, service start",
            "[4] -> #5 service:app:1, CreateContainer, no existing container",
            "[3,4] -> #6 wait:migrate:service_completed_successfully, WaitCondition, dependency migrate must be service_completed_successfully",
            "[3,4,5,6] -> #7 service:app:1, StartContainer, service start"))
    }

    @Test("A running dependency that starts nothing: dependents wait on its last node, if any")
    func runningDependency() throws {
        var fixture = try PlanFixture("""
            services:
              db:
                image: postgres
                healthcheck: {test: "pg_isready"}
              app:
                image: app
                depends_on: {db: {condition: service_healthy}}
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("db")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:app:1, CreateContainer, no existing container",
            "[] -> #2 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[1,2] -> #3 service:app:1, StartContainer, service start"))
    }

    @Test("service_healthy on a dependency without a healthcheck is a plan-time error")
    func healthyWithoutHealthcheck() throws {
        let fixture = try PlanFixture("""
            services:
              db: {image: postgres}
              app:
                image: app
                depends_on: {db: {condition: service_healthy}}
            """)
        #expect(throws: ReconcileError.self) { try fixture.plan() }
        #expect(try fixture.plan(PlanOptions(start: false)).nodes.count == 3)
    }
}

@Suite("Orphans")
struct OrphanTests {
    @Test("--remove-orphans stops and removes containers of unknown services and exited one-offs")
    func orphans() throws {
        var fixture = try PlanFixture("""
            services:
              web: {image: nginx}
              debug:
                image: busybox
                profiles: [debug]
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("web")
        fixture.state.container(service: "old", hash: "x")
        fixture.state.container(service: "web", number: 7, state: "exited", hash: "x", name: "demo-web-run-1", oneOff: true)
        fixture.state.container(service: "web", number: 8, state: "running", hash: "x", name: "demo-web-run-2", oneOff: true)
        fixture.state.container(service: "debug", hash: "x")
        #expect(try fixture.plan().isEmpty)
        #expect(try fixture.text(PlanOptions(removeOrphans: true)) == lines(
            "[] -> #1 orphan:demo-old-1, StopContainer, orphaned container",
            "[1] -> #2 orphan:demo-old-1, RemoveContainer, orphaned container",
            "[] -> #3 orphan:demo-web-run-1, StopContainer, orphaned container",
            "[3] -> #4 orphan:demo-web-run-1, RemoveContainer, orphaned container"))
    }

    @Test("Containers of other projects are never touched")
    func otherProjects() throws {
        var fixture = try PlanFixture("services:\n  web: {image: nginx}\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web")
        var other = SnapshotBuilderProxy.make(project: "other")
        other.container(service: "old", hash: "x")
        for container in other.containers { fixture.state.rawContainer(container) }
        fixture.state.rawContainer(["Id": "c0", "Names": ["/unlabelled"], "State": "running", "Labels": [:]])
        #expect(try fixture.plan(PlanOptions(removeOrphans: true)).isEmpty)
    }
}

import TestSupport

enum SnapshotBuilderProxy {
    static func make(project: String) -> SnapshotBuilder { SnapshotBuilder(project: project) }
}
