import DockerModel
import Engine

/// The ID of each image a run creates containers from, for their
/// `com.docker.compose.image` label: recorded by the run's pulls, else
/// asked of the engine once per reference (`GET /images/{name}/json`).
actor ImageIdentities {
    private var lookups: [String: Task<String?, Never>] = [:]

    /// Records the ID a pull of `reference` gave.
    func record(_ id: String, for reference: String) {
        lookups[reference] = Task { id }
    }

    /// The ID of the local image `reference` names; `nil` when it is absent
    /// or the engine could not say (the create then reports the problem).
    func id(of reference: String, on engine: any ContainerEngine) async -> String? {
        if let lookup = lookups[reference] { return await lookup.value }
        let lookup = Task { (try? await engine.inspectImage(reference))??.id }
        lookups[reference] = lookup
        return await lookup.value
    }
}
