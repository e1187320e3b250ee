import ComposeModel
import DockerModel
import PlanModel

/// A typed view of `GET /containers/{id}/json`: what the executor needs to
/// wait for conditions and to inherit anonymous volumes. The whole answer is
/// kept in `json`.
public struct ContainerInspection: Hashable, Sendable {
    public var id: String
    /// The name without its leading `/`.
    public var name: String
    /// The image the container was created from (`Config.Image`).
    public var image: String
    public var labels: [String: String]
    /// `State.Status`: `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var status: String
    public var isRunning: Bool
    /// `State.ExitCode` (meaningful once the container has exited).
    public var exitCode: Int
    /// `State.Health.Status` (`starting`, `healthy`, `unhealthy`), `nil`
    /// without a health check.
    public var health: String?
    public var mounts: [ContainerSummary.Mount]
    /// Connected networks: network name → network id.
    public var networks: [String: String]
    /// The daemon's answer, unmodified.
    public var json: JSONValue

    public init(_ json: JSONValue) {
        self.json = json
        id = json["Id"]?.stringValue ?? ""
        let rawName = json["Name"]?.stringValue ?? ""
        name = rawName.hasPrefix("/") ? String(rawName.dropFirst()) : rawName
        image = json["Config"]?["Image"]?.stringValue ?? json["Image"]?.stringValue ?? ""
        labels = json["Config"]?["Labels"]?.stringDictionary ?? [:]
        let state = json["State"]
        status = state?["Status"]?.stringValue ?? ""
        isRunning = state?["Running"]?.boolValue ?? (status == "running")
        exitCode = state?["ExitCode"]?.intValue ?? 0
        health = state?["Health"]?["Status"]?.stringValue
        mounts = (json["Mounts"]?.arrayValue ?? []).map { mount in
            ContainerSummary.Mount(type: mount["Type"]?.stringValue ?? "", name: mount["Name"]?.stringValue ?? "",
                                   source: mount["Source"]?.stringValue ?? "",
                                   destination: mount["Destination"]?.stringValue ?? "")
        }
        var networks: [String: String] = [:]
        for (network, settings) in json["NetworkSettings"]?["Networks"]?.objectValue ?? [:] {
            networks[network] = settings["NetworkID"]?.stringValue ?? ""
        }
        self.networks = networks
    }

    /// The anonymous volumes of the container, by destination: volume mounts
    /// whose name is a 64-hex-digit id (what Docker names an anonymous
    /// volume). A replacement container mounts the same volumes at the same
    /// destinations to keep their data.
    public var anonymousVolumes: [String: String] {
        var volumes: [String: String] = [:]
        for mount in mounts where mount.type == "volume" && DockerID.isFullID(mount.name) {
            volumes[mount.destination] = mount.name
        }
        return volumes
    }
}
