import ComposeModel
import DockerModel
import Engine
import PlanModel
import Testing

/// Builds the request bodies of the Swarm tests, as the reconciler builds them.
enum SwarmBodies {
    static func service(_ name: String, image: String = "nginx:1.25", replicas: Int? = 1, global: Bool = false,
                        networks: [String] = [], secrets: [(name: String, id: String)] = [],
                        configs: [(name: String, id: String)] = [], constraints: [String] = [], maxReplicas: Int? = nil,
                        update: [String: JSONValue]? = nil, labels: [String: JSONValue] = [:]) -> JSONValue {
        var container: [String: JSONValue] = ["Image": .string(image), "Labels": [StackLabel.namespace: "s"]]
        if !secrets.isEmpty {
            container["Secrets"] = .array(secrets.map { ["SecretName": .string($0.name), "SecretID": .string($0.id),
                                                         "File": ["Name": .string($0.name), "UID": "0", "GID": "0", "Mode": 292]] })
        }
        if !configs.isEmpty {
            container["Configs"] = .array(configs.map { ["ConfigName": .string($0.name), "ConfigID": .string($0.id),
                                                         "File": ["Name": .string($0.name), "UID": "0", "GID": "0", "Mode": 292]] })
        }
        var template: [String: JSONValue] = [
            "ContainerSpec": .object(container),
            "Networks": .array(networks.map { ["Target": .string($0), "Aliases": ["web"]] }),
        ]
        var placement: [String: JSONValue] = [:]
        if !constraints.isEmpty { placement["Constraints"] = .array(constraints.map(JSONValue.string)) }
        if let maxReplicas { placement["MaxReplicas"] = .int(maxReplicas) }
        if !placement.isEmpty { template["Placement"] = .object(placement) }
        var allLabels = labels
        if allLabels[StackLabel.namespace] == nil { allLabels[StackLabel.namespace] = "s" }
        var spec: [String: JSONValue] = [
            "Name": .string(name), "Labels": .object(allLabels), "TaskTemplate": .object(template),
            "Mode": global ? ["Global": [:]] : .object(["Replicated": replicas.map { ["Replicas": .int($0)] } ?? [:]]),
            "EndpointSpec": [:],
        ]
        if let update { spec["UpdateConfig"] = .object(update) }
        return .object(spec)
    }

    static func file(_ name: String, data: String = "c2VjcmV0") -> JSONValue {
        ["Name": .string(name), "Labels": [StackLabel.namespace: "s"], "Data": .string(data)]
    }

    static func network(_ name: String) -> JSONValue {
        ["Name": .string(name), "Driver": "overlay", "Labels": [StackLabel.namespace: "s"], "CheckDuplicate": true]
    }
}

/// The simulated Swarm refuses what an Engine 20.10 Swarm manager refuses,
/// with its statuses and messages (swarmkit's, as the daemon passes them on).
@Suite struct SimulatedSwarmRuleTests {
    func expectError(_ status: Int, containing text: String, _ body: () async throws -> Void,
                     sourceLocation: Testing.SourceLocation = #_sourceLocation) async {
        let error = await #expect(throws: EngineError.self, sourceLocation: sourceLocation) { try await body() }
        #expect(error?.status == status, sourceLocation: sourceLocation)
        #expect(error?.kind == EngineError.kind(forStatus: status), sourceLocation: sourceLocation)
        #expect(error?.message.contains(text) == true, "\(error?.message ?? "")", sourceLocation: sourceLocation)
    }

    @Test func serviceNamesAreUnique() async throws {
        let engine = await SimulatedEngine()
        _ = try await engine.createService(SwarmBodies.service("s_web"))
        await expectError(409, containing: "rpc error: code = AlreadyExists desc = name conflicts with an existing object: service s_web already exists") {
            _ = try await engine.createService(SwarmBodies.service("s_web"))
        }
        #expect(await engine.violations.map(\.operation) == [.createService])
    }

    @Test func secretConfigAndNetworkNamesAreUnique() async throws {
        let engine = await SimulatedEngine()
        _ = try await engine.createSecret(SwarmBodies.file("s_password"))
        _ = try await engine.createConfig(SwarmBodies.file("s_nginx"))
        _ = try await engine.createSwarmNetwork(SwarmBodies.network("s_default"))
        await expectError(409, containing: "rpc error: code = AlreadyExists desc = secret s_password already exists") {
            _ = try await engine.createSecret(SwarmBodies.file("s_password", data: "b3RoZXI="))
        }
        await expectError(409, containing: "rpc error: code = AlreadyExists desc = config s_nginx already exists") {
            _ = try await engine.createConfig(SwarmBodies.file("s_nginx"))
        }
        await expectError(409, containing: "network with name s_default already exists") {
            _ = try await engine.createSwarmNetwork(SwarmBodies.network("s_default"))
        }
    }

    @Test func anUpdateNeedsTheCurrentVersion() async throws {
        let engine = await SimulatedEngine()
        let id = try await engine.createService(SwarmBodies.service("s_web"))
        let version = SwarmServiceSummary(try await engine.inspectService(id)).version
        try await engine.updateService(id, version: version, spec: SwarmBodies.service("s_web", replicas: 2))
        let bumped = SwarmServiceSummary(try await engine.inspectService("s_web")).version
        #expect(bumped > version)
        await expectError(500, containing: "rpc error: code = Unknown desc = update out of sequence") {
            try await engine.updateService(id, version: version, spec: SwarmBodies.service("s_web", replicas: 3))
        }
        // An update that rolls tasks writes the service again as it goes.
        try await engine.updateService(id, version: bumped, spec: SwarmBodies.service("s_web", image: "nginx:1.26", replicas: 2))
        let rolled = SwarmServiceSummary(try await engine.inspectService(id))
        #expect(rolled.updateState == "completed")
        #expect(rolled.version > bumped + 1)
    }

    @Test func secretsAndConfigsAreImmutable() async throws {
        let engine = await SimulatedEngine()
        let id = try await engine.createSecret(SwarmBodies.file("s_password"))
        let configID = try await engine.createConfig(SwarmBodies.file("s_nginx"))
        let swarm = try #require(try await engine.swarmSnapshot(stack: "s").swarm)
        let version = try #require(swarm.secrets.first?["Version"]?["Index"]?.intValue)
        let configVersion = try #require(swarm.configs.first?["Version"]?["Index"]?.intValue)
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = only updates to Labels are allowed") {
            try await engine.updateSecret(id, version: version, spec: SwarmBodies.file("s_password", data: "bmV3"))
        }
        await expectError(400, containing: "only updates to Labels are allowed") {
            try await engine.updateConfig(configID, version: configVersion, spec: SwarmBodies.file("s_nginx", data: "bmV3"))
        }
        try await engine.updateSecret(id, version: version, spec: ["Name": "s_password", "Labels": ["team": "a"]])
        await expectError(500, containing: "update out of sequence") {
            try await engine.updateSecret(id, version: version, spec: ["Name": "s_password", "Labels": ["team": "b"]])
        }
        let secret = try #require(try await engine.swarmSnapshot(stack: "s").swarm?.secrets.first)
        #expect(SwarmFileObjectSummary(secret).labels == ["team": "a"])
        #expect(secret["Spec"]?["Data"] == nil)
    }

    @Test func secretsAndConfigsInUseAreNotRemoved() async throws {
        let engine = await SimulatedEngine()
        let secret = try await engine.createSecret(SwarmBodies.file("s_password"))
        let config = try await engine.createConfig(SwarmBodies.file("s_nginx"))
        let web = try await engine.createService(SwarmBodies.service("s_web", secrets: [("s_password", secret)], configs: [("s_nginx", config)]))
        _ = try await engine.createService(SwarmBodies.service("s_api", secrets: [("s_password", secret)]))
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = secret 's_password' is in use by the following services: s_api, s_web") {
            try await engine.removeSecret(secret)
        }
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = config 's_nginx' is in use by the following service: s_web") {
            try await engine.removeConfig("s_nginx")
        }
        try await engine.removeService(web)
        try await engine.removeConfig(config)
        await expectError(404, containing: "config s_nginx not found") { try await engine.removeConfig("s_nginx") }
    }

    @Test func networksInUseAreNotRemoved() async throws {
        let engine = await SimulatedEngine()
        let network = try await engine.createSwarmNetwork(SwarmBodies.network("s_default"))
        let web = try await engine.createService(SwarmBodies.service("s_web", networks: ["s_default"]))
        await expectError(400, containing: "rpc error: code = FailedPrecondition desc = network \(network) is in use by service \(web)") {
            try await engine.removeSwarmNetwork("s_default")
        }
        try await engine.removeService(web)
        try await engine.removeSwarmNetwork(network)
        await expectError(404, containing: "network s_default not found") { try await engine.removeSwarmNetwork("s_default") }
    }

    @Test func referencesMustExist() async throws {
        let engine = await SimulatedEngine()
        let secret = try await engine.createSecret(SwarmBodies.file("s_password"))
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = secret not found: s_other") {
            _ = try await engine.createService(SwarmBodies.service("s_web", secrets: [("s_other", "nosuchid")]))
        }
        // The id must name the secret of the reference's name.
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = secrets not found: s_token, s_key") {
            _ = try await engine.createService(SwarmBodies.service("s_web", secrets: [("s_token", secret), ("s_key", "x")]))
        }
        await expectError(400, containing: "rpc error: code = InvalidArgument desc = config not found: s_nginx") {
            _ = try await engine.createService(SwarmBodies.service("s_web", configs: [("s_nginx", "nosuchid")]))
        }
        await expectError(404, containing: "network s_missing not found") {
            _ = try await engine.createService(SwarmBodies.service("s_web", networks: ["s_missing"]))
        }
        await expectError(403, containing: "The network bridge cannot be used with services. Only networks scoped to the swarm can be used") {
            _ = try await engine.createService(SwarmBodies.service("s_web", networks: ["bridge"]))
        }
        #expect((try await engine.swarmSnapshot(stack: "s")).swarm?.services.isEmpty == true)
    }

    @Test func unknownServices() async throws {
        let engine = await SimulatedEngine()
        await expectError(404, containing: "service s_nope not found") { _ = try await engine.inspectService("s_nope") }
        await expectError(404, containing: "service s_nope not found") {
            try await engine.updateService("s_nope", version: 1, spec: SwarmBodies.service("s_nope"))
        }
        await expectError(404, containing: "service s_nope not found") { try await engine.removeService("s_nope") }
        await expectError(404, containing: "service s_nope not found") { _ = try await engine.tasks(ofService: "s_nope") }
    }

    @Test func aServiceKeepsItsModeAndName() async throws {
        let engine = await SimulatedEngine()
        let id = try await engine.createService(SwarmBodies.service("s_web"))
        let version = SwarmServiceSummary(try await engine.inspectService(id)).version
        await expectError(501, containing: "rpc error: code = Unimplemented desc = service mode change is not allowed") {
            try await engine.updateService(id, version: version, spec: SwarmBodies.service("s_web", global: true))
        }
        await expectError(501, containing: "rpc error: code = Unimplemented desc = renaming services is not supported") {
            try await engine.updateService(id, version: version, spec: SwarmBodies.service("s_other"))
        }
        #expect(SwarmServiceSummary(try await engine.inspectService(id)).version == version)
    }

    @Test func onlyAManagerAnswers() async throws {
        let engine = await SimulatedEngine(configuration: .init(swarmNodes: []))
        await expectError(503, containing: "This node is not a swarm manager.") { _ = try await engine.swarmSnapshot(stack: "s") }
        await expectError(503, containing: "This node is not a swarm manager.") { _ = try await engine.createService(SwarmBodies.service("s_web")) }
    }

    @Test func faultsAndCallsCoverSwarmCalls() async throws {
        let engine = await SimulatedEngine()
        await engine.inject(.failing(.createService, target: "s_web", times: 1))
        await expectError(500, containing: "injected failure") { _ = try await engine.createService(SwarmBodies.service("s_web")) }
        let id = try await engine.createService(SwarmBodies.service("s_web"))
        await engine.inject(.failing(.removeService, target: "s_web"))
        // A fault on the name matches a call by id.
        await expectError(500, containing: "injected failure") { try await engine.removeService(id) }
        #expect(await engine.violations.isEmpty)
        #expect(await engine.calls.map(\.operation) == [.createService, .createService, .removeService])
    }
}
