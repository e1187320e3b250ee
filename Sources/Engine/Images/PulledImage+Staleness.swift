import DockerModel
import PlanModel

extension PulledImage {
    /// Checks that the pull brought the manifest the plan was reviewed with.
    ///
    /// - Parameter planned: the registry digest the plan was made with
    ///   (`nil`: the plan did not know one, and any digest is accepted).
    /// - Throws: `EngineError` (`.conflict`, no HTTP status) naming the image
    ///   and both digests when the registry moved since the plan was made.
    public func verify(planned: String?) throws(EngineError) {
        guard let planned, planned != digest else { return }
        throw EngineError(kind: .conflict, message: "plan is stale for image \(reference): it was planned with registry digest \(planned), the registry now has \(digest); run plan again")
    }
}

/// Registry credentials resolved once per registry for a whole run, so
/// parallel pulls from one registry ask a credential helper once.
public actor RegistryCredentialCache {
    private let credentials: RegistryCredentials
    /// Resolutions started or finished, by registry host.
    private var resolutions: [String: Task<RegistryAuth?, any Error>] = [:]

    public init(_ credentials: RegistryCredentials = RegistryCredentials()) {
        self.credentials = credentials
    }

    /// The credentials of every registry the configuration names (its
    /// `auths` entries and `credHelpers` registries), for a build's base
    /// images; registries whose credentials cannot be resolved are left out.
    public func allConfigured() async -> [String: RegistryAuth] {
        guard let file = try? DockerConfigFile.load(environment: credentials.environment) else { return [:] }
        var result: [String: RegistryAuth] = [:]
        for registry in Set(file.auths.keys).union(file.credentialHelpers.keys).sorted() {
            guard let found = (try? await auth(forRegistry: registry)) ?? nil else { continue }
            result[registry] = found
        }
        return result
    }

    /// The credentials for `reference`'s registry (`nil`: none configured).
    ///
    /// - Throws: `RegistryCredentialError`.
    public func auth(for reference: ImageReference) async throws -> RegistryAuth? {
        try await auth(forRegistry: reference.registry)
    }

    /// The credentials for `registry` (a host or a configuration key).
    func auth(forRegistry registry: String) async throws -> RegistryAuth? {
        let host = RegistryHost.normalize(registry)
        if let resolution = resolutions[host] { return try await resolution.value }
        let credentials = self.credentials
        let resolution = Task { try await credentials.auth(forRegistry: host) }
        resolutions[host] = resolution
        return try await resolution.value
    }
}
