import ComposeModel
import Foundation

extension SimulatedEngine {
    // MARK: - Networks

    public func networkIDs(named name: String) async throws -> [String] {
        (networkIDsByName[name] ?? []).sorted()
    }

    public func createNetwork(_ request: NetworkCreateRequest) async throws -> String {
        try await call(.createNetwork, request.name) {
            guard !request.name.isEmpty else { throw EngineError(status: 400, message: "network name is empty") }
            // composeplan always sends CheckDuplicate (without it Engine 20.10
            // would accept a second network of the same name).
            if networkIDsByName[request.name] != nil {
                throw EngineError(status: 409, message: "network with name \(request.name) already exists")
            }
            let id = makeID()
            register(SimulatedNetwork(id: id, name: request.name, driver: request.body["Driver"]?.stringValue ?? "bridge",
                                      labels: request.body["Labels"]?.stringDictionary ?? [:], created: Date(),
                                      subnet: allocateSubnet(), body: request.body))
            return id
        }
    }

    public func removeNetwork(_ reference: String) async throws {
        try await call(.removeNetwork, reference) {
            guard let network = try findNetwork(reference) else { throw EngineError.networkNotFound(reference) }
            if network.isPredefined {
                throw EngineError(status: 403, message: "\(network.name) is a pre-defined network and cannot be removed")
            }
            // Endpoints exist while a container runs; a stopped container's
            // attachment does not block the removal (its next start fails).
            let active = containers.values.contains { container in
                container.isRunning && container.endpoints.values.contains { $0.networkID == network.id }
            }
            if active {
                throw EngineError(status: 403, message: "error while removing network: network \(network.name) id \(network.id) has active endpoints")
            }
            unregisterNetwork(network.id)
        }
    }

    public func connectContainer(_ container: String, to endpoint: NetworkEndpoint) async throws {
        try await call(.connectNetwork, container, subjects: [endpoint.network]) {
            guard let network = try findNetwork(endpoint.network) else { throw EngineError.networkNotFound(endpoint.network) }
            guard var target = findContainer(container) else { throw EngineError.noSuchContainer(container) }
            try attach(&target, to: network, settings: endpoint.settings)
            containers[target.id] = target
        }
    }

    /// Adds (or, for a stopped container, updates) the container's endpoint on `network`.
    func attach(_ container: inout SimulatedContainer, to network: SimulatedNetwork, settings: JSONValue) throws {
        if container.networkMode.hasPrefix("container:") || ["host", "none"].contains(container.networkMode) {
            throw EngineError(status: 403, message: "container sharing network namespace with another container or host cannot be connected to any other network")
        }
        if network.isPredefined && network.name != "bridge" {
            throw EngineError(status: 403, message: "container cannot be disconnected from host network or connected to host network")
        }
        if container.endpoints[network.name] != nil && container.isRunning {
            throw EngineError(status: 403, message: "endpoint with name \(container.name) already exists in network \(network.name)")
        }
        var network = network
        let host = network.nextHost
        network.nextHost += 1
        networks[network.id] = network
        container.endpoints[network.name] = SimulatedEndpoint(
            networkID: network.id, aliases: settings["Aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            settings: settings, ipAddress: "172.\(network.subnet).\(host / 250).\(host % 250 + 2)",
            macAddress: String(format: "02:42:ac:%02x:%02x:%02x", network.subnet, host / 250, host % 250 + 2),
            endpointID: makeID())
    }

    public func disconnectContainer(_ container: String, from network: String, force: Bool) async throws {
        try await call(.disconnectNetwork, container, subjects: [network]) {
            guard let found = try findNetwork(network) else { throw EngineError.networkNotFound(network) }
            guard var target = findContainer(container) else { throw EngineError.noSuchContainer(container) }
            guard let endpoint = target.endpoints[found.name], endpoint.networkID == found.id else {
                let phrase = target.isRunning ? "network" : "the network"
                throw EngineError(status: 500, message: "container \(target.id) is not connected to \(phrase) \(found.name)")
            }
            target.endpoints[found.name] = nil
            containers[target.id] = target
        }
    }

    // MARK: - Volumes

    public func createVolume(_ request: VolumeCreateRequest) async throws -> String {
        try await call(.createVolume, request.name) {
            // Like Docker: an existing name is answered with the existing
            // volume, its labels unchanged.
            if volumes[request.name] == nil {
                volumes[request.name] = SimulatedVolume(
                    name: request.name, driver: request.driver, labels: request.labels,
                    options: request.body["DriverOpts"]?.stringDictionary ?? [:], created: Date())
            }
            return request.name
        }
    }

    public func removeVolume(_ name: String) async throws {
        try await call(.removeVolume, name) {
            guard volumes[name] != nil else { throw EngineError.noSuchVolume(name) }
            let users = containers.values.filter { container in
                container.mounts.contains { $0.type == "volume" && $0.name == name }
            }.map(\.id).sorted()
            if !users.isEmpty {
                throw EngineError(status: 409, message: "remove \(name): volume is in use - [\(users.joined(separator: ", "))]")
            }
            volumes[name] = nil
        }
    }
}
