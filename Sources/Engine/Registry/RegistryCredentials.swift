import DockerModel
import Foundation
import PlanModel

/// Resolves the credentials for a registry as the docker CLI (and docker
/// compose) do, from `$DOCKER_CONFIG/config.json` (default
/// `~/.docker/config.json`):
///
/// 1. a `credHelpers` entry for the registry names its helper, else
///    `credsStore` names one for every registry; the helper is asked
///    (`docker-credential-<name> get`), and its answer is final (no
///    credentials when it has none, as with the docker CLI);
/// 2. without a helper, the `auths` entry for the registry: `auth`
///    (base64 `user:password`) or `username`/`password`, and `identitytoken`.
///
/// Registry names are compared after `RegistryHost.normalize`, so an entry
/// written `https://127.0.0.1:5000/v2/` serves `127.0.0.1:5000`, and
/// `docker.io`, `index.docker.io` and `https://index.docker.io/v1/` are all
/// Docker Hub.
public struct RegistryCredentials: Sendable {
    /// The environment: `DOCKER_CONFIG`, `HOME` and `PATH` (helpers are looked up on it).
    public var environment: [String: String]

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    /// The credentials for `reference`'s registry; `nil` when none are configured.
    public func auth(for reference: ImageReference) async throws(RegistryCredentialError) -> RegistryAuth? {
        try await auth(forRegistry: reference.registry)
    }

    /// The credentials for `registry` (a host, `docker.io`, or a URL);
    /// `nil` when none are configured.
    public func auth(forRegistry registry: String) async throws(RegistryCredentialError) -> RegistryAuth? {
        let configuration = try DockerConfigFile.load(environment: environment)
        return try await auth(forRegistry: registry, in: configuration)
    }

    /// The credentials `configuration` gives for `registry`.
    public func auth(forRegistry registry: String, in configuration: DockerConfigFile) async throws(RegistryCredentialError) -> RegistryAuth? {
        let host = RegistryHost.normalize(registry)
        let key = RegistryHost.credentialKey(registry)
        if let helperName = Self.entry(for: host, key: key, in: configuration.credentialHelpers) ?? configuration.credentialsStore {
            let helper = CredentialHelper(name: helperName, configurationPath: configuration.path,
                                          searchPath: environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin")
            guard let answer = try await helper.get(key) else { return nil }
            if answer.username == "<token>" {
                return RegistryAuth(identityToken: answer.secret, serverAddress: key)
            }
            return RegistryAuth(username: answer.username, password: answer.secret, serverAddress: key)
        }
        guard let entry = Self.entry(for: host, key: key, in: configuration.auths), !entry.isEmpty else { return nil }
        return RegistryAuth(username: entry.username, password: entry.password, identityToken: entry.identityToken,
                            serverAddress: key)
    }

    /// The value stored under `key`, else under any key naming the same host
    /// (the first in sorted order, so the choice is stable).
    private static func entry<Value>(for host: String, key: String, in table: [String: Value]) -> Value? {
        if let value = table[key] { return value }
        for candidate in table.keys.sorted() where RegistryHost.normalize(candidate) == host {
            return table[candidate]
        }
        return nil
    }
}
