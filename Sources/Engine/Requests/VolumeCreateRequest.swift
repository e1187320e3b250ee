import ComposeModel

/// The body of `POST /volumes/create` for one compose volume.
public struct VolumeCreateRequest: Hashable, Sendable {
    /// The Docker name.
    public var name: String
    /// The Engine API body (`Name`, `Driver`, `DriverOpts`, `Labels`).
    public var body: JSONValue

    public init(name: String, body: JSONValue) {
        self.name = name
        self.body = body
    }

    /// The request that creates compose volume `key` of `project` under the
    /// Docker name `name`: the volume's own labels plus
    /// `com.docker.compose.project`, `com.docker.compose.volume=<key>` and
    /// `com.docker.compose.config-hash` (`ConfigHasher.hash(volume:)`).
    public init(key: String, name: String, volume: VolumeConfig, project: String) {
        var labels = volume.labels
        labels[ComposeLabel.project] = project
        labels[ComposeLabel.volume] = key
        labels[ComposeLabel.configHash] = ConfigHasher.hash(volume: volume)
        var body: [String: JSONValue] = [
            "Name": .string(name),
            "Driver": .string(volume.driver.isEmpty ? "local" : volume.driver),
            "Labels": .object(labels.mapValues(JSONValue.string)),
        ]
        if !volume.driverOpts.isEmpty { body["DriverOpts"] = .object(volume.driverOpts.mapValues(JSONValue.string)) }
        self.init(name: name, body: .object(body))
    }

    /// The labels the volume is created with.
    public var labels: [String: String] { body["Labels"]?.stringDictionary ?? [:] }
    /// The driver (`local` when the body names none).
    public var driver: String { body["Driver"]?.stringValue ?? "local" }
}
