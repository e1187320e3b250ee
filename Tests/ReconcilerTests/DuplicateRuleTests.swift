import PlanModel
import Reconciler
import TestSupport
import Testing

/// Networks that Docker let two racing creates make twice (same name, same
/// labels), and volumes another tool copied: the plan keeps one and
/// removes the others, naming the one kept.
@Suite("Duplicate networks and volumes")
struct DuplicateRuleTests {
    static let web = """
        services:
          web:
            image: nginx
        """
    static let older = SnapshotBuilder.id("a1")
    static let newer = SnapshotBuilder.id("b2")

    @Test("Of two networks with the project's name, the one with endpoints is kept and the other removed")
    func keepsTheOneWithEndpoints() throws {
        var fixture = try PlanFixture(Self.web)
        fixture.state.network(key: "default", id: Self.older, hash: fixture.networkHash("default"), created: "2026-01-01T10:00:00.5Z")
        fixture.state.network(key: "default", id: Self.newer, hash: fixture.networkHash("default"), created: "2026-02-01T10:00:00Z")
        fixture.addRunning("web", networkID: Self.newer)
        let plan = try fixture.plan()
        #expect(plan.text == lines("[] -> #1 network:default, RemoveNetwork, duplicate of \(Self.newer)"))
        // The removal addresses the duplicate by id: its name is ambiguous.
        #expect(plan.nodes[0].details.networkID == Self.older)
    }

    @Test("Without endpoints the oldest is kept, and new containers are created once the name is unique again")
    func keepsTheOldest() throws {
        var fixture = try PlanFixture(Self.web)
        // Listed newest first: the order of the listing does not matter.
        fixture.state.network(key: "default", id: Self.newer, hash: fixture.networkHash("default"), created: "2026-02-01T10:00:00Z")
        fixture.state.network(key: "default", id: Self.older, hash: fixture.networkHash("default"), created: "2026-01-01T10:00:00.123456789Z")
        #expect(try fixture.text() == lines(
            "[] -> #1 network:default, RemoveNetwork, duplicate of \(Self.older)",
            "[1] -> #2 service:web:1, CreateContainer, no existing container",
            "[2] -> #3 service:web:1, StartContainer, service start"))
    }

    @Test("When both have endpoints, the oldest is kept and the other's containers move to it without a recreate")
    func movesEndpoints() throws {
        var fixture = try PlanFixture("""
            services:
              web:
                image: nginx
                scale: 2
            """)
        fixture.state.network(key: "default", id: Self.older, hash: fixture.networkHash("default"), created: "2026-01-01T10:00:00Z")
        fixture.state.network(key: "default", id: Self.newer, hash: fixture.networkHash("default"), created: "2026-02-01T10:00:00Z")
        fixture.addRunning("web", number: 1, networkID: Self.older)
        fixture.addRunning("web", number: 2, networkID: Self.newer)
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 service:web:2, DisconnectNetwork, network default duplicate removed",
            "[1] -> #2 service:web:2, ConnectNetwork, network default duplicate removed",
            "[1] -> #3 network:default, RemoveNetwork, duplicate of \(Self.older)"))
        #expect(plan.nodes.map(\.details.networkID) == [Self.newer, Self.older, Self.newer])
    }

    @Test("A duplicate of a diverged network is removed before the network is created again")
    func duplicateOfADivergedNetwork() throws {
        var fixture = try PlanFixture(Self.web)
        fixture.state.network(key: "default", id: Self.older, hash: "stale", created: "2026-01-01T10:00:00Z")
        fixture.state.network(key: "default", id: Self.newer, hash: "stale", created: "2026-02-01T10:00:00Z")
        fixture.addRunning("web", networkID: Self.newer)
        #expect(try fixture.text() == lines(
            "[] -> #1 network:default, RemoveNetwork, duplicate of \(Self.newer)",
            "[] -> #2 service:web:1, StopContainer, network default config changed",
            "[2] -> #3 service:web:1, DisconnectNetwork, network default recreate",
            "[3] -> #4 network:default, RemoveNetwork, config hash diverged",
            "[1,4] -> #5 network:default, CreateNetwork, recreate after config change",
            "[5] -> #6 service:web:1, ConnectNetwork, network default recreate",
            "[1,2,6] -> #7 service:web:1, StartContainer, service start"))
    }

    @Test("Networks of the key under another name are leftovers, left alone with a warning")
    func otherNamesAreNotDuplicates() throws {
        var fixture = try PlanFixture(Self.web)
        let networkID = fixture.addDefaultNetwork()
        fixture.state.network(key: "default", name: "demo_default_old", id: Self.older, hash: "old")
        fixture.addRunning("web", networkID: networkID)
        let plan = try fixture.plan()
        #expect(plan.isEmpty)
        #expect(plan.warnings.contains { $0.contains("demo_default_old") && $0.contains("leaving it untouched") })
    }

    @Test("A copied volume (same labels and hash, another name) that nothing mounts is removed; a mounted one or an old name is kept")
    func volumes() throws {
        let yaml = """
            services:
              web:
                image: nginx
                volumes: [data:/data]
            volumes:
              data: {}
            """
        var fixture = try PlanFixture(yaml)
        let networkID = fixture.addDefaultNetwork()
        fixture.state.volume(key: "data", hash: fixture.volumeHash("data"))
        fixture.state.volume(key: "data", name: "demo_data_copy", hash: fixture.volumeHash("data"))
        fixture.state.volume(key: "data", name: "demo_data_renamed", hash: "old")
        fixture.addRunning("web", networkID: networkID, volumes: [(name: "demo_data", destination: "/data")])
        #expect(try fixture.text() == lines("[] -> #1 volume:data, RemoveVolume, duplicate of demo_data"))
        #expect(try fixture.plan().nodes[0].details.name == "demo_data_copy")
        // Mounted by a container (a one-off here): its data is in use, it stays.
        fixture.state.container(service: "web", number: 1, state: "exited", hash: "x", id: SnapshotBuilder.id("c0ffee"),
                                name: "demo-web-run-1", volumes: [(name: "demo_data_copy", destination: "/data")], oneOff: true)
        let plan = try fixture.plan()
        #expect(plan.isEmpty)
        #expect(plan.warnings.contains { $0.contains("demo_data_copy") })
    }
}
