import ComposeModel

extension ContainerCreateRequest {
    /// The same request with every network it names (`NetworkMode`, the
    /// `EndpointsConfig` key, the networks connected after the creation)
    /// replaced by its id from `ids` (name → id): Docker does not keep
    /// network names unique, so a name can be ambiguous. Names without an
    /// id in `ids` stay as they are.
    public func addressingNetworks(byID ids: [String: String]) -> ContainerCreateRequest {
        var request = self
        request.primaryNetwork = primaryNetwork.map { Self.addressing($0, ids) }
        request.extraNetworks = extraNetworks.map { Self.addressing($0, ids) }
        guard case .object(var body) = body else { return request }
        if case .object(var host)? = body["HostConfig"], let mode = host["NetworkMode"]?.stringValue, let id = ids[mode] {
            host["NetworkMode"] = .string(id)
            body["HostConfig"] = .object(host)
        }
        if case .object(var networking)? = body["NetworkingConfig"], case .object(let endpoints)? = networking["EndpointsConfig"] {
            networking["EndpointsConfig"] = .object(Dictionary(uniqueKeysWithValues: endpoints.map { (ids[$0.key] ?? $0.key, $0.value) }))
            body["NetworkingConfig"] = .object(networking)
        }
        request.body = .object(body)
        return request
    }

    private static func addressing(_ endpoint: NetworkEndpoint, _ ids: [String: String]) -> NetworkEndpoint {
        NetworkEndpoint(network: ids[endpoint.network] ?? endpoint.network, settings: endpoint.settings)
    }
}
