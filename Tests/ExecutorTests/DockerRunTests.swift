import ComposeModel
import Engine
import Executor
import Foundation
import PlanModel
import Testing

/// The test daemon's address, from `COMPOSEPLAN_TEST_DOCKER_HOST`.
enum TestDaemonAddress {
    static let host: String? = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_HOST"].flatMap { $0.isEmpty ? nil : $0 }
}

/// Hand-made plans executed end to end on a real daemon
/// (`COMPOSEPLAN_TEST_DOCKER_HOST`; skipped when it is not set, failed when it
/// is set but unreachable).
@Suite(.enabled(if: TestDaemonAddress.host != nil,
                "COMPOSEPLAN_TEST_DOCKER_HOST is not set: no Docker daemon to test against (start one with scripts/start-test-daemon.sh)"),
       .serialized)
struct DockerRunTests {
    func project(_ name: String) -> ProjectContext {
        ProjectContext(name: name, workingDirectory: "/tmp/\(name)", configFiles: ["/tmp/\(name)/compose.yaml"],
                       networks: ["default": NetworkConfig(name: "\(name)_default")],
                       volumes: ["data": VolumeConfig(name: "\(name)_data")])
    }

    var db: ServiceConfig {
        var service = ExecutableFixture.service("db")
        var healthcheck = Healthcheck(test: ["CMD", "true"])
        healthcheck.interval = ComposeDuration(seconds: 0.2)
        healthcheck.retries = 3
        service.healthcheck = healthcheck
        service.volumes = [ServiceVolume(type: .volume, source: "data", target: "/data"),
                           ServiceVolume(type: .volume, source: nil, target: "/cache")]
        return service
    }

    var web: ServiceConfig {
        var service = ExecutableFixture.service("web")
        service.dependsOn = ["db": ServiceDependency(condition: .healthy)]
        return service
    }

    var sidecar: ServiceConfig {
        var service = ExecutableFixture.service("sidecar", networks: [])
        service.networkMode = "service:web"
        service.dependsOn = ["web": ServiceDependency()]
        return service
    }

    @Test func aPlanRunsEndToEndOnTheDaemon() async throws {
        let name = "cprun-\(UInt32.random(in: 0...UInt32.max))"
        let engine = try await DockerEngine.connect(host: TestDaemonAddress.host)
        do {
            try await runPlans(name: name, engine: engine)
        } catch {
            await Self.removeEverything(of: name, on: engine)
            try? await engine.shutdown()
            throw error
        }
        await Self.removeEverything(of: name, on: engine)
        try await engine.shutdown()
    }

    private func runPlans(name: String, engine: DockerEngine) async throws {
        var up = ExecutableFixture(project: project(name))
        let network = up.createNetwork("default")
        let volume = up.createVolume("data")
        let dbCreate = up.createContainer(db, after: [network, volume])
        let dbStart = up.start(db, createdBy: dbCreate, after: [dbCreate])
        let webCreate = up.createContainer(web, after: [network, dbStart])
        let wait = up.wait(for: "db", .healthy, timeout: 30, after: [dbStart])
        let webStart = up.start(web, createdBy: webCreate, after: [webCreate, dbStart, wait])
        let sidecarCreate = up.createContainer(sidecar, after: [webStart])
        up.start(sidecar, createdBy: sidecarCreate, after: [sidecarCreate, webStart])

        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        let record = await up.run(on: engine, options: ExecutorOptions(pollInterval: .milliseconds(100)), events: sink)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(record.engine.kind == "docker")
        var finished = 0
        for await event in events where event.kind == .finished { finished += 1 }
        #expect(finished == up.nodes.count)

        let snapshot = try await engine.snapshot(project: name)
        let containers = Dictionary(uniqueKeysWithValues: snapshot.containerSummaries.map { ($0.service ?? "", $0) })
        #expect(Set(containers.keys) == ["db", "web", "sidecar"])
        #expect(containers.values.allSatisfy { $0.state == "running" })
        #expect(containers["db"]?.configHash == ConfigHasher.hash(service: db))
        let webID = try #require(containers["web"]?.id)
        #expect(containers["sidecar"]?.configHash
            == ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: sidecar) { $0 == "web" ? webID : nil }))
        #expect(try await engine.inspectContainer(containers["sidecar"]!.id).json["HostConfig"]?["NetworkMode"]
            == .string("container:\(webID)"))
        #expect(try await engine.inspectContainer(containers["db"]!.id).health == "healthy")

        // Recreate db: the replacement inherits its anonymous volume and takes the final name.
        let old = try await engine.inspectContainer("\(name)-db-1")
        let reference = ContainerReference(id: old.id, name: old.name)
        var changed = db
        changed.environment = ["MODE": "2"]
        var recreate = ExecutableFixture(project: project(name))
        let create = recreate.createContainer(changed, name: "\(old.id.prefix(12))_\(name)-db-1", inheritFrom: reference)
        let stop = recreate.add(.stopContainer, "service:db:1", after: [create],
                                OperationDetails(service: "db", number: 1, container: reference, timeout: 1))
        let remove = recreate.add(.removeContainer, "service:db:1", after: [stop], OperationDetails(container: reference))
        let rename = recreate.add(.renameContainer, "service:db:1", after: [remove],
                                  OperationDetails(service: "db", number: 1, name: "\(name)-db-1", createdBy: create))
        recreate.start(changed, createdBy: create, after: [rename])
        let second = await recreate.run(on: engine)
        #expect(second.outcome == .succeeded, "\(second.nodes.compactMap(\.error))")
        let new = try await engine.inspectContainer("\(name)-db-1")
        #expect(new.id == second.node(create)?.result)
        #expect(new.isRunning)
        #expect(new.anonymousVolumes["/cache"] == old.anonymousVolumes["/cache"])
        #expect(new.labels[ComposeLabel.configHash] == ConfigHasher.hash(service: changed))
    }

    @Test func callsRunInParallelBeyondEightConnections() async throws {
        let name = "cpwide-\(UInt32.random(in: 0...UInt32.max))"
        let engine = try await DockerEngine.connect(host: TestDaemonAddress.host)
        var builder = ExecutableFixture(project: project(name))
        let network = builder.createNetwork("default")
        for index in 1...16 {
            let service = ExecutableFixture.service("s\(index)")
            let create = builder.createContainer(service, after: [network])
            builder.start(service, createdBy: create, after: [create])
        }
        let record = await builder.run(on: engine)
        await Self.removeEverything(of: name, on: engine)
        try await engine.shutdown()
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        // AsyncHTTPClient's default pool (8 connections) would cap this at 8.
        #expect(record.maximumOverlap > 8)
    }

    static func removeEverything(of project: String, on engine: any ContainerEngine) async {
        guard let snapshot = try? await engine.snapshot(project: project) else { return }
        var anonymous: Set<String> = []
        for container in snapshot.containerSummaries.sorted(by: { $0.service == "sidecar" && $1.service != "sidecar" }) {
            for mount in container.mounts where DockerID.isFullID(mount.name) { anonymous.insert(mount.name) }
            try? await engine.removeContainer(container.id, force: true)
        }
        for network in snapshot.networkSummaries { try? await engine.removeNetwork(network.id) }
        for volume in snapshot.volumeSummaries { try? await engine.removeVolume(volume.name) }
        for volume in anonymous { try? await engine.removeVolume(volume) }
    }
}
