import PlanModel
import Testing

@Suite("Networks")
struct NetworkRuleTests {
    static let web = """
        services:
          web:
            image: nginx
        """

    @Test("A network whose recorded hash differs is recreated; attached containers are stopped, disconnected, reconnected and started")
    func recreate() throws {
        var fixture = try PlanFixture(Self.web)
        let networkID = fixture.state.network(key: "default", hash: "stale")
        fixture.addRunning("web", networkID: networkID)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, network default config changed",
            "[1] -> #2 service:web:1, DisconnectNetwork, network default recreate",
            "[2] -> #3 network:default, RemoveNetwork, config hash diverged",
            "[3] -> #4 network:default, CreateNetwork, recreate after config change",
            "[4] -> #5 service:web:1, ConnectNetwork, network default recreate",
            "[1,5] -> #6 service:web:1, StartContainer, service start"))
    }

    @Test("Other project containers on a recreated network (an orphan, a disabled service) are disconnected, then put back")
    func recreateWithBystanders() throws {
        var fixture = try PlanFixture("""
            services:
              web:
                image: nginx
              debug:
                image: busybox
                profiles: [debug]
            """)
        let networkID = fixture.state.network(key: "default", hash: "stale")
        fixture.addRunning("web", networkID: networkID)
        fixture.state.container(service: "legacy", number: 1, state: "running", hash: "x", networks: ["demo_default": networkID])
        fixture.state.container(service: "debug", number: 1, state: "exited", hash: "x", networks: ["demo_default": networkID])
        // Docker refuses to remove a network with endpoints: every container
        // on it is disconnected first, whatever its service.
        let recreate = [
            "[] -> #1 service:web:1, StopContainer, network default config changed",
            "[1] -> #2 service:web:1, DisconnectNetwork, network default recreate",
            "[] -> #3 service:debug:1, StopContainer, network default config changed",
            "[3] -> #4 service:debug:1, DisconnectNetwork, network default recreate",
            "[] -> #5 orphan:demo-legacy-1, StopContainer, network default config changed",
            "[5] -> #6 orphan:demo-legacy-1, DisconnectNetwork, network default recreate",
            "[2,4,6] -> #7 network:default, RemoveNetwork, config hash diverged",
            "[7] -> #8 network:default, CreateNetwork, recreate after config change",
            "[8] -> #9 service:web:1, ConnectNetwork, network default recreate",
            "[8] -> #10 service:debug:1, ConnectNetwork, network default recreate",
        ]
        #expect(try fixture.text() == (recreate + [
            "[8] -> #11 orphan:demo-legacy-1, ConnectNetwork, network default recreate",
            "[11] -> #12 orphan:demo-legacy-1, StartContainer, network default recreate",
            "[1,9] -> #13 service:web:1, StartContainer, service start",
        ]).map { $0 + "\n" }.joined())
        // With --remove-orphans the orphan is stopped once and removed after its disconnect.
        #expect(try fixture.text(PlanOptions(removeOrphans: true)) == (recreate + [
            "[1,9] -> #11 service:web:1, StartContainer, service start",
            "[5,6] -> #12 orphan:demo-legacy-1, RemoveContainer, orphaned container",
        ]).map { $0 + "\n" }.joined())
    }

    @Test("A network without a recorded hash is left alone")
    func noRecordedHash() throws {
        var fixture = try PlanFixture(Self.web)
        let networkID = fixture.state.network(key: "default", hash: "")
        fixture.addRunning("web", networkID: networkID)
        #expect(try fixture.plan().isEmpty)
    }

    @Test("A renamed network: best-effort removal, a create that does not wait for it, reconnects after the disconnect")
    func rename() throws {
        var fixture = try PlanFixture("""
            services:
              web:
                image: nginx
            networks:
              default:
                name: custom_net
            """)
        let networkID = fixture.state.network(key: "default", name: "demo_default", hash: "old")
        fixture.addRunning("web", networkID: networkID)
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 service:web:1, StopContainer, network default config changed",
            "[1] -> #2 service:web:1, DisconnectNetwork, network default recreate",
            "[2] -> #3 network:default, RemoveNetwork, renamed (best-effort cleanup)",
            "[] -> #4 network:default, CreateNetwork, renamed",
            "[2,4] -> #5 service:web:1, ConnectNetwork, network default recreate",
            "[1,5] -> #6 service:web:1, StartContainer, service start"))
        #expect(plan.nodes[2].bestEffort)
        #expect(plan.nodes[2].details.name == "demo_default")
        #expect(plan.nodes[3].details.name == "custom_net")
    }

    @Test("A container stopped by a network recreate and also diverged is recreated without a second stop")
    func recreateAfterNetworkStop() throws {
        var fixture = try PlanFixture(Self.web)
        let networkID = fixture.state.network(key: "default", hash: "stale")
        fixture.addRunning("web", hash: "old", networkID: networkID)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, network default config changed",
            "[1] -> #2 service:web:1, DisconnectNetwork, network default recreate",
            "[2] -> #3 network:default, RemoveNetwork, config hash diverged",
            "[3] -> #4 network:default, CreateNetwork, recreate after config change",
            "[4] -> #5 service:web:1, ConnectNetwork, network default recreate",
            "[4] -> #6 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]",
            "[1,5,6] -> #7 service:web:1, RemoveContainer, replaced by #6 [recreate:web:1]",
            "[7] -> #8 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[8] -> #9 service:web:1, StartContainer, service start"))
    }

    @Test("A container on two recreated networks is stopped once; exited containers restart after their reconnects")
    func twoNetworks() throws {
        var fixture = try PlanFixture("""
            services:
              web:
                image: nginx
                networks: [a, b]
              job:
                image: busybox
                networks: [b]
            networks:
              a: {}
              b: {}
            """)
        let a = fixture.state.network(key: "a", hash: "old-a")
        let b = fixture.state.network(key: "b", hash: "old-b")
        fixture.state.container(service: "web", hash: fixture.hash("web"), networks: ["demo_a": a, "demo_b": b])
        fixture.state.container(service: "job", state: "exited", hash: fixture.hash("job"), networks: ["demo_b": b])
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, network a config changed",
            "[1] -> #2 service:web:1, DisconnectNetwork, network a recreate",
            "[2] -> #3 network:a, RemoveNetwork, config hash diverged",
            "[3] -> #4 network:a, CreateNetwork, recreate after config change",
            "[4] -> #5 service:web:1, ConnectNetwork, network a recreate",
            "[] -> #6 service:job:1, StopContainer, network b config changed",
            "[6] -> #7 service:job:1, DisconnectNetwork, network b recreate",
            "[1] -> #8 service:web:1, DisconnectNetwork, network b recreate",
            "[7,8] -> #9 network:b, RemoveNetwork, config hash diverged",
            "[9] -> #10 network:b, CreateNetwork, recreate after config change",
            "[10] -> #11 service:job:1, ConnectNetwork, network b recreate",
            "[10] -> #12 service:web:1, ConnectNetwork, network b recreate",
            "[11] -> #13 service:job:1, StartContainer, service start",
            "[1,5,12] -> #14 service:web:1, StartContainer, service start"))
    }

    @Test("A running container not connected to an existing network of its service is recreated")
    func networkMismatch() throws {
        var fixture = try PlanFixture(Self.web)
        fixture.addDefaultNetwork()
        fixture.addRunning("web", networkID: "some-other-network")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]",
            "[1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]",
            "[2] -> #3 service:web:1, RemoveContainer, replaced by #1 [recreate:web:1]",
            "[3] -> #4 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[4] -> #5 service:web:1, StartContainer, service start"))
    }

    @Test("Several live networks sharing a key: the one with the desired name wins, the others are reported")
    func leftoverNetworks() throws {
        var fixture = try PlanFixture(Self.web)
        fixture.state.network(key: "default", name: "a_leftover", id: "leftover", hash: "x")
        let networkID = fixture.addDefaultNetwork()
        fixture.addRunning("web", networkID: networkID)
        let plan = try fixture.plan()
        #expect(plan.isEmpty)
        #expect(plan.warnings.count == 1)
        #expect(plan.warnings.first?.contains("a_leftover") == true)
    }
}
