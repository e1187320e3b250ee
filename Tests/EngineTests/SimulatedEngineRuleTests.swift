import ComposeModel
import Engine
import PlanModel
import Testing

/// The simulated daemon rejects what Docker Engine 20.10 rejects, with the
/// same kinds, statuses and messages (measured against the test daemon).
@Suite struct SimulatedEngineRuleTests {
    let image = "composeplan-test/busybox:latest"

    func makeEngine(images: Set<String>? = nil) async -> SimulatedEngine {
        await SimulatedEngine(configuration: .init(knownImages: images))
    }

    func network(_ name: String) -> NetworkCreateRequest {
        NetworkCreateRequest(key: name, name: name, network: NetworkConfig(name: name), project: "p")
    }

    func container(_ name: String, network: String? = nil, mounts: [JSONValue] = [], extra: [String: JSONValue] = [:]) -> ContainerCreateRequest {
        var hostConfig: [String: JSONValue] = ["Mounts": .array(mounts)]
        if let network { hostConfig["NetworkMode"] = .string(network) }
        for (key, value) in extra { hostConfig[key] = value }
        return ContainerCreateRequest(name: name, body: ["Image": .string(image), "Labels": [ComposeLabel.project: "p"],
                                                         "HostConfig": .object(hostConfig)])
    }

    func expectError(_ kind: EngineError.Kind, _ status: Int, containing text: String,
                     _ body: () async throws -> Void, sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        let error = await #expect(throws: EngineError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.kind == kind, sourceLocation: sourceLocation)
        #expect(error?.status == status, sourceLocation: sourceLocation)
        #expect(error?.message.contains(text) == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
    }

    @Test func containerNamesAreUnique() async throws {
        let engine = await makeEngine()
        let id = try await engine.createContainer(container("web"))
        #expect(DockerID.isFullID(id))
        await expectError(.conflict, 409, containing: "The container name \"/web\" is already in use by container \"\(id)\"") {
            _ = try await engine.createContainer(container("web"))
        }
        await expectError(.badRequest, 400, containing: "Invalid container name") {
            _ = try await engine.createContainer(container("bad name"))
        }
        #expect(await engine.violations.count == 2)
    }

    @Test func missingImageWhenImagesAreModelled() async throws {
        let engine = await makeEngine(images: [image])
        _ = try await engine.createContainer(container("ok"))
        var request = container("other")
        request.body = ["Image": "nope:latest"]
        await expectError(.notFound, 404, containing: "image nope:latest is not present on the engine and the plan does not pull it; run plan again to pull it: No such image: nope:latest") {
            _ = try await engine.createContainer(request)
        }
    }

    @Test func runningContainersAreNotRemovedWithoutForce() async throws {
        let engine = await makeEngine()
        let id = try await engine.createContainer(container("web"))
        #expect(try await engine.startContainer(id) == .changed)
        #expect(try await engine.startContainer(id) == .unchanged)
        await expectError(.conflict, 409, containing: "You cannot remove a running container \(id)") {
            try await engine.removeContainer(id, force: false)
        }
        #expect(try await engine.stopContainer(id, timeout: 1) == .changed)
        #expect(try await engine.stopContainer(id, timeout: 1) == .unchanged)
        try await engine.removeContainer("web", force: false)
        await expectError(.notFound, 404, containing: "No such container: web") {
            try await engine.removeContainer("web", force: false)
        }
        let forced = try await engine.createContainer(container("web"))
        try await engine.startContainer(forced)
        try await engine.removeContainer(forced, force: true)
    }

    @Test func networksWithActiveEndpointsAreNotRemoved() async throws {
        let engine = await makeEngine()
        let networkID = try await engine.createNetwork(network("p_default"))
        await expectError(.conflict, 409, containing: "network with name p_default already exists") {
            _ = try await engine.createNetwork(network("p_default"))
        }
        let id = try await engine.createContainer(container("web", network: "p_default"))
        try await engine.startContainer(id)
        await expectError(.forbidden, 403, containing: "network p_default id \(networkID) has active endpoints") {
            try await engine.removeNetwork("p_default")
        }
        try await engine.stopContainer(id, timeout: nil)
        // A stopped container has no endpoint: the removal succeeds, and its
        // next start fails, as on Docker.
        try await engine.removeNetwork(networkID)
        await expectError(.notFound, 404, containing: "network p_default not found") {
            try await engine.startContainer(id)
        }
        await expectError(.notFound, 404, containing: "network p_default not found") {
            try await engine.removeNetwork("p_default")
        }
        await expectError(.forbidden, 403, containing: "pre-defined") { try await engine.removeNetwork("bridge") }
    }

    @Test func connectAndDisconnect() async throws {
        let engine = await makeEngine()
        _ = try await engine.createNetwork(network("a"))
        _ = try await engine.createNetwork(network("b"))
        let id = try await engine.createContainer(container("web", network: "a"))
        await expectError(.notFound, 404, containing: "network nowhere not found") {
            try await engine.connectContainer(id, to: NetworkEndpoint(network: "nowhere"))
        }
        await expectError(.notFound, 404, containing: "No such container: ghost") {
            try await engine.connectContainer("ghost", to: NetworkEndpoint(network: "b"))
        }
        try await engine.startContainer(id)
        try await engine.connectContainer(id, to: NetworkEndpoint(network: "b", service: "web", containerName: "web", attachment: nil))
        await expectError(.forbidden, 403, containing: "endpoint with name web already exists in network b") {
            try await engine.connectContainer(id, to: NetworkEndpoint(network: "b"))
        }
        try await engine.disconnectContainer(id, from: "b", force: false)
        await expectError(.serverError, 500, containing: "is not connected to network b") {
            try await engine.disconnectContainer(id, from: "b", force: false)
        }
        let inspection = try await engine.inspectContainer("web")
        #expect(Set(inspection.networks.keys) == ["a"])
    }

    @Test func volumesInUseAreNotRemoved() async throws {
        let engine = await makeEngine()
        let request = VolumeCreateRequest(key: "data", name: "p_data", volume: VolumeConfig(name: "p_data"), project: "p")
        #expect(try await engine.createVolume(request) == "p_data")
        // An existing name answers with the existing volume, labels unchanged.
        var relabelled = request
        relabelled.body = ["Name": "p_data", "Labels": ["other": "x"]]
        #expect(try await engine.createVolume(relabelled) == "p_data")
        let volumes = try await engine.snapshot(project: "p").volumeSummaries
        #expect(volumes.map(\.name) == ["p_data"])
        #expect(volumes.first?.labels[ComposeLabel.volume] == "data")
        let id = try await engine.createContainer(container("db", mounts: [["Type": "volume", "Source": "p_data", "Target": "/data"]]))
        // In use by a container that never ran: still refused.
        await expectError(.conflict, 409, containing: "remove p_data: volume is in use - [\(id)]") {
            try await engine.removeVolume("p_data")
        }
        try await engine.removeContainer(id, force: false)
        try await engine.removeVolume("p_data")
        await expectError(.notFound, 404, containing: "get p_data: no such volume") { try await engine.removeVolume("p_data") }
    }

    @Test func renames() async throws {
        let engine = await makeEngine()
        let first = try await engine.createContainer(container("tmp_web"))
        let second = try await engine.createContainer(container("web"))
        await expectError(.conflict, 409, containing: "The container name \"/web\" is already in use by container \"\(second)\"") {
            try await engine.renameContainer(first, to: "web")
        }
        await expectError(.badRequest, 400, containing: "same name") { try await engine.renameContainer(first, to: "tmp_web") }
        await expectError(.notFound, 404, containing: "No such container: ghost") { try await engine.renameContainer("ghost", to: "x1") }
        try await engine.removeContainer(second, force: false)
        try await engine.renameContainer(first, to: "web")
        #expect(try await engine.inspectContainer("web").id == first)
    }

    @Test func oneEndpointAtCreationAndKnownReferences() async throws {
        let engine = await makeEngine()
        _ = try await engine.createNetwork(network("a"))
        _ = try await engine.createNetwork(network("b"))
        var twoNetworks = container("web", network: "a")
        twoNetworks.body = ["Image": .string(image), "NetworkingConfig": ["EndpointsConfig": ["a": [:], "b": [:]]]]
        await expectError(.badRequest, 400, containing: "Container cannot be connected to network endpoints: a, b") {
            _ = try await engine.createContainer(twoNetworks)
        }
        await expectError(.notFound, 404, containing: "network c not found") {
            _ = try await engine.createContainer(container("web", network: "c"))
        }
        await expectError(.notFound, 404, containing: "No such container: ghost") {
            _ = try await engine.createContainer(container("web", extra: ["VolumesFrom": ["ghost:ro"]]))
        }
        let parent = try await engine.createContainer(container("parent", network: "a"))
        let child = try await engine.createContainer(container("child", network: "container:\(parent)"))
        await expectError(.conflict, 409, containing: "cannot join network of a non running container") {
            try await engine.startContainer(child)
        }
        try await engine.startContainer(parent)
        try await engine.startContainer(child)
    }

    @Test func extraNetworksAreConnectedAndAFailedConnectionUndoesTheCreate() async throws {
        let engine = await makeEngine()
        _ = try await engine.createNetwork(network("a"))
        _ = try await engine.createNetwork(network("b"))
        var request = container("web", network: "a")
        request.extraNetworks = [NetworkEndpoint(network: "b", service: "web", containerName: "web", attachment: nil)]
        let id = try await engine.createContainer(request)
        #expect(Set(try await engine.inspectContainer(id).networks.keys) == ["a", "b"])
        var broken = container("api", network: "a")
        broken.extraNetworks = [NetworkEndpoint(network: "missing")]
        await expectError(.notFound, 404, containing: "network missing not found") { _ = try await engine.createContainer(broken) }
        await expectError(.notFound, 404, containing: "No such container: api") { _ = try await engine.inspectContainer("api") }
    }

    @Test func violationsAreRecorded() async throws {
        let engine = await makeEngine()
        _ = try await engine.createContainer(container("web"))
        #expect(await engine.violations.isEmpty)
        _ = try? await engine.createContainer(container("web"))
        let violations = await engine.violations
        #expect(violations.count == 1)
        #expect(violations.first?.operation == .createContainer)
        #expect(violations.first?.error.kind == .conflict)
    }
}
