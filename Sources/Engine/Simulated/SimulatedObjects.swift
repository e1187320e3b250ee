import ComposeModel
import Foundation

/// A simulated container, as the engine keeps it.
struct SimulatedContainer: Sendable {
    var id: String
    var name: String
    var image: String
    var labels: [String: String]
    /// `created`, `running`, `paused`, `restarting`, `exited` or `dead`.
    var state: String
    var created: Date
    var startedAt: Date?
    var finishedAt: Date?
    /// When it last started, on the engine's clock (health and exits are timed from it).
    var startedInstant: ContinuousClock.Instant?
    var exitCode = 0
    var hasHealthcheck: Bool
    /// A health reported by a seed snapshot, used until the container starts again.
    var seededHealth: String?
    var mounts: [SimulatedMount]
    /// Connected networks by network name.
    var endpoints: [String: SimulatedEndpoint]
    /// `HostConfig.NetworkMode`.
    var networkMode: String
    /// `HostConfig.IpcMode` / `PidMode` (`container:<id>` ones must be running at start).
    var ipcMode: String?
    var pidMode: String?
    /// The ID of the image it was created from (`sha256:…`), if created here.
    var imageID: String?
    /// The create body (`Config` and `HostConfig` for inspection), if created here.
    var body: JSONValue?
    /// The list entry a seed snapshot gave (unknown fields are kept).
    var seed: JSONValue?
    /// The inspect answer a seed snapshot gave (its `inspections`), if any:
    /// what inspecting the container shows, with the current state.
    var inspectionSeed: JSONValue?
    /// Files written with `copyFiles`, by absolute path.
    var files: [String: ContainerFile] = [:]

    var isRunning: Bool { state == "running" || state == "restarting" || state == "paused" }
}

/// A volume or bind mount of a simulated container.
struct SimulatedMount: Sendable, Hashable {
    var type: String
    var name: String
    var source: String
    var destination: String
    var readWrite: Bool
    var driver: String
}

/// A container's attachment to a network.
struct SimulatedEndpoint: Sendable {
    var networkID: String
    var aliases: [String]
    var settings: JSONValue
    var ipAddress: String
    var macAddress: String
    var endpointID: String
    /// The endpoint object a seed snapshot gave.
    var seed: JSONValue?
}

/// A simulated network.
struct SimulatedNetwork: Sendable {
    var id: String
    var name: String
    var driver: String
    var labels: [String: String]
    var created: Date
    /// Second octet of its 172.x.0.0/16 subnet, and the next host number.
    var subnet: Int
    var nextHost = 2
    var body: JSONValue?
    var seed: JSONValue?
    /// `bridge`, `host` and `none` cannot be removed.
    var isPredefined = false
}

/// A simulated volume.
struct SimulatedVolume: Sendable {
    var name: String
    var driver: String
    var labels: [String: String]
    var options: [String: String]
    var created: Date
    var seed: JSONValue?
}

/// A local image of the simulated engine.
struct SimulatedImage: Sendable {
    /// `sha256:…`.
    var id: String
    var repoTags: [String]
    /// `name@sha256:…` (empty for an image that was never pulled).
    var repoDigests: [String]
    var size: Int
    var lastTagTime: Date?
    /// The inspect answer a seed snapshot gave (unknown fields are kept).
    var seed: JSONValue?
}

/// An image held by the simulated registry.
public struct SimulatedRegistryImage: Hashable, Sendable {
    /// The manifest digest (`sha256:…`) `distributionDigest` answers and a pull reports.
    public var digest: String
    /// The ID (`sha256:…`) the image gets locally once pulled.
    public var id: String
    /// Bytes a pull downloads.
    public var size: Int

    public init(digest: String, id: String, size: Int) {
        self.digest = digest
        self.id = id
        self.size = size
    }
}
