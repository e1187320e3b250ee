import ComposeModel
import DockerModel
import Engine
import PlanModel
import Testing

/// The simulated Swarm's scheduling, task progress, rolling updates,
/// observation and seeding.
@Suite struct SimulatedSwarmBehaviorTests {
    static let nodes: [SimulatedSwarmNode] = [
        .manager("m1"), .worker("w1", labels: ["zone": "a"]), .worker("w2", labels: ["zone": "b"]),
    ]

    func engine(nodes: [SimulatedSwarmNode] = nodes, taskStart: Duration = .zero, images: Set<String>? = nil) async -> SimulatedEngine {
        await SimulatedEngine(configuration: .init(latency: .fixed([:], taskStart: taskStart), knownImages: images, swarmNodes: nodes))
    }

    func tasks(_ engine: SimulatedEngine, _ service: String) async throws -> [SwarmTaskSummary] {
        try await engine.tasks(ofService: service).map(SwarmTaskSummary.init)
    }

    /// Hostnames of the service's running tasks, sorted.
    func hosts(_ engine: SimulatedEngine, _ service: String) async throws -> [String] {
        try await tasks(engine, service).filter { $0.desiredState == "running" && $0.state == "running" }
            .map { task in Self.nodes.first { $0.id == task.nodeID }?.hostname ?? "?" }.sorted()
    }

    @Test func constraintsPlaceTasksOnThreeNodes() async throws {
        let engine = await engine()
        _ = try await engine.createService(SwarmBodies.service("s_workers", replicas: 4, constraints: ["node.role==worker"]))
        #expect(try await hosts(engine, "s_workers") == ["w1", "w1", "w2", "w2"])
        _ = try await engine.createService(SwarmBodies.service("s_zone", replicas: 2, constraints: ["node.labels.zone==a"]))
        #expect(try await hosts(engine, "s_zone") == ["w1", "w1"])
        _ = try await engine.createService(SwarmBodies.service("s_spread", replicas: 3, constraints: ["node.hostname!=w2"]))
        // Spread: the fewest tasks of the service first, then the fewest tasks.
        #expect(try await hosts(engine, "s_spread") == ["m1", "m1", "w1"])
        let manager = Self.nodes[0].id
        _ = try await engine.createService(SwarmBodies.service("s_pinned", replicas: 2,
                                                               constraints: ["node.id==\(manager)", "node.role == manager"]))
        #expect(try await hosts(engine, "s_pinned") == ["m1", "m1"])
        #expect(try await tasks(engine, "s_pinned").map(\.slot) == [1, 2])
    }

    @Test func aTaskNoNodeSuitsStaysPending() async throws {
        let engine = await engine()
        _ = try await engine.createService(SwarmBodies.service("s_web", replicas: 1, constraints: ["node.labels.zone==c"]))
        let task = try #require(try await tasks(engine, "s_web").first)
        #expect(task.state == "pending")
        #expect(task.desiredState == "running")
        #expect(task.nodeID.isEmpty)
        #expect(task.error == "no suitable node (scheduling constraints not satisfied on 3 nodes)")
        // A node that suits it joins: the task is placed and runs.
        await engine.setSwarmNode(.worker("w3", labels: ["zone": "c"]))
        let placed = try #require(try await tasks(engine, "s_web").first)
        #expect(placed.state == "running")
        #expect(placed.nodeID == SimulatedSwarmNode.worker("w3").id)
    }

    @Test func maxReplicasPerNode() async throws {
        let engine = await engine()
        _ = try await engine.createService(SwarmBodies.service("s_web", replicas: 4, maxReplicas: 1))
        let all = try await tasks(engine, "s_web")
        #expect(all.filter { $0.state == "running" }.count == 3)
        #expect(Set(all.filter { $0.state == "running" }.map(\.nodeID)).count == 3)
        let pending = try #require(all.first { $0.state == "pending" })
        #expect(pending.error == "no suitable node (max replicas per node limit exceed)")
        // Scaling down frees a node: nothing pends any more.
        let service = SwarmServiceSummary(try await engine.inspectService("s_web"))
        try await engine.updateService(service.id, version: service.version, spec: SwarmBodies.service("s_web", replicas: 3, maxReplicas: 1))
        #expect(try await tasks(engine, "s_web").filter { $0.desiredState == "running" }.map(\.state) == ["running", "running", "running"])
    }

    @Test func globalModeRunsOneTaskPerEligibleNode() async throws {
        let engine = await engine()
        _ = try await engine.createService(SwarmBodies.service("s_agent", global: true, constraints: ["node.role==worker"]))
        let agents = try await tasks(engine, "s_agent")
        #expect(try await hosts(engine, "s_agent") == ["w1", "w2"])
        #expect(agents.allSatisfy { $0.slot == 0 })
        await engine.setSwarmNode(.worker("w3"))
        #expect(try await tasks(engine, "s_agent").filter { $0.state == "running" }.count == 3)
        var drained = SimulatedSwarmNode.worker("w1", labels: ["zone": "a"])
        drained.availability = "drain"
        await engine.setSwarmNode(drained)
        let after = try await tasks(engine, "s_agent")
        #expect(after.filter { $0.desiredState == "running" }.count == 2)
        #expect(after.contains { $0.nodeID == drained.id && $0.state == "shutdown" })
    }

    @Test func tasksStartOnTheSwarmClock() async throws {
        let engine = await engine(taskStart: .seconds(30))
        _ = try await engine.createService(SwarmBodies.service("s_web", replicas: 2))
        #expect(try await tasks(engine, "s_web").map(\.state) == ["starting", "starting"])
        await engine.advanceSwarmClock(by: .seconds(29))
        #expect(try await tasks(engine, "s_web").map(\.state) == ["starting", "starting"])
        await engine.advanceSwarmClock(by: .seconds(1))
        #expect(try await tasks(engine, "s_web").map(\.state) == ["running", "running"])
    }

    @Test func aRollingUpdateReplacesTasksInBatches() async throws {
        let engine = await engine(taskStart: .seconds(10))
        let update: [String: JSONValue] = ["Parallelism": 2, "Delay": .int(5_000_000_000), "Order": "stop-first"]
        let id = try await engine.createService(SwarmBodies.service("s_web", replicas: 4, update: update))
        await engine.advanceSwarmClock(by: .seconds(10))
        let created = SwarmServiceSummary(try await engine.inspectService(id))
        #expect(created.updateState.isEmpty)
        try await engine.updateService(id, version: created.version,
                                       spec: SwarmBodies.service("s_web", image: "nginx:1.26", replicas: 4, update: update))
        func images() async throws -> [String] {
            try await tasks(engine, id).filter { $0.desiredState == "running" }
                .map { "\($0.spec["ContainerSpec"]?["Image"]?.stringValue ?? "")/\($0.state)" }.sorted()
        }
        #expect(SwarmServiceSummary(try await engine.inspectService(id)).updateState == "updating")
        #expect(try await images() == ["nginx:1.25/running", "nginx:1.25/running", "nginx:1.26/starting", "nginx:1.26/starting"])
        #expect(try await tasks(engine, id).filter { $0.state == "shutdown" }.count == 2)
        await engine.advanceSwarmClock(by: .seconds(10))
        // The first batch runs; the second waits for the delay.
        #expect(try await images() == ["nginx:1.25/running", "nginx:1.25/running", "nginx:1.26/running", "nginx:1.26/running"])
        await engine.advanceSwarmClock(by: .seconds(5))
        #expect(try await images() == ["nginx:1.26/running", "nginx:1.26/running", "nginx:1.26/starting", "nginx:1.26/starting"])
        #expect(SwarmServiceSummary(try await engine.inspectService(id)).updateState == "updating")
        await engine.advanceSwarmClock(by: .seconds(10))
        #expect(try await images() == Array(repeating: "nginx:1.26/running", count: 4))
        let done = SwarmServiceSummary(try await engine.inspectService(id))
        #expect(done.updateState == "completed")
        #expect(done.updateMessage == "update completed")
        #expect(try await engine.inspectService(id)["PreviousSpec"]?["TaskTemplate"]?["ContainerSpec"]?["Image"] == "nginx:1.25")
    }

    @Test func startFirstKeepsTheOldTaskUntilTheNewOneRuns() async throws {
        let engine = await engine(taskStart: .seconds(10))
        let update: [String: JSONValue] = ["Parallelism": 0, "Order": "start-first"]
        let id = try await engine.createService(SwarmBodies.service("s_web", replicas: 2, update: update))
        await engine.advanceSwarmClock(by: .seconds(10))
        let service = SwarmServiceSummary(try await engine.inspectService(id))
        try await engine.updateService(id, version: service.version,
                                       spec: SwarmBodies.service("s_web", image: "nginx:1.26", replicas: 2, update: update))
        let during = try await tasks(engine, id).filter { $0.desiredState == "running" }
        #expect(during.count == 4)
        #expect(during.filter { $0.state == "running" }.count == 2)
        await engine.advanceSwarmClock(by: .seconds(10))
        let after = try await tasks(engine, id).filter { $0.desiredState == "running" }
        #expect(after.map(\.state) == ["running", "running"])
        #expect(SwarmServiceSummary(try await engine.inspectService(id)).updateState == "completed")
    }

    @Test func aScaleIsNoUpdate() async throws {
        let engine = await engine()
        let id = try await engine.createService(SwarmBodies.service("s_web", replicas: 1))
        let service = SwarmServiceSummary(try await engine.inspectService(id))
        try await engine.updateService(id, version: service.version, spec: SwarmBodies.service("s_web", replicas: 3))
        let scaled = try await engine.inspectService(id)
        #expect(scaled["UpdateStatus"] == nil)
        #expect(scaled["PreviousSpec"]?["Mode"]?["Replicated"]?["Replicas"] == 1)
        #expect(try await tasks(engine, id).map(\.slot) == [1, 2, 3])
    }

    @Test func aMissingImageFailsAndRestarts() async throws {
        let engine = await engine(images: ["nginx:1.25"])
        let id = try await engine.createService(SwarmBodies.service("s_web", image: "nginx:nope"))
        let first = try await tasks(engine, id)
        #expect(first.map(\.state) == ["rejected"])
        #expect(first[0].error == "No such image: nginx:nope")
        #expect(first[0].desiredState == "running")
        await engine.advanceSwarmClock(by: .seconds(5))
        let second = try await tasks(engine, id)
        #expect(second.map(\.state) == ["rejected", "rejected"])
        #expect(second.map(\.desiredState) == ["shutdown", "running"])
        await engine.advanceSwarmClock(by: .seconds(60))
        #expect(try await tasks(engine, id).count == 6)  // five in history, one wanted
        // An update to an image that exists converges.
        let service = SwarmServiceSummary(try await engine.inspectService(id))
        try await engine.updateService(id, version: service.version, spec: SwarmBodies.service("s_web"))
        #expect(try await tasks(engine, id).filter { $0.desiredState == "running" }.map(\.state) == ["running"])
    }

    @Test func aFailingUpdatePauses() async throws {
        let engine = await engine(images: ["nginx:1.25"])
        let id = try await engine.createService(SwarmBodies.service("s_web", replicas: 2))
        let service = SwarmServiceSummary(try await engine.inspectService(id))
        try await engine.updateService(id, version: service.version, spec: SwarmBodies.service("s_web", image: "nginx:nope", replicas: 2))
        let paused = SwarmServiceSummary(try await engine.inspectService(id))
        #expect(paused.updateState == "paused")
        #expect(paused.updateMessage.hasPrefix("update paused due to failure or early termination of task "))
        // The second slot was never updated.
        #expect(try await tasks(engine, id).filter { $0.state == "running" }.count == 1)
    }

    @Test func answersAreShapedLikeTheDaemons() async throws {
        let engine = await engine()
        let network = try await engine.createSwarmNetwork(SwarmBodies.network("s_default"))
        let secret = try await engine.createSecret(SwarmBodies.file("s_password"))
        let id = try await engine.createService(SwarmBodies.service("s_web", networks: ["s_default"], secrets: [("s_password", secret)]))
        let entry = try await engine.inspectService(id)
        let spec = try #require(entry["Spec"])
        // As Engine 20.10's GET /services stores a spec sent without them
        // (checked on the test daemon): no stop grace period, restart policy,
        // update or rollback config is filled in; these are.
        #expect(spec["TaskTemplate"]?["ContainerSpec"]?["StopGracePeriod"] == nil)
        #expect(spec["TaskTemplate"]?["ContainerSpec"]?["Isolation"] == "default")
        #expect(spec["TaskTemplate"]?["ContainerSpec"]?["Privileges"] == ["CredentialSpec": .null, "SELinuxContext": .null])
        #expect(spec["TaskTemplate"]?["RestartPolicy"] == nil)
        #expect(spec["TaskTemplate"]?["Runtime"] == "container")
        #expect(spec["TaskTemplate"]?["ForceUpdate"] == 0)
        #expect(spec["TaskTemplate"]?["Networks"]?.arrayValue?.first?["Target"]?.stringValue == network)
        #expect(spec["UpdateConfig"] == nil)
        #expect(spec["RollbackConfig"] == nil)
        #expect(spec["EndpointSpec"]?["Mode"] == "vip")
        #expect(spec["Mode"]?["Replicated"]?["Replicas"] == 1)
        #expect(entry["Endpoint"]?["VirtualIPs"]?.arrayValue?.first?["NetworkID"]?.stringValue == network)
        let task = try #require(try await engine.tasks(ofService: "s_web").first)
        #expect(task["Spec"] == spec["TaskTemplate"])
        #expect(task["Status"]?["State"] == "running")
        #expect(task["Status"]?["Message"] == "started")
        #expect(task["DesiredState"] == "running")
        #expect(task["Slot"] == 1)
        let snapshot = try await engine.swarmSnapshot(stack: "s")
        let listed = try #require(snapshot.networks.first { $0["Name"] == "s_default" })
        #expect(listed["Scope"] == "swarm")
        #expect(listed["Driver"] == "overlay")
        let node = try #require(snapshot.swarm?.nodes.first)
        #expect(SwarmNodeSummary(node) == SwarmNodeSummary(["ID": .string(Self.nodes[0].id), "Description": ["Hostname": "m1"],
                                                            "Spec": ["Role": "manager", "Availability": "active", "Labels": [:]],
                                                            "Status": ["State": "ready"]]))
        #expect(try await engine.secretID(named: "s_password") == secret)
        #expect(try await engine.configID(named: "s_password") == nil)
        // Another stack's services are not in the snapshot.
        _ = try await engine.createService(SwarmBodies.service("t_web", labels: [StackLabel.namespace: "t"]))
        #expect((try await engine.swarmSnapshot(stack: "s")).swarm?.services.count == 1)
    }

    @Test func aSnapshotSeedsTheSwarmAndIsAnsweredBack() async throws {
        let first = await engine(taskStart: .seconds(1))
        _ = try await first.createSwarmNetwork(SwarmBodies.network("s_default"))
        let secret = try await first.createSecret(SwarmBodies.file("s_password"))
        _ = try await first.createConfig(SwarmBodies.file("s_nginx"))
        let id = try await first.createService(SwarmBodies.service("s_web", replicas: 3, networks: ["s_default"],
                                                                  secrets: [("s_password", secret)]))
        await first.advanceSwarmClock(by: .seconds(1))
        let snapshot = try await first.swarmSnapshot(stack: "s")

        // Nodes come from the snapshot, not the configuration.
        let seeded = await SimulatedEngine(configuration: .init(latency: .fixed([:], taskStart: .seconds(1))), seed: snapshot)
        let again = try await seeded.swarmSnapshot(stack: "s")
        #expect(again.swarm?.services == snapshot.swarm?.services)
        #expect(again.swarm?.secrets == snapshot.swarm?.secrets)
        #expect(again.swarm?.configs == snapshot.swarm?.configs)
        #expect(again.swarm?.nodes.map(SwarmNodeSummary.init) == snapshot.swarm?.nodes.map(SwarmNodeSummary.init))
        #expect(again.swarm?.tasks.map(SwarmTaskSummary.init) == snapshot.swarm?.tasks.map(SwarmTaskSummary.init))
        #expect(again.networkSummaries.map(\.name) == snapshot.networkSummaries.map(\.name))

        // The seeded Swarm goes on from there: same ids, versions and rules.
        let service = SwarmServiceSummary(try await seeded.inspectService("s_web"))
        #expect(service.id == id)
        try await seeded.updateService(id, version: service.version,
                                       spec: SwarmBodies.service("s_web", replicas: 3, networks: ["s_default"], secrets: [("s_password", secret)],
                                                                 labels: ["tier": "front"]))
        await #expect(throws: EngineError.self) { try await seeded.removeSecret("s_password") }
        await #expect(throws: EngineError.self) { _ = try await seeded.createService(SwarmBodies.service("s_web")) }
        #expect(await seeded.violations.count == 2)
        #expect(try await seeded.tasks(ofService: id).count == 3)
    }
}
