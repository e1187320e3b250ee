import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// Builds Docker-API-shaped snapshots for tests, with compose labels.
public struct SnapshotBuilder {
    public var project: String
    public private(set) var containers: [JSONValue] = []
    public private(set) var networks: [JSONValue] = []
    public private(set) var volumes: [JSONValue] = []
    /// The `images` array; `nil` (the default) leaves images unknown.
    public var images: [JSONValue]?

    public init(project: String = "demo") {
        self.project = project
    }

    /// A deterministic 64-character id starting with `seed`.
    public static func id(_ seed: String) -> String {
        let cleaned = seed.lowercased().filter { $0.isLetter || $0.isNumber }
        return String((cleaned + String(repeating: "0", count: 64)).prefix(64))
    }

    /// Adds a container of `service`; `networks` maps network names to ids,
    /// `volumes` lists (volume name, destination) mounts.
    @discardableResult
    public mutating func container(service: String, number: Int = 1, state: String = "running", hash: String,
                                   id: String? = nil, name: String? = nil, networks: [String: String] = [:],
                                   volumes: [(name: String, destination: String)] = [], oneOff: Bool = false,
                                   created: Int = 1_700_000_000, extraLabels: [String: String] = [:]) -> String {
        let containerID = id ?? Self.id("\(service)\(number)")
        var labels: [String: JSONValue] = [
            ComposeLabel.project: .string(project), ComposeLabel.service: .string(service),
            ComposeLabel.containerNumber: .string(String(number)), ComposeLabel.oneoff: .string(oneOff ? "True" : "False"),
            ComposeLabel.configHash: .string(hash),
        ]
        for (key, value) in extraLabels { labels[key] = .string(value) }
        var networkObjects: [String: JSONValue] = [:]
        for (networkName, networkID) in networks { networkObjects[networkName] = ["NetworkID": .string(networkID)] }
        containers.append([
            "Id": .string(containerID), "Names": [.string("/" + (name ?? "\(project)-\(service)-\(number)"))],
            "Image": "busybox", "State": .string(state), "Created": .int(created), "Labels": .object(labels),
            "Mounts": .array(volumes.map { ["Type": "volume", "Name": .string($0.name), "Destination": .string($0.destination)] }),
            "NetworkSettings": ["Networks": .object(networkObjects)],
        ])
        return containerID
    }

    /// Adds a container with arbitrary labels (other projects, unlabelled …).
    public mutating func rawContainer(_ object: JSONValue) {
        containers.append(object)
    }

    @discardableResult
    public mutating func network(key: String, name: String? = nil, id: String? = nil, hash: String, created: String? = nil) -> String {
        let networkID = id ?? Self.id("net\(key)")
        var network: [String: JSONValue] = [
            "Id": .string(networkID), "Name": .string(name ?? "\(project)_\(key)"), "Driver": "bridge",
            "Labels": [ComposeLabel.project: .string(project), ComposeLabel.network: .string(key), ComposeLabel.configHash: .string(hash)],
        ]
        if let created { network["Created"] = .string(created) }
        networks.append(.object(network))
        return networkID
    }

    public mutating func volume(key: String, name: String? = nil, hash: String) {
        volumes.append([
            "Name": .string(name ?? "\(project)_\(key)"), "Driver": "local",
            "Labels": [ComposeLabel.project: .string(project), ComposeLabel.volume: .string(key), ComposeLabel.configHash: .string(hash)],
        ])
    }

    /// Records `reference` as observed: present with ID `id` (absent when
    /// `nil`), pulled from the registry as `localDigest` (a `RepoDigests`
    /// entry) at `lastTagTime`, and the registry's current digest (or the
    /// error it answered).
    public mutating func image(_ reference: String, id: String? = nil, localDigest: String? = nil, lastTagTime: String? = nil,
                               registryDigest: String? = nil, registryError: String? = nil) {
        var entry: [String: JSONValue] = ["Reference": .string(reference)]
        if let id {
            let name = reference.split(separator: "@").first.map { part -> String in
                let text = String(part)
                guard let colon = text.lastIndex(of: ":"), !text[colon...].contains("/") else { return text }
                return String(text[..<colon])
            } ?? reference
            entry["Image"] = [
                "Id": .string(id), "RepoTags": [.string(reference)],
                "RepoDigests": .array(localDigest.map { [.string("\(name)@\($0)")] } ?? []),
                "Size": 1_000_000, "Metadata": ["LastTagTime": .string(lastTagTime ?? "0001-01-01T00:00:00Z")],
            ]
        }
        if let registryDigest { entry["RegistryDigest"] = .string(registryDigest) }
        if let registryError { entry["RegistryError"] = .string(registryError) }
        images = (images ?? []) + [.object(entry)]
    }

    public var snapshot: Snapshot {
        Snapshot(engine: ["ApiVersion": "1.41", "Version": "20.10.24"], containers: containers, networks: networks, volumes: volumes,
                 images: images)
    }
}
