import ComposeModel
import Engine
import Executor
import PlanModel
import Testing

/// Whole plans on the simulated daemon: what ends up on the engine is what
/// the reconciler will compare with on the next plan.
@Suite struct SimulatedRunTests {
    var db: ServiceConfig {
        var service = ExecutableFixture.service("db", networks: ["back"])
        service.volumes = [ServiceVolume(type: .volume, source: "data", target: "/data"),
                           ServiceVolume(type: .volume, source: nil, target: "/cache")]
        return service
    }

    var web: ServiceConfig {
        var service = ExecutableFixture.service("web", networks: ["default", "back"])
        service.dependsOn = ["db": ServiceDependency()]
        return service
    }

    var sidecar: ServiceConfig {
        var service = ExecutableFixture.service("sidecar", networks: [])
        service.networkMode = "service:web"
        service.volumesFrom = ["db:ro"]
        service.dependsOn = ["web": ServiceDependency(), "db": ServiceDependency()]
        return service
    }

    /// Networks, a volume, db → web → sidecar (sharing web's network and db's volumes).
    func upPlan() -> ExecutableFixture {
        var builder = ExecutableFixture()
        let back = builder.createNetwork("back")
        let network = builder.createNetwork("default")
        let volume = builder.createVolume("data")
        let dbCreate = builder.createContainer(db, after: [back, volume])
        let dbStart = builder.start(db, createdBy: dbCreate, after: [dbCreate])
        let webCreate = builder.createContainer(web, after: [back, network, dbStart])
        let webStart = builder.start(web, createdBy: webCreate, after: [webCreate, dbStart])
        let sidecarCreate = builder.createContainer(sidecar, after: [dbStart, webStart])
        builder.start(sidecar, createdBy: sidecarCreate, after: [sidecarCreate, dbStart, webStart])
        return builder
    }

    @Test func anUpLeavesWhatTheReconcilerExpects() async throws {
        let engine = await SimulatedEngine(configuration: .init(knownImages: ["composeplan-test/busybox:latest"]))
        let builder = upPlan()
        let record = await builder.run(on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(await engine.violations.isEmpty)

        let snapshot = try await engine.snapshot(project: "demo")
        let containers = Dictionary(uniqueKeysWithValues: snapshot.containerSummaries.map { ($0.service ?? "", $0) })
        #expect(Set(containers.keys) == ["db", "web", "sidecar"])
        let dbID = try #require(containers["db"]?.id)
        let webID = try #require(containers["web"]?.id)
        for service in [db, web] {
            let summary = try #require(containers[service.name])
            #expect(summary.name == "demo-\(service.name)-1")
            #expect(summary.state == "running")
            #expect(summary.number == 1)
            #expect(!summary.isOneOff)
            #expect(summary.configHash == ConfigHasher.hash(service: service))
            #expect(summary.labels[ComposeLabel.dependsOn] == ComposeLabel.dependsOnValue(service.dependsOn))
        }
        // service:X references resolved to the containers created earlier in the run.
        let resolved = ConfigHasher.resolvingReferences(in: sidecar) { ["web": webID, "db": dbID][$0] }
        #expect(resolved.networkMode == "container:\(webID)")
        #expect(containers["sidecar"]?.configHash == ConfigHasher.hash(service: resolved))
        let sidecarInspection = try await engine.inspectContainer("demo-sidecar-1")
        #expect(sidecarInspection.json["HostConfig"]?["NetworkMode"] == .string("container:\(webID)"))
        #expect(Set(sidecarInspection.mounts.map(\.destination)) == ["/data", "/cache"])

        let networks = Dictionary(uniqueKeysWithValues: snapshot.networkSummaries.map { ($0.composeKey ?? "", $0) })
        #expect(containers["web"]?.networks == ["demo_default": networks["default"]!.id, "demo_back": networks["back"]!.id])
        #expect(networks["default"]?.configHash == ConfigHasher.hash(network: builder.project.networks["default"]!))
        #expect(snapshot.volumeSummaries.map(\.composeKey) == ["data"])
        #expect(containers["db"]?.mounts.contains { $0.name == "demo_data" && $0.destination == "/data" } == true)

        // A dry run seeded from this snapshot starts from the same state.
        let seeded = await SimulatedEngine(seed: snapshot)
        let again = try await seeded.snapshot(project: "demo")
        #expect(StateFingerprint(snapshot: again, project: "demo") == StateFingerprint(snapshot: snapshot, project: "demo"))
    }

    @Test func aRecreateInheritsAnonymousVolumesAndTakesTheFinalName() async throws {
        let engine = await SimulatedEngine()
        #expect(await upPlan().run(on: engine).outcome == .succeeded)
        let old = try await engine.inspectContainer("demo-db-1")
        let oldCache = try #require(old.anonymousVolumes["/cache"])

        var changed = db
        changed.environment = ["MODE": "fast"]
        var builder = ExecutableFixture()
        let group = "recreate:db:1"
        let reference = ContainerReference(id: old.id, name: old.name)
        let create = builder.createContainer(changed, name: "\(old.id.prefix(12))_demo-db-1", inheritFrom: reference, group: group)
        let stop = builder.add(.stopContainer, "service:db:1", after: [create], group: group,
                               OperationDetails(service: "db", number: 1, container: reference, timeout: 1))
        let remove = builder.add(.removeContainer, "service:db:1", after: [stop], group: group,
                                 OperationDetails(service: "db", number: 1, container: reference))
        let rename = builder.add(.renameContainer, "service:db:1", after: [remove], group: group,
                                 OperationDetails(service: "db", number: 1, name: "demo-db-1", createdBy: create))
        builder.start(changed, createdBy: create, after: [rename])
        let record = await builder.run(on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(await engine.violations.isEmpty)

        let new = try await engine.inspectContainer("demo-db-1")
        #expect(new.id == record.node(create)?.result)
        #expect(new.id != old.id)
        #expect(new.isRunning)
        #expect(new.anonymousVolumes["/cache"] == oldCache)
        #expect(new.labels[ComposeLabel.configHash] == ConfigHasher.hash(service: changed))
        let dbs = try await engine.snapshot(project: "demo").containerSummaries.filter { $0.service == "db" }
        #expect(dbs.map(\.name) == ["demo-db-1"])
    }

    @Test func theSimulatorRejectsAPlanADaemonWouldReject() async throws {
        let engine = await SimulatedEngine()
        #expect(await upPlan().run(on: engine).outcome == .succeeded)
        let running = try await engine.inspectContainer("demo-web-1")
        var builder = ExecutableFixture()
        // Removing a running container without stopping it first.
        let remove = builder.add(.removeContainer, "service:web:1",
                                 OperationDetails(service: "web", number: 1, container: ContainerReference(id: running.id, name: running.name)))
        let network = builder.add(.removeNetwork, "network:default", after: [remove], OperationDetails(name: "demo_default", key: "default"))
        let record = await builder.run(on: engine)
        #expect(record.statuses == [remove: .failed, network: .skipped])
        #expect(record.node(remove)?.error?.contains("You cannot remove a running container") == true)
        let violations = await engine.violations
        #expect(violations.map(\.operation) == [.removeContainer])
        #expect(violations.first?.error.status == 409)
    }

    @Test func aMissingImageIsAClearError() async throws {
        let engine = await SimulatedEngine(configuration: .init(knownImages: []))
        var builder = ExecutableFixture()
        let network = builder.createNetwork("default")
        let create = builder.createContainer(ExecutableFixture.service("web"), after: [network])
        let record = await builder.run(on: engine)
        #expect(record.node(create)?.status == .failed)
        #expect(record.node(create)?.error == "image composeplan-test/busybox:latest is not present on the engine and the plan does not pull it; run plan again to pull it: No such image: composeplan-test/busybox:latest (HTTP 404)")
    }
}
