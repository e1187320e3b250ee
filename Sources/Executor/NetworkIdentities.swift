import Engine

/// The id of each network a run addresses: Docker does not keep network
/// names unique (two creates that race both succeed), so every call names
/// a network by id. An id comes from the plan (an existing network), from
/// the run's own `CreateNetwork`, or else is asked of the engine once per
/// name; a name that several networks carry is an error naming the count,
/// never a guess.
actor NetworkIdentities {
    private var ids: [String: String] = [:]

    /// Records the id a create of network `name` returned.
    func record(_ id: String, for name: String) {
        ids[name] = id
    }

    /// The id of the network named `name`.
    func id(of name: String, on engine: any ContainerEngine) async throws -> String {
        if let id = ids[name] { return id }
        let found = try await engine.networkIDs(named: name)
        guard found.count == 1 else {
            throw NodeFailure(found.isEmpty ? "network \(name) not found"
                                            : "network \(name) is ambiguous (\(found.count) networks have that name)")
        }
        ids[name] = found[0]
        return found[0]
    }
}
