import ComposeModel
import DockerModel
import Foundation

/// What races and other tools leave beside a project, added to a random
/// scenario's live state: duplicated networks (same name and labels,
/// another id, some of the project's containers connected to the copy),
/// copied volumes (same labels and hash, another name), and foreign
/// containers whose names look like the project's but that carry no
/// compose label (composeplan must never touch them).
public enum RandomHazards {
    /// What foreign containers' names end with, after a project
    /// container's name: never a name the project's containers can take.
    public static let foreignSuffixes = ["-backup", "-old", "_copy", ".bak"]

    static func add(to snapshot: Snapshot, of project: Project, _ random: inout SplitMix) -> Snapshot {
        var snapshot = snapshot
        var containers = snapshot.containers
        for network in snapshot.networks where random.chance(0.35) {
            guard let name = network["Name"]?.stringValue, let originalID = network["Id"]?.stringValue,
                  case .object(var copy) = network else { continue }
            let copyID = random.hex(64)
            copy["Id"] = .string(copyID)
            // Created a moment before or after the original.
            copy["Created"] = .string(random.chance(0.5) ? "2026-01-01T10:00:00Z" : "2026-03-01T10:00:00Z")
            snapshot.networks.append(.object(copy))
            // Some of the containers on the network were connected to the copy.
            for index in containers.indices where random.chance(0.5) {
                guard containers[index]["NetworkSettings"]?["Networks"]?[name]?["NetworkID"]?.stringValue == originalID else { continue }
                containers[index] = Self.reconnecting(containers[index], network: name, to: copyID)
            }
        }
        for volume in snapshot.volumes where random.chance(0.3) {
            guard let name = volume["Name"]?.stringValue, case .object(var copy) = volume else { continue }
            copy["Name"] = .string(name + "_copy")
            snapshot.volumes.append(.object(copy))
        }
        let services = project.serviceNames
        for index in 0..<random.int(below: 3) where !services.isEmpty {
            let service = services[random.int(below: services.count)]
            let suffix = foreignSuffixes[random.int(below: foreignSuffixes.count)]
            let running = random.chance(0.5)
            containers.append([
                "Id": .string(random.hex(64)), "Names": [.string("/\(project.name)-\(service)-1\(suffix)\(index)")],
                "Image": "registry.test/foreign", "State": .string(running ? "running" : "exited"),
                "Status": .string(running ? "Up 2 hours" : "Exited (0) 2 hours ago"), "Created": 1_600_000_000,
                "Labels": ["maintainer": "someone else"], "Mounts": [], "NetworkSettings": ["Networks": [:]],
            ])
        }
        snapshot.containers = containers
        return snapshot
    }

    private static func reconnecting(_ container: JSONValue, network name: String, to id: String) -> JSONValue {
        guard case .object(var object) = container, case .object(var settings)? = object["NetworkSettings"],
              case .object(var networks)? = settings["Networks"], case .object(var endpoint)? = networks[name] else { return container }
        endpoint["NetworkID"] = .string(id)
        networks[name] = .object(endpoint)
        settings["Networks"] = .object(networks)
        object["NetworkSettings"] = .object(settings)
        return .object(object)
    }

    /// The foreign containers of `snapshot` (no compose project label).
    public static func foreignContainers(in snapshot: Snapshot) -> [(id: String, name: String, state: String)] {
        snapshot.containers.compactMap { container in
            guard container["Labels"]?[ComposeLabel.project] == nil, let id = container["Id"]?.stringValue else { return nil }
            let name = String(container["Names"]?.arrayValue?.first?.stringValue?.dropFirst() ?? "")
            return (id, name, container["State"]?.stringValue ?? "")
        }
    }
}
