import ComposeModel
import DockerModel
import Foundation
import PlanModel

extension SimulatedEngine {
    public func identity() async throws -> EngineIdentity {
        EngineIdentity(kind: "simulated", version: configuration.version, apiVersion: configuration.apiVersion)
    }

    /// The daemon's `GET /version` answer, as the simulation reports it.
    var versionJSON: JSONValue {
        ["Version": .string(configuration.version), "ApiVersion": .string(configuration.apiVersion),
         "MinAPIVersion": "1.12", "Os": "linux", "Arch": "amd64", "KernelVersion": "simulated"]
    }

    public func snapshot(project: String) async throws -> Snapshot {
        try await call(.list, project) {
            let belongs = { (labels: [String: String]) in labels[ComposeLabel.project] == project }
            let listed = containers.values.filter { belongs($0.labels) }.sorted { $0.created > $1.created || ($0.created == $1.created && $0.id < $1.id) }
            return Snapshot(
                engine: versionJSON,
                containers: listed.map(listEntry),
                networks: networks.values.filter { belongs($0.labels) }.sorted { $0.name < $1.name }.map(listEntry),
                volumes: volumes.values.filter { belongs($0.labels) }.sorted { $0.name < $1.name }.map(listEntry))
        }
    }

    /// Every container, network and volume the engine holds, whatever their
    /// labels (for tests and diagnostics).
    public func fullSnapshot() -> Snapshot {
        settleExits()
        return Snapshot(engine: versionJSON,
                        containers: containers.values.sorted { $0.name < $1.name }.map(listEntry),
                        networks: networks.values.filter { !$0.isPredefined }.sorted { $0.name < $1.name }.map(listEntry),
                        volumes: volumes.values.sorted { $0.name < $1.name }.map(listEntry))
    }

    /// Whether inspecting the container gives its whole configuration: it
    /// was created here, or the seed snapshot carried its inspect answer.
    /// A container seeded from a list entry alone is inspected with what
    /// the list says (state, labels, mounts, networks), not its
    /// configuration.
    public func knowsConfiguration(of reference: String) -> Bool {
        guard let container = findContainer(reference) else { return false }
        return container.body != nil || container.inspectionSeed != nil
    }

    public func inspectContainer(_ reference: String) async throws -> ContainerInspection {
        try await call(.inspectContainer, reference) {
            guard let container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            return ContainerInspection(inspection(container))
        }
    }

    // MARK: - API objects

    /// A `GET /containers/json` entry.
    func listEntry(_ container: SimulatedContainer) -> JSONValue {
        var entry = container.seed?.objectValue ?? [:]
        entry["Id"] = .string(container.id)
        entry["Names"] = [.string("/" + container.name)]
        entry["Image"] = .string(container.image)
        if entry["ImageID"] == nil { entry["ImageID"] = .string(container.imageID ?? currentImageID(container.image)) }
        if entry["Command"] == nil { entry["Command"] = .string(command(of: container).joined(separator: " ")) }
        entry["Created"] = .int(Int(container.created.timeIntervalSince1970))
        if entry["Ports"] == nil { entry["Ports"] = [] }
        entry["Labels"] = .object(container.labels.mapValues(JSONValue.string))
        entry["State"] = .string(container.state)
        entry["Status"] = .string(status(of: container))
        entry["HostConfig"] = ["NetworkMode": .string(container.networkMode)]
        entry["NetworkSettings"] = ["Networks": .object(container.endpoints.mapValues { endpoint in
            endpointJSON(endpoint, running: container.isRunning, listing: true)
        })]
        entry["Mounts"] = .array(container.mounts.map(mountJSON))
        return .object(entry)
    }

    /// A `GET /containers/{id}/json` answer.
    func inspection(_ container: SimulatedContainer) -> JSONValue {
        let iso = timestamps
        let zero = "0001-01-01T00:00:00Z"
        var state: [String: JSONValue] = [
            "Status": .string(container.state), "Running": .bool(container.isRunning),
            "Paused": .bool(container.state == "paused"), "Restarting": .bool(container.state == "restarting"),
            "OOMKilled": false, "Dead": .bool(container.state == "dead"), "Pid": .int(container.state == "running" ? 4242 : 0),
            "ExitCode": .int(container.exitCode), "Error": "",
            "StartedAt": .string(container.startedAt.map(iso.string) ?? zero),
            "FinishedAt": .string(container.finishedAt.map(iso.string) ?? zero),
        ]
        if let health = health(of: container) {
            state["Health"] = ["Status": .string(health), "FailingStreak": .int(health == "unhealthy" ? 3 : 0), "Log": []]
        }
        if var seeded = container.inspectionSeed?.objectValue {
            seeded["State"] = .object(state)
            seeded["Name"] = .string("/" + container.name)
            return .object(seeded)
        }
        var config = container.body?.objectValue ?? [:]
        config["HostConfig"] = nil
        config["NetworkingConfig"] = nil
        config["Image"] = .string(container.image)
        config["Labels"] = .object(container.labels.mapValues(JSONValue.string))
        var hostConfig = container.body?["HostConfig"]?.objectValue ?? [:]
        hostConfig["NetworkMode"] = .string(container.networkMode)
        let command = command(of: container)
        return [
            "Id": .string(container.id), "Created": .string(iso.string(from: container.created)),
            "Path": .string(command.first ?? ""), "Args": .array(command.dropFirst().map(JSONValue.string)),
            "State": .object(state),
            "Image": .string(container.seed?["ImageID"]?.stringValue ?? container.imageID ?? currentImageID(container.image)),
            "Name": .string("/" + container.name), "RestartCount": 0, "HostConfig": .object(hostConfig),
            "Mounts": .array(container.mounts.map(mountJSON)), "Config": .object(config),
            "NetworkSettings": ["Networks": .object(container.endpoints.mapValues { endpoint in
                endpointJSON(endpoint, running: container.isRunning, listing: false)
            })],
        ]
    }

    private func command(of container: SimulatedContainer) -> [String] {
        let entrypoint = container.body?["Entrypoint"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let cmd = container.body?["Cmd"]?.arrayValue?.compactMap(\.stringValue) ?? []
        return entrypoint + cmd
    }

    /// `Up 3 seconds (healthy)`, `Exited (0) 2 seconds ago`, `Created`, … (coarse, like `docker ps`).
    private func status(of container: SimulatedContainer) -> String {
        switch container.state {
        case "running", "restarting", "paused":
            var text = "Up " + Self.humanDuration(since: container.startedAt ?? container.created)
            if container.state == "paused" { text += " (Paused)" }
            switch health(of: container) {
            case "healthy": text += " (healthy)"
            case "unhealthy": text += " (unhealthy)"
            case "starting": text += " (health: starting)"
            default: break
            }
            return text
        case "exited":
            return "Exited (\(container.exitCode)) \(Self.humanDuration(since: container.finishedAt ?? container.created)) ago"
        case "dead": return "Dead"
        default: return "Created"
        }
    }

    private func endpointJSON(_ endpoint: SimulatedEndpoint, running: Bool, listing: Bool) -> JSONValue {
        var object = endpoint.seed?.objectValue ?? [
            "IPAMConfig": endpoint.settings["IPAMConfig"] ?? .null, "Links": .null, "Gateway": "", "IPPrefixLen": 0,
            "IPv6Gateway": "", "GlobalIPv6Address": "", "GlobalIPv6PrefixLen": 0, "DriverOpts": endpoint.settings["DriverOpts"] ?? .null,
        ]
        object["NetworkID"] = .string(endpoint.networkID)
        object["Aliases"] = listing || endpoint.aliases.isEmpty ? .null : .array(endpoint.aliases.map(JSONValue.string))
        if endpoint.seed == nil {
            object["EndpointID"] = .string(running ? endpoint.endpointID : "")
            object["IPAddress"] = .string(running ? endpoint.ipAddress : "")
            object["MacAddress"] = .string(running ? endpoint.macAddress : "")
            if running, let network = networks[endpoint.networkID] {
                object["Gateway"] = .string("172.\(network.subnet).0.1")
                object["IPPrefixLen"] = 16
            }
        }
        return .object(object)
    }

    private func mountJSON(_ mount: SimulatedMount) -> JSONValue {
        if mount.type == "volume" {
            return ["Type": "volume", "Name": .string(mount.name), "Source": .string(mount.source),
                    "Destination": .string(mount.destination), "Driver": .string(mount.driver), "Mode": "z",
                    "RW": .bool(mount.readWrite), "Propagation": ""]
        }
        return ["Type": .string(mount.type), "Source": .string(mount.source), "Destination": .string(mount.destination),
                "Mode": "", "RW": .bool(mount.readWrite), "Propagation": "rprivate"]
    }

    /// A `GET /networks` entry.
    func listEntry(_ network: SimulatedNetwork) -> JSONValue {
        let iso = timestamps
        var entry = network.seed?.objectValue ?? [
            "Scope": .string(network.driver == "overlay" ? "swarm" : "local"), "EnableIPv6": .bool(network.body?["EnableIPv6"]?.boolValue ?? false),
            "IPAM": ["Driver": "default", "Options": .null, "Config": [
                ["Subnet": .string("172.\(network.subnet).0.0/16"), "Gateway": .string("172.\(network.subnet).0.1")],
            ]],
            "Internal": .bool(network.body?["Internal"]?.boolValue ?? false),
            "Attachable": .bool(network.body?["Attachable"]?.boolValue ?? false), "Ingress": false,
            "ConfigFrom": ["Network": ""], "ConfigOnly": false, "Containers": [:],
            "Options": network.body?["Options"] ?? .object([:]),
        ]
        entry["Name"] = .string(network.name)
        entry["Id"] = .string(network.id)
        if entry["Created"] == nil { entry["Created"] = .string(iso.string(from: network.created)) }
        entry["Driver"] = .string(network.driver)
        entry["Labels"] = .object(network.labels.mapValues(JSONValue.string))
        return .object(entry)
    }

    /// A `Volumes` entry of `GET /volumes`.
    func listEntry(_ volume: SimulatedVolume) -> JSONValue {
        var entry = volume.seed?.objectValue ?? [
            "CreatedAt": .string(ISO8601DateFormatter().string(from: volume.created)),
            "Mountpoint": .string("/var/lib/docker/volumes/\(volume.name)/_data"), "Scope": "local",
            "Options": volume.options.isEmpty ? .null : .object(volume.options.mapValues(JSONValue.string)),
        ]
        entry["Name"] = .string(volume.name)
        entry["Driver"] = .string(volume.driver)
        entry["Labels"] = volume.labels.isEmpty ? .null : .object(volume.labels.mapValues(JSONValue.string))
        return .object(entry)
    }

    static func humanDuration(since date: Date) -> String {
        let seconds = Int(Date().timeIntervalSince(date))
        if seconds < 1 { return "Less than a second" }
        if seconds < 60 { return "\(seconds) seconds" }
        if seconds < 3600 { return "\(seconds / 60) minutes" }
        return "\(seconds / 3600) hours"
    }

    /// A stable fake image digest.
    static func imageID(_ image: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in image.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var generator = SplitMix64(seed: hash)
        return DockerID.make((generator.next(), generator.next(), generator.next(), generator.next()))
    }
}
