import ComposeModel
import DockerModel
import Foundation

extension DockerEngine: SwarmEngine {
    public func swarmSnapshot(stack: String) async throws -> Snapshot {
        let stackFilter = try Self.filters(["label": ["\(StackLabel.namespace)=\(stack)"]])
        async let services = transport.json(.GET, path("/services"), query: [("filters", stackFilter)])
        async let tasks = transport.json(.GET, path("/tasks"))
        async let secrets = transport.json(.GET, path("/secrets"))
        async let configs = transport.json(.GET, path("/configs"))
        async let nodes = transport.json(.GET, path("/nodes"))
        async let networks = transport.json(.GET, path("/networks"))
        let stackServices = (try await services.arrayValue ?? []).filter {
            $0["Spec"]?["Labels"]?[StackLabel.namespace]?.stringValue == stack
        }
        let ids = Set(stackServices.compactMap { $0["ID"]?.stringValue })
        let swarm = SwarmObjects(services: stackServices,
                                 tasks: (try await tasks.arrayValue ?? []).filter { ids.contains($0["ServiceID"]?.stringValue ?? "") },
                                 secrets: try await secrets.arrayValue ?? [], configs: try await configs.arrayValue ?? [],
                                 nodes: try await nodes.arrayValue ?? [])
        // Swarm-scoped networks only: a service can attach to no other.
        let overlays = (try await networks.arrayValue ?? []).filter { $0["Scope"]?.stringValue == "swarm" }
        return Snapshot(engine: version, networks: overlays, swarm: swarm)
    }

    public func createSwarmNetwork(_ body: JSONValue) async throws -> String {
        try await transport.json(.POST, path("/networks/create"), body: body)["Id"]?.stringValue ?? ""
    }

    public func removeSwarmNetwork(_ reference: String) async throws {
        _ = try await transport.send(.DELETE, path("/networks/\(Self.escape(reference))"))
    }

    public func createSecret(_ body: JSONValue) async throws -> String {
        try await transport.json(.POST, path("/secrets/create"), body: body)["ID"]?.stringValue ?? ""
    }

    public func removeSecret(_ reference: String) async throws {
        _ = try await transport.send(.DELETE, path("/secrets/\(Self.escape(reference))"))
    }

    public func secretID(named name: String) async throws -> String? {
        let answer = try await transport.json(.GET, path("/secrets"), query: [("filters", try Self.filters(["name": [name]]))])
        return (answer.arrayValue ?? []).first { $0["Spec"]?["Name"]?.stringValue == name }?["ID"]?.stringValue
    }

    public func createConfig(_ body: JSONValue) async throws -> String {
        try await transport.json(.POST, path("/configs/create"), body: body)["ID"]?.stringValue ?? ""
    }

    public func removeConfig(_ reference: String) async throws {
        _ = try await transport.send(.DELETE, path("/configs/\(Self.escape(reference))"))
    }

    public func configID(named name: String) async throws -> String? {
        let answer = try await transport.json(.GET, path("/configs"), query: [("filters", try Self.filters(["name": [name]]))])
        return (answer.arrayValue ?? []).first { $0["Spec"]?["Name"]?.stringValue == name }?["ID"]?.stringValue
    }

    public func createService(_ spec: JSONValue) async throws -> String {
        try await transport.json(.POST, path("/services/create"), body: spec)["ID"]?.stringValue ?? ""
    }

    public func updateService(_ reference: String, version: Int, spec: JSONValue) async throws {
        _ = try await transport.send(.POST, path("/services/\(Self.escape(reference))/update"),
                                     query: [("version", String(version))], body: spec)
    }

    public func removeService(_ reference: String) async throws {
        _ = try await transport.send(.DELETE, path("/services/\(Self.escape(reference))"))
    }

    public func inspectService(_ reference: String) async throws -> JSONValue {
        try await transport.json(.GET, path("/services/\(Self.escape(reference))"))
    }

    public func tasks(ofService reference: String) async throws -> [JSONValue] {
        let filters = try Self.filters(["service": [reference]])
        return try await transport.json(.GET, path("/tasks"), query: [("filters", filters)]).arrayValue ?? []
    }

    /// An Engine API `filters` query value.
    static func filters(_ filters: [String: [String]]) throws -> String {
        String(decoding: try JSONEncoder().encode(filters), as: UTF8.self)
    }
}
