import ComposeModel
import DockerModel
import Foundation
import PlanModel

extension SimulatedEngine {
    /// Adds a snapshot's objects, keeping their ids, names, labels, states,
    /// mounts and connections (and their unknown fields, returned unchanged
    /// by later snapshots). Networks and volumes that containers refer to but
    /// the snapshot does not list (external ones) are added without labels.
    /// The `images` entries say which images are present, and what the
    /// registry holds. The `swarm` arrays become the simulated Swarm
    /// (`loadSwarm`).
    func load(_ snapshot: Snapshot) {
        if let images = snapshot.imageObservations {
            modelsImages = true
            loadImages(images)
        }
        for json in snapshot.networks {
            let summary = NetworkSummary(json)
            // Two networks of one name are kept apart by id (a race left them);
            // a predefined network listed again is not.
            guard !summary.name.isEmpty, summary.id.isEmpty ? networkIDsByName[summary.name] == nil : networks[summary.id] == nil,
                  networkIDsByName[summary.name]?.contains(where: { networks[$0]?.isPredefined == true }) != true else { continue }
            let id = summary.id.isEmpty ? makeID() : summary.id
            register(SimulatedNetwork(id: id, name: summary.name, driver: summary.driver.isEmpty ? "bridge" : summary.driver,
                                      labels: summary.labels, created: Self.date(json["Created"]) ?? Date(),
                                      subnet: allocateSubnet(), seed: json))
        }
        for json in snapshot.volumes {
            let summary = VolumeSummary(json)
            guard !summary.name.isEmpty else { continue }
            volumes[summary.name] = SimulatedVolume(name: summary.name, driver: summary.driver.isEmpty ? "local" : summary.driver,
                                                    labels: summary.labels, options: json["Options"]?.stringDictionary ?? [:],
                                                    created: Self.date(json["CreatedAt"]) ?? Date(), seed: json)
        }
        let inspections = Dictionary(snapshot.inspections.compactMap { json in json["Id"]?.stringValue.map { ($0, json) } },
                                     uniquingKeysWith: { first, _ in first })
        for json in snapshot.containers {
            let summary = ContainerSummary(json)
            guard !summary.name.isEmpty, containerIDsByName[summary.name] == nil else { continue }
            let id = summary.id.isEmpty ? makeID() : summary.id
            let status = json["Status"]?.stringValue ?? ""
            var container = SimulatedContainer(
                id: id, name: summary.name, image: summary.image, labels: summary.labels,
                state: summary.state.isEmpty ? "created" : summary.state,
                created: Date(timeIntervalSince1970: TimeInterval(summary.created)),
                hasHealthcheck: Self.health(inStatus: status) != nil || !summary.state.hasPrefix("running"),
                seededHealth: Self.health(inStatus: status), mounts: [], endpoints: [:],
                networkMode: json["HostConfig"]?["NetworkMode"]?.stringValue ?? "default", seed: json)
            container.inspectionSeed = inspections[id]
            container.exitCode = Self.exitCode(inStatus: status) ?? 0
            if container.state == "running" { container.startedAt = Date() }
            for mount in summary.mounts {
                container.mounts.append(SimulatedMount(type: mount.type, name: mount.name, source: mount.source,
                                                       destination: mount.destination, readWrite: true,
                                                       driver: mount.type == "volume" ? "local" : ""))
                if mount.type == "volume", !mount.name.isEmpty, volumes[mount.name] == nil {
                    volumes[mount.name] = SimulatedVolume(name: mount.name, driver: "local", labels: [:], options: [:], created: Date())
                }
            }
            let endpointObjects = json["NetworkSettings"]?["Networks"]?.objectValue ?? [:]
            for (networkName, networkID) in summary.networks {
                if networkIDsByName[networkName] == nil && networks[networkID] == nil {
                    let id = networkID.isEmpty ? makeID() : networkID
                    register(SimulatedNetwork(id: id, name: networkName, driver: "bridge", labels: [:], created: Date(),
                                              subnet: allocateSubnet()))
                }
                let endpoint = endpointObjects[networkName]
                container.endpoints[networkName] = SimulatedEndpoint(
                    networkID: networkID.isEmpty ? (networkIDsByName[networkName]?.first ?? "") : networkID,
                    aliases: endpoint?["Aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [],
                    settings: .object([:]), ipAddress: endpoint?["IPAddress"]?.stringValue ?? "",
                    macAddress: endpoint?["MacAddress"]?.stringValue ?? "",
                    endpointID: endpoint?["EndpointID"]?.stringValue ?? "", seed: endpoint)
            }
            if !summary.image.isEmpty { knownImages?.insert(summary.image) }
            containers[id] = container
            containerIDsByName[summary.name] = id
        }
        if let swarm = snapshot.swarm { loadSwarm(swarm) }
    }

    /// `healthy`, `unhealthy` or `starting` from a list entry's `Status`
    /// (`Up 5 minutes (healthy)`, `Up 2 seconds (health: starting)`).
    static func health(inStatus status: String) -> String? {
        if status.contains("(healthy)") { return "healthy" }
        if status.contains("(unhealthy)") { return "unhealthy" }
        if status.contains("(health: starting)") { return "starting" }
        return nil
    }

    /// The code in `Exited (3) 5 minutes ago`.
    static func exitCode(inStatus status: String) -> Int? {
        guard status.hasPrefix("Exited ("), let close = status.firstIndex(of: ")") else { return nil }
        return Int(status[status.index(status.startIndex, offsetBy: 8)..<close])
    }

    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue else { return nil }
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.date(from: text)
    }
}
