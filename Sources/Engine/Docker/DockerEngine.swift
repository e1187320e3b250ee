import AsyncHTTPClient
import ComposeModel
import DockerModel
import Foundation
import NIOCore
import PlanModel

/// A real Docker daemon, spoken to over its Engine HTTP API (JSON) with
/// AsyncHTTPClient, on a unix socket or plain TCP.
///
/// Create one with `connect(host:environment:configuration:)`, which
/// negotiates the API version (`GET /version`; the lower of the daemon's
/// version and 1.41), and close it with `shutdown()` — or use
/// `withEngine(host:environment:configuration:_:)`, which does both.
public final class DockerEngine: ContainerEngine {
    /// Connection settings.
    public struct Configuration: Sendable {
        /// Time allowed to open a connection.
        public var connectTimeout: Duration
        /// Deadline of one API call (a stop adds its own timeout to it).
        public var requestTimeout: Duration
        /// Connections kept open to the daemon at once: the bound on
        /// parallel calls (AsyncHTTPClient's default, 8, would serialize a plan).
        public var maximumConnections: Int
        /// The highest API version used, whatever the daemon offers.
        public var maximumAPIVersion: String
        /// Deadline of one image pull or build, its output stream included.
        public var pullTimeout: Duration

        public init(connectTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(120),
                    maximumConnections: Int = 256, maximumAPIVersion: String = "1.41", pullTimeout: Duration = .seconds(3600)) {
            self.connectTimeout = connectTimeout
            self.requestTimeout = requestTimeout
            self.maximumConnections = maximumConnections
            self.maximumAPIVersion = maximumAPIVersion
            self.pullTimeout = pullTimeout
        }
    }

    /// The daemon's address.
    public let host: DockerHost
    /// The negotiated API version (`1.41` against Engine 20.10).
    public let apiVersion: String
    /// The daemon's `GET /version` answer, unmodified.
    public let version: JSONValue
    let transport: DockerTransport
    /// `Configuration.pullTimeout`.
    let pullTimeout: Duration

    private init(host: DockerHost, apiVersion: String, version: JSONValue, transport: DockerTransport, pullTimeout: Duration) {
        self.host = host
        self.apiVersion = apiVersion
        self.version = version
        self.transport = transport
        self.pullTimeout = pullTimeout
    }

    /// Connects to the daemon at `host` (`-H`), else of docker CLI context
    /// `context` (`--context`), else `DOCKER_HOST` from `environment`, else
    /// `DOCKER_CONTEXT`, else the CLI's current context, else
    /// `unix:///var/run/docker.sock` (`DockerEndpoint.resolve`), and
    /// negotiates the API version. The caller must `shutdown()` the engine it gets.
    ///
    /// - Throws: `EngineError` (`.invalidRequest` for a bad address,
    ///   `.unreachable` when no daemon answers).
    public static func connect(host address: String? = nil, context: String? = nil,
                               tls tlsOptions: DockerTLSOptions = DockerTLSOptions(),
                               environment: [String: String] = ProcessInfo.processInfo.environment,
                               configuration: Configuration = Configuration()) async throws -> DockerEngine {
        // -H, --context, DOCKER_HOST, DOCKER_CONTEXT, the CLI's current context;
        // TLS applies to TCP daemons only, as with the docker CLI.
        let endpoint = try DockerEndpoint.resolve(host: address, context: context, tls: tlsOptions, environment: environment)
        let host = endpoint.host
        let tls = endpoint.tls
        var httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: try tls?.clientConfiguration(),
            timeout: .init(connect: DockerTransport.timeAmount(configuration.connectTimeout)),
            connectionPool: .init(idleTimeout: .seconds(60),
                                  concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, configuration.maximumConnections))
        )
        httpConfiguration.connectionPool.retryConnectionEstablishment = false
        httpConfiguration.httpVersion = .http1Only
        let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        let transport = DockerTransport(client: client, host: host, baseURL: host.baseURL(tls: tls != nil),
                                        requestTimeout: configuration.requestTimeout)
        do {
            let version = try await transport.json(.GET, "/version", timeout: configuration.connectTimeout + .seconds(20))
            let daemonVersion = version["ApiVersion"]?.stringValue ?? configuration.maximumAPIVersion
            let apiVersion = APIVersion.lower(daemonVersion, configuration.maximumAPIVersion)
            return DockerEngine(host: host, apiVersion: apiVersion, version: version, transport: transport,
                                pullTimeout: configuration.pullTimeout)
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    /// Connects, runs `body` with the engine, and shuts the connection down
    /// whatever `body` does.
    public static func withEngine<Result: Sendable>(
        host address: String? = nil,
        tls: DockerTLSOptions = DockerTLSOptions(),
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configuration: Configuration = Configuration(),
        _ body: (DockerEngine) async throws -> Result
    ) async throws -> Result {
        let engine = try await connect(host: address, tls: tls, environment: environment, configuration: configuration)
        do {
            let result = try await body(engine)
            try await engine.shutdown()
            return result
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    /// Closes the connections. Call it once the engine is no longer needed
    /// (AsyncHTTPClient traps in debug builds on a client that was never
    /// shut down). Calling it again does nothing.
    public func shutdown() async throws {
        do {
            try await transport.client.shutdown()
        } catch let error as HTTPClientError where error == .alreadyShutdown {
            return
        }
    }

    /// `/v1.41` + `path`.
    func path(_ path: String) -> String { "/v\(apiVersion)\(path)" }

    static func escape(_ component: String) -> String { DockerTransport.escapePath(component) }

    // MARK: - Identity and observation

    public func identity() async throws -> EngineIdentity {
        EngineIdentity(kind: "docker", host: host.description, version: version["Version"]?.stringValue,
                       apiVersion: apiVersion)
    }

    public func snapshot(project: String) async throws -> Snapshot {
        let filters: JSONValue = ["label": .array([.string("\(ComposeLabel.project)=\(project)")])]
        let filterText = String(decoding: try JSONEncoder().encode(filters), as: UTF8.self)
        async let containers = transport.json(.GET, path("/containers/json"), query: [("all", "1"), ("filters", filterText)])
        async let networks = transport.json(.GET, path("/networks"), query: [("filters", filterText)])
        async let volumes = transport.json(.GET, path("/volumes"), query: [("filters", filterText)])
        // The filters already restrict the lists to the project; `filtered`
        // guards against a daemon that ignores them.
        return Snapshot(engine: version, containers: try await containers.arrayValue ?? [],
                        networks: try await networks.arrayValue ?? [],
                        volumes: try await volumes["Volumes"]?.arrayValue ?? [])
            .filtered(toProject: project)
    }

    public func inspectContainer(_ reference: String) async throws -> ContainerInspection {
        ContainerInspection(try await transport.json(.GET, path("/containers/\(Self.escape(reference))/json")))
    }
}

/// Docker API version strings (`1.41`), compared numerically.
enum APIVersion {
    /// The lower of two versions.
    static func lower(_ left: String, _ right: String) -> String {
        func parts(_ text: String) -> [Int] { text.split(separator: ".").map { Int($0) ?? 0 } }
        return parts(left).lexicographicallyPrecedes(parts(right)) ? left : right
    }
}
