import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Testing

/// `DockerEngine` against a real daemon (Engine 20.10 in CI).
@Suite(.enabled(if: TestDaemon.isConfigured, TestDaemon.skipReason), .serialized)
struct DockerEngineTests {
    func project(_ name: String) -> ProjectContext {
        ProjectContext(name: name, workingDirectory: "/tmp/\(name)", configFiles: ["/tmp/\(name)/compose.yaml"],
                       networks: ["default": NetworkConfig(name: "\(name)_default"), "back": NetworkConfig(name: "\(name)_back")],
                       volumes: ["data": VolumeConfig(name: "\(name)_data")])
    }

    func service(_ name: String) -> ServiceConfig {
        var service = ServiceConfig(name: name)
        service.image = TestDaemon.image
        service.command = ["sleep", "3600"]
        service.`init` = true
        service.stopGracePeriod = ComposeDuration(seconds: 1)
        service.networks = ["default": ServiceNetworkAttachment()]
        return service
    }

    @Test func negotiatesTheAPIVersion() async throws {
        let engine = try await DockerEngine.connect(host: TestDaemon.host)
        #expect(engine.apiVersion == "1.41")
        let identity = try await engine.identity()
        #expect(identity.kind == "docker")
        #expect(identity.apiVersion == "1.41")
        #expect(identity.host == TestDaemon.host)
        #expect(identity.version?.hasPrefix("20.10") == true)
        try await engine.shutdown()
        try await engine.shutdown()
    }

    @Test func containerLifecycleAndSnapshot() async throws {
        let name = TestDaemon.uniqueProject("cpdocker")
        let context = project(name)
        try await TestDaemon.withEngine(project: name) { engine in
            let networkID = try await engine.createNetwork(NetworkCreateRequest(
                key: "default", name: "\(name)_default", network: context.networks["default"]!, project: name))
            _ = try await engine.createNetwork(NetworkCreateRequest(
                key: "back", name: "\(name)_back", network: context.networks["back"]!, project: name))
            #expect(try await engine.createVolume(VolumeCreateRequest(key: "data", name: "\(name)_data",
                                                                      volume: context.volumes["data"]!, project: name)) == "\(name)_data")
            var web = service("web")
            web.networks["back"] = ServiceNetworkAttachment()
            web.volumes = [ServiceVolume(type: .volume, source: "data", target: "/data"),
                           ServiceVolume(type: .volume, source: nil, target: "/cache")]
            web.labels = ["tier": "front"]
            let request = try ContainerCreateRequest(service: web, project: context, number: 1, name: "\(name)-web-1",
                                                     configHash: "hash-1")
            let id = try await engine.createContainer(request)
            #expect(DockerID.isFullID(id))
            #expect(try await engine.startContainer(id) == .changed)
            #expect(try await engine.startContainer(id) == .unchanged)

            let inspection = try await engine.inspectContainer(id)
            #expect(inspection.isRunning)
            #expect(inspection.name == "\(name)-web-1")
            #expect(inspection.labels[ComposeLabel.configHash] == "hash-1")
            #expect(inspection.labels["tier"] == "front")
            #expect(inspection.health == nil)
            #expect(Set(inspection.networks.keys) == ["\(name)_default", "\(name)_back"])
            #expect(inspection.anonymousVolumes.keys.sorted() == ["/cache"])

            // The snapshot holds the API's own objects, with the fields formats.md reads.
            let snapshot = try await engine.snapshot(project: name)
            #expect(snapshot.engine?["ApiVersion"] == "1.41")
            let entry = try #require(snapshot.containers.first)
            #expect(entry["Names"] == .array([.string("/\(name)-web-1")]))
            #expect(entry["State"] == "running")
            #expect(entry["Created"]?.intValue != nil)
            let summary = ContainerSummary(entry)
            #expect(summary.id == id)
            #expect(summary.labels[ComposeLabel.project] == name)
            #expect(summary.labels[ComposeLabel.service] == "web")
            #expect(summary.number == 1)
            #expect(summary.networks["\(name)_default"] == networkID)
            let mounts = Dictionary(uniqueKeysWithValues: summary.mounts.map { ($0.destination, $0) })
            #expect(mounts["/data"]?.type == "volume")
            #expect(mounts["/data"]?.name == "\(name)_data")
            #expect(DockerID.isFullID(mounts["/cache"]?.name ?? ""))
            #expect(Set(snapshot.networkSummaries.map(\.name)) == ["\(name)_default", "\(name)_back"])
            let network = try #require(snapshot.networkSummaries.first { $0.id == networkID })
            #expect(network.composeKey == "default")
            #expect(network.configHash == ConfigHasher.hash(network: context.networks["default"]!))
            let volume = try #require(snapshot.volumeSummaries.first)
            #expect(volume.name == "\(name)_data")
            #expect(volume.driver == "local")
            #expect(volume.configHash == ConfigHasher.hash(volume: context.volumes["data"]!))

            try await engine.renameContainer(id, to: "\(name)-web-renamed")
            #expect(try await engine.inspectContainer(id).name == "\(name)-web-renamed")
            #expect(try await engine.stopContainer(id, timeout: 1) == .changed)
            #expect(try await engine.stopContainer(id, timeout: 1) == .unchanged)
            #expect(try await engine.inspectContainer(id).status == "exited")
            try await engine.disconnectContainer(id, from: "\(name)_back", force: false)
            try await engine.connectContainer(id, to: NetworkEndpoint(network: "\(name)_back", service: "web",
                                                                      containerName: "\(name)-web-1", attachment: nil))
            try await engine.removeContainer(id, force: false)
            // Anonymous volumes outlive their container (a replacement inherits them).
            for volume in inspection.anonymousVolumes.values { try await engine.removeVolume(volume) }
            try await engine.removeNetwork("\(name)_back")
            try await engine.removeNetwork(networkID)
            try await engine.removeVolume("\(name)_data")
            #expect(try await engine.snapshot(project: name) == Snapshot(engine: snapshot.engine))
        }
    }

    @Test func errorsCarryTheDaemonsStatusAndMessage() async throws {
        let name = TestDaemon.uniqueProject("cperrors")
        let context = project(name)
        try await TestDaemon.withEngine(project: name) { engine in
            _ = try await engine.createNetwork(NetworkCreateRequest(
                key: "default", name: "\(name)_default", network: context.networks["default"]!, project: name))
            let duplicate = await #expect(throws: EngineError.self) {
                _ = try await engine.createNetwork(NetworkCreateRequest(
                    key: "default", name: "\(name)_default", network: context.networks["default"]!, project: name))
            }
            #expect(duplicate?.kind == .conflict)
            _ = try await engine.createVolume(VolumeCreateRequest(key: "data", name: "\(name)_data",
                                                                  volume: context.volumes["data"]!, project: name))
            var db = service("db")
            db.volumes = [ServiceVolume(type: .volume, source: "data", target: "/data")]
            let request = try ContainerCreateRequest(service: db, project: context, number: 1, name: "\(name)-db-1", configHash: "h")
            let id = try await engine.createContainer(request)

            let conflict = await #expect(throws: EngineError.self) { _ = try await engine.createContainer(request) }
            #expect(conflict?.kind == .conflict)
            #expect(conflict?.status == 409)
            #expect(conflict?.message.contains("is already in use") == true)

            var missing = db
            missing.image = "composeplan-test/no-such-image:1"
            missing.volumes = []
            let noImage = await #expect(throws: EngineError.self) {
                _ = try await engine.createContainer(try ContainerCreateRequest(service: missing, project: context, number: 2,
                                                                                 name: "\(name)-db-2", configHash: "h"))
            }
            #expect(noImage?.kind == .notFound)
            #expect(noImage?.isMissingImage == true)
            #expect(noImage?.message.contains("image composeplan-test/no-such-image:1 is not present on the engine") == true)
            #expect(noImage?.message.contains("No such image") == true)

            let volumeInUse = await #expect(throws: EngineError.self) { try await engine.removeVolume("\(name)_data") }
            #expect(volumeInUse?.kind == .conflict)

            try await engine.startContainer(id)
            let running = await #expect(throws: EngineError.self) { try await engine.removeContainer(id, force: false) }
            #expect(running?.kind == .conflict)
            #expect(running?.message.contains("You cannot remove a running container") == true)
            let endpoints = await #expect(throws: EngineError.self) { try await engine.removeNetwork("\(name)_default") }
            #expect(endpoints?.kind == .forbidden)
            #expect(endpoints?.status == 403)
            #expect(endpoints?.message.contains("has active endpoints") == true)

            _ = try await engine.createNetwork(NetworkCreateRequest(
                key: "back", name: "\(name)_back", network: context.networks["back"]!, project: name))
            let notConnected = await #expect(throws: EngineError.self) {
                try await engine.disconnectContainer(id, from: "\(name)_back", force: false)
            }
            #expect(notConnected?.kind == .serverError)
            let unknown = await #expect(throws: EngineError.self) { _ = try await engine.inspectContainer("\(name)-ghost") }
            #expect(unknown?.kind == .notFound)
            #expect(unknown?.message == "No such container: \(name)-ghost")
        }
    }

    @Test func extraNetworksAreConnectedRightAfterTheCreate() async throws {
        let name = TestDaemon.uniqueProject("cpnets")
        let context = project(name)
        try await TestDaemon.withEngine(project: name) { engine in
            for key in ["default", "back"] {
                _ = try await engine.createNetwork(NetworkCreateRequest(key: key, name: context.networks[key]!.name,
                                                                        network: context.networks[key]!, project: name))
            }
            var api = service("api")
            var back = ServiceNetworkAttachment()
            back.aliases = ["backend"]
            api.networks["back"] = back
            let request = try ContainerCreateRequest(service: api, project: context, number: 1, name: "\(name)-api-1", configHash: "h")
            #expect(request.extraNetworks.count == 1)
            let id = try await engine.createContainer(request)
            let inspection = try await engine.inspectContainer(id)
            #expect(Set(inspection.networks.keys) == ["\(name)_default", "\(name)_back"])
            let aliases = inspection.json["NetworkSettings"]?["Networks"]?["\(name)_back"]?["Aliases"]?.arrayValue?
                .compactMap(\.stringValue) ?? []
            #expect(Set(["api", "\(name)-api-1", "backend"]).isSubset(of: Set(aliases)))
        }
    }
}
