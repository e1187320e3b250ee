import ComposeModel

extension ContainerBodyBuilder {
    /// The service's networks, ordered as docker compose orders them (higher
    /// `priority` first, then by compose key): the first one is the
    /// container's `NetworkMode` and its only `EndpointsConfig` entry; the
    /// others are connected right after the creation. A service with
    /// `network_mode` joins no network itself.
    mutating func buildNetworks() throws(EngineError) {
        if service.networkMode.map({ !$0.isEmpty }) == true { return }
        let keys = service.networks.keys.sorted { left, right in
            let leftPriority = service.networks[left]!.priority ?? 0
            let rightPriority = service.networks[right]!.priority ?? 0
            return leftPriority != rightPriority ? leftPriority > rightPriority : left < right
        }
        var endpoints: [NetworkEndpoint] = []
        for key in keys {
            guard let network = project.networks[key] else {
                throw .invalidRequest("service \(service.name) joins network \"\(key)\", which the project does not define")
            }
            endpoints.append(NetworkEndpoint(network: network.name, service: service.name, containerName: finalName,
                                             attachment: service.networks[key]))
        }
        guard let primary = endpoints.first else { return }
        primaryNetwork = primary
        extraNetworks = Array(endpoints.dropFirst())
        hostConfig["NetworkMode"] = .string(primary.network)
        config["NetworkingConfig"] = ["EndpointsConfig": .object([primary.network: primary.settings])]
    }
}
