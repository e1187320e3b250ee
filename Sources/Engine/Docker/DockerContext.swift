import ComposeModel
import Foundation

/// A docker CLI context (`docker context create`): its Docker endpoint and
/// TLS material, read from the CLI's context store —
/// `$DOCKER_CONFIG/contexts/meta/<sha256 of name>/meta.json` for the
/// endpoint (`Endpoints.docker.Host`, `SkipTLSVerify`) and
/// `$DOCKER_CONFIG/contexts/tls/<sha256 of name>/docker/{ca,cert,key}.pem`
/// for TLS (`DOCKER_CONFIG` defaults to `~/.docker`).
public struct DockerContext: Hashable, Sendable {
    /// The name every docker CLI knows: `-H`, `DOCKER_HOST` or the default socket.
    public static let defaultName = "default"

    public var name: String
    /// The daemon address (`unix:///…`, `tcp://…`).
    public var host: String
    /// `SkipTLSVerify`: TLS without checking the daemon's certificate.
    public var skipTLSVerify: Bool
    /// The context's TLS folder, when it holds TLS material.
    public var tlsDirectory: String?

    public init(name: String, host: String, skipTLSVerify: Bool = false, tlsDirectory: String? = nil) {
        self.name = name
        self.host = host
        self.skipTLSVerify = skipTLSVerify
        self.tlsDirectory = tlsDirectory
    }

    /// The docker CLI's configuration folder: `DOCKER_CONFIG`, else `~/.docker`.
    public static func configDirectory(environment: [String: String]) -> String {
        if let folder = environment["DOCKER_CONFIG"], !folder.isEmpty { return folder }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.docker"
    }

    /// The context the docker CLI would use, in its order (`resolveContextName`):
    /// `--context`; `default` when `-H` or `DOCKER_HOST` names a daemon;
    /// `DOCKER_CONTEXT`; `currentContext` of `config.json`; `default`.
    ///
    /// - Throws: `EngineError.invalidRequest` for both `--context` and `-H`,
    ///   or an unreadable `config.json`.
    public static func selectedName(context: String?, host: String?, environment: [String: String]) throws(EngineError) -> String {
        if let context, !context.isEmpty {
            if let host, !host.isEmpty {
                throw .invalidRequest("conflicting options: cannot specify both --host and --context")
            }
            return context
        }
        if let host, !host.isEmpty { return defaultName }
        if let fromEnvironment = environment["DOCKER_HOST"], !fromEnvironment.isEmpty { return defaultName }
        if let fromEnvironment = environment["DOCKER_CONTEXT"], !fromEnvironment.isEmpty { return fromEnvironment }
        let configFile = configDirectory(environment: environment) + "/config.json"
        guard let data = FileManager.default.contents(atPath: configFile) else { return defaultName }
        struct ConfigFile: Decodable {
            var currentContext: String?
        }
        do {
            let current = try JSONDecoder().decode(ConfigFile.self, from: data).currentContext
            return current.flatMap { $0.isEmpty ? nil : $0 } ?? defaultName
        } catch {
            throw .invalidRequest("\(configFile): not a docker CLI configuration (invalid JSON)")
        }
    }

    /// Reads context `name` from the store.
    ///
    /// - Throws: `EngineError.invalidRequest` when the context does not
    ///   exist, its metadata is not readable, or it has no Docker endpoint.
    public static func load(_ name: String, environment: [String: String]) throws(EngineError) -> DockerContext {
        let digest = SHA256Hex.digest(of: Array(name.utf8))
        let store = configDirectory(environment: environment) + "/contexts"
        let metaFile = "\(store)/meta/\(digest)/meta.json"
        guard let data = FileManager.default.contents(atPath: metaFile) else {
            throw .invalidRequest("context \"\(name)\" not found: no \(metaFile)")
        }
        struct Meta: Decodable {
            struct Endpoint: Decodable {
                var Host: String?
                var SkipTLSVerify: Bool?
            }
            var Endpoints: [String: Endpoint]?
        }
        let meta: Meta
        do {
            meta = try JSONDecoder().decode(Meta.self, from: data)
        } catch {
            throw .invalidRequest("context \"\(name)\": \(metaFile) is not valid context metadata")
        }
        guard let endpoint = meta.Endpoints?["docker"], let host = endpoint.Host, !host.isEmpty else {
            throw .invalidRequest("context \"\(name)\" has no Docker endpoint (\(metaFile))")
        }
        let tlsDirectory = "\(store)/tls/\(digest)/docker"
        let hasTLS = ["ca.pem", "cert.pem", "key.pem"].contains { FileManager.default.fileExists(atPath: "\(tlsDirectory)/\($0)") }
        return DockerContext(name: name, host: host, skipTLSVerify: endpoint.SkipTLSVerify ?? false,
                             tlsDirectory: hasTLS ? tlsDirectory : nil)
    }

    /// TLS for the context's endpoint as the docker CLI sets it up: on when
    /// the context has TLS material or skips verification; the daemon's
    /// certificate checked against the context's `ca.pem` unless
    /// `SkipTLSVerify`; the client certificate when both files exist.
    public var tls: DockerTLS? {
        guard let folder = tlsDirectory else {
            // SkipTLSVerify without material: TLS, no CA, no client certificate.
            return skipTLSVerify ? DockerTLS(verify: false, caFile: "", certificateFile: "", keyFile: "") : nil
        }
        return DockerTLS(verify: !skipTLSVerify, caFile: folder + "/ca.pem", certificateFile: folder + "/cert.pem",
                         keyFile: folder + "/key.pem")
    }
}

/// Where `DockerEngine.connect` goes: the address and TLS of the daemon
/// named by `-H`, `--context` and the environment, with the docker CLI's
/// precedence.
public struct DockerEndpoint: Hashable, Sendable {
    public var host: DockerHost
    public var tls: DockerTLS?
    /// The context used (`default` for `-H`, `DOCKER_HOST` or the default socket).
    public var context: String

    public init(host: DockerHost, tls: DockerTLS?, context: String) {
        self.host = host
        self.tls = tls
        self.context = context
    }

    /// The endpoint for `-H` (`host`), `--context` (`context`) and the TLS
    /// options: a named context gives its host and TLS material (the TLS
    /// options and variables then do not apply, as with the docker CLI);
    /// `default` uses `-H`, else `DOCKER_HOST`, else the default socket,
    /// with `DockerTLS.resolve`. TLS applies to TCP daemons only.
    public static func resolve(host: String?, context: String?, tls options: DockerTLSOptions,
                               environment: [String: String]) throws(EngineError) -> DockerEndpoint {
        let name = try DockerContext.selectedName(context: context, host: host, environment: environment)
        if name == DockerContext.defaultName {
            let address = try DockerHost.resolve(explicit: host, environment: environment)
            var tls: DockerTLS?
            if case .tcp = address { tls = DockerTLS.resolve(options, environment: environment) }
            return DockerEndpoint(host: address, tls: tls, context: name)
        }
        let stored = try DockerContext.load(name, environment: environment)
        let address = try DockerHost(parsing: stored.host)
        var tls: DockerTLS?
        if case .tcp = address { tls = stored.tls }
        return DockerEndpoint(host: address, tls: tls, context: name)
    }
}
