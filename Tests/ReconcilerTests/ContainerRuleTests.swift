import PlanModel
import Testing

@Suite("Containers")
struct ContainerRuleTests {
    @Test("Scale up continues after the highest observed number")
    func scaleUp() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    scale: 3\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1)
        fixture.addRunning("web", number: 3)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:4, CreateContainer, no existing container",
            "[1] -> #2 service:web:4, StartContainer, service start"))
    }

    @Test("deploy.replicas counts like scale")
    func replicas() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    deploy:\n      replicas: 2\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1)
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:web:2, CreateContainer, no existing container"))
    }

    @Test("Scale down removes diverged containers first, then the highest numbers")
    func scaleDown() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    scale: 1\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1)
        fixture.addRunning("web", number: 2, hash: "old")
        fixture.addRunning("web", number: 3)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:3, StopContainer, scale down",
            "[1] -> #2 service:web:3, RemoveContainer, scale down",
            "[] -> #3 service:web:2, StopContainer, scale down",
            "[3] -> #4 service:web:2, RemoveContainer, scale down"))
    }

    @Test("A service scaled to 0 loses its containers")
    func scaleToZero() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    scale: 0\n  api:\n    image: api\n    depends_on:\n      web:\n        condition: service_healthy\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1)
        fixture.addRunning("web", number: 2)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, scale down",
            "[1] -> #2 service:web:1, RemoveContainer, scale down",
            "[] -> #3 service:web:2, StopContainer, scale down",
            "[3] -> #4 service:web:2, RemoveContainer, scale down",
            "[4] -> #5 service:api:1, CreateContainer, no existing container",
            "[4,5] -> #6 service:api:1, StartContainer, service start"))
    }

    @Test("A diverged container is recreated in four grouped steps under a temporary name")
    func recreate() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx:1.27\n")
        fixture.addDefaultNetwork()
        let id = fixture.addRunning("web", hash: "old")
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]",
            "[1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]",
            "[2] -> #3 service:web:1, RemoveContainer, replaced by #1 [recreate:web:1]",
            "[3] -> #4 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[4] -> #5 service:web:1, StartContainer, service start"))
        #expect(plan.nodes[0].details.name == "\(id.prefix(12))_demo-web-1")
        #expect(plan.nodes[0].details.inheritVolumesFrom?.id == id)
        #expect(plan.nodes[3].details.name == "demo-web-1")
        #expect(plan.nodes[3].details.createdBy == 1)
        #expect(plan.nodes[4].details.createdBy == 1)
        #expect(try fixture.plan(PlanOptions(renewAnonymousVolumes: true)).nodes[0].details.inheritVolumesFrom == nil)
    }

    @Test("Dependents with restart: true are stopped before the recreate and started after it")
    func restartDependents() throws {
        var fixture = try PlanFixture("""
            services:
              db:
                image: postgres:17
              app:
                image: app
                depends_on:
                  db:
                    condition: service_started
                    restart: true
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("db", hash: "old")
        fixture.addRunning("app")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:app:1, StopContainer, dependency db being recreated",
            "[1] -> #2 service:db:1, CreateContainer, config changed (tmpName) [recreate:db:1]",
            "[2] -> #3 service:db:1, StopContainer, replaced by #2 [recreate:db:1]",
            "[3] -> #4 service:db:1, RemoveContainer, replaced by #2 [recreate:db:1]",
            "[4] -> #5 service:db:1, RenameContainer, finalize recreate [recreate:db:1]",
            "[5] -> #6 service:db:1, StartContainer, service start",
            "[1,6] -> #7 service:app:1, StartContainer, service start"))
    }

    @Test("A dependent sharing a recreated service's network namespace is recreated too")
    func namespaceCascade() throws {
        var fixture = try PlanFixture("""
            services:
              vpn:
                image: vpn:2
              web:
                image: nginx
                network_mode: "service:vpn"
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("vpn", hash: "old")
        fixture.state.container(service: "web", hash: fixture.hash("web"))
        #expect(try fixture.text() == lines(
            "[] -> #1 service:vpn:1, CreateContainer, config changed (tmpName) [recreate:vpn:1]",
            "[1] -> #2 service:vpn:1, StopContainer, replaced by #1 [recreate:vpn:1]",
            "[2] -> #3 service:vpn:1, RemoveContainer, replaced by #1 [recreate:vpn:1]",
            "[3] -> #4 service:vpn:1, RenameContainer, finalize recreate [recreate:vpn:1]",
            "[4] -> #5 service:vpn:1, StartContainer, service start",
            "[5] -> #6 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]",
            "[6] -> #7 service:web:1, StopContainer, replaced by #6 [recreate:web:1]",
            "[7] -> #8 service:web:1, RemoveContainer, replaced by #6 [recreate:web:1]",
            "[8] -> #9 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[5,9] -> #10 service:web:1, StartContainer, service start"))
    }

    @Test("A volumes_from dependent of a recreated service is recreated too")
    func volumesFromCascade() throws {
        var fixture = try PlanFixture("""
            services:
              data:
                image: data:2
              reader:
                image: busybox
                volumes_from: ["data:ro"]
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("data", hash: "old")
        fixture.addRunning("reader")
        let plan = try fixture.plan(PlanOptions(start: false))
        #expect(plan.nodes.filter { $0.type == .createContainer }.map(\.resource.description) == ["service:data:1", "service:reader:1"])
        #expect(plan.nodes.map(\.group) == Array(repeating: "recreate:data:1", count: 4) + Array(repeating: "recreate:reader:1", count: 4))
    }

    @Test("A container sharing a service's namespace is created after every node of that service, in the plan")
    func namespaceSharingWaitsForEveryParentNode() throws {
        // Both vpn replicas are recreated; the client joins vpn:1's network
        // namespace. vpn's last node (#8) does not come after vpn:1's
        // replacement (#1-#4), so the client's create names those nodes too:
        // the executor adds no edge of its own, and the plan shows this one.
        var fixture = try PlanFixture("""
            services:
              vpn:
                image: vpn:2
                scale: 2
              client:
                image: busybox
                network_mode: "service:vpn"
            """)
        fixture.addDefaultNetwork()
        fixture.addRunning("vpn", number: 1, hash: "old")
        fixture.addRunning("vpn", number: 2, hash: "old")
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:vpn:1, CreateContainer, config changed (tmpName) [recreate:vpn:1]",
            "[1] -> #2 service:vpn:1, StopContainer, replaced by #1 [recreate:vpn:1]",
            "[2] -> #3 service:vpn:1, RemoveContainer, replaced by #1 [recreate:vpn:1]",
            "[3] -> #4 service:vpn:1, RenameContainer, finalize recreate [recreate:vpn:1]",
            "[] -> #5 service:vpn:2, CreateContainer, config changed (tmpName) [recreate:vpn:2]",
            "[5] -> #6 service:vpn:2, StopContainer, replaced by #5 [recreate:vpn:2]",
            "[6] -> #7 service:vpn:2, RemoveContainer, replaced by #5 [recreate:vpn:2]",
            "[7] -> #8 service:vpn:2, RenameContainer, finalize recreate [recreate:vpn:2]",
            "[1,2,3,4,8] -> #9 service:client:1, CreateContainer, no existing container"))
    }

    @Test("A paused or dead container gets a 'not running' start and no second start")
    func notRunning() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n  api:\n    image: api\n    depends_on: [web]\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", state: "paused")
        fixture.addRunning("api", state: "dead")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StartContainer, not running",
            "[1] -> #2 service:api:1, StartContainer, not running"))
    }

    @Test("A paused container's start is waited for even when a scale-down of its service comes after it")
    func notRunningThenScaleDown() throws {
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
        fixture.addRunning("db", number: 1, state: "paused")
        fixture.addRunning("db", number: 2)
        // #1 is not the last node of db: the wait and app's create name it too.
        #expect(try fixture.text() == lines(
            "[] -> #1 service:db:1, StartContainer, not running",
            "[] -> #2 service:db:2, StopContainer, scale down",
            "[2] -> #3 service:db:2, RemoveContainer, scale down",
            "[1,3] -> #4 service:app:1, CreateContainer, no existing container",
            "[1,3] -> #5 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy",
            "[1,3,4,5] -> #6 service:app:1, StartContainer, service start"))
    }

    @Test("Created and exited containers are started by the start phase")
    func createdOrExited() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    scale: 2\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1, state: "exited")
        fixture.addRunning("web", number: 2, state: "created")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StartContainer, service start",
            "[] -> #2 service:web:2, StartContainer, service start"))
        #expect(try fixture.plan(PlanOptions(start: false)).isEmpty)
    }

    @Test("--force-recreate recreates the targeted services only; --always-recreate-deps their dependencies too")
    func forcePolicies() throws {
        var fixture = try PlanFixture("""
            services:
              db: {image: postgres}
              web:
                image: nginx
                depends_on: [db]
            """, services: ["web"])
        fixture.addDefaultNetwork()
        fixture.addRunning("db")
        fixture.addRunning("web")
        let forced = try fixture.plan(PlanOptions(services: ["web"], recreate: .force, start: false))
        #expect(Set(forced.nodes.map(\.resource.description)) == ["service:web:1"])
        #expect(forced.nodes.count == 4)
        let withDeps = try fixture.plan(PlanOptions(services: ["web"], recreateDependencies: .force, start: false))
        #expect(Set(withDeps.nodes.map(\.resource.description)) == ["service:db:1"])
        #expect(withDeps.nodes.count == 4)
    }

    @Test("--no-recreate leaves diverged containers alone")
    func neverPolicy() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx:2\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", hash: "old")
        #expect(try fixture.plan(PlanOptions(recreate: .never, recreateDependencies: .never)).isEmpty)
    }

    @Test("A container missing a mount of an existing named volume is recreated")
    func volumeMismatch() throws {
        var fixture = try PlanFixture("services:\n  db:\n    image: postgres\n    volumes: [data:/data]\nvolumes:\n  data: {}\n")
        fixture.addDefaultNetwork()
        fixture.state.volume(key: "data", hash: fixture.volumeHash("data"))
        fixture.addRunning("db", volumes: [("something_else", "/data")])
        #expect(try fixture.plan(PlanOptions(start: false)).nodes.map(\.type) ==
                [.createContainer, .stopContainer, .removeContainer, .renameContainer])
    }
}
