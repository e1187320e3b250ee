import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// A random compose project and a random live state of it, for property
/// tests: services with dependencies (started/healthy, restart, optional),
/// scales 0–3, several networks, named volumes, `volumes_from` and
/// `network_mode: service:X`; a state where each network and volume may be
/// missing, up to date or diverged, each container may be missing, stale,
/// stopped, paused or dead, and orphans may linger.
public struct RandomScenario {
    public let seed: UInt64
    public let yaml: String
    public let project: Project
    public let snapshot: Snapshot

    /// - Parameter images: also random image states (``RandomImages``):
    ///   pull policies, shared images, images absent, present, or behind
    ///   the registry, and containers labelled with their image's ID or
    ///   another. Without it the snapshot has no `images` array, and the
    ///   scenario of a seed is what it always was.
    /// - Parameter hazards: also what races and other tools leave
    ///   (``RandomHazards``): duplicated networks and volumes, foreign
    ///   containers with look-alike names.
    public init(seed: UInt64, images: Bool = false, hazards: Bool = false) throws {
        self.seed = seed
        var random = SplitMix(seed: seed)
        var imageRandom = SplitMix(seed: seed &+ 0x5EED_1_3A6E)
        var yaml = Self.makeYAML(&random)
        if images { yaml = RandomImages.addPolicies(to: yaml, &imageRandom) }
        self.yaml = yaml
        let directory = try TemporaryDirectory(prefix: "scenario")
        defer { directory.remove() }
        try directory.write("compose.yaml", yaml)
        project = try ProjectLoader().load(LoadOptions(projectName: "prop", environment: [:], currentDirectory: directory.path))
        var snapshot = Self.makeState(project, &random)
        if images { snapshot = RandomImages.addImages(to: snapshot, of: project, &imageRandom) }
        if hazards {
            var hazardRandom = SplitMix(seed: seed &+ 0x4A2A_8D5)
            snapshot = RandomHazards.add(to: snapshot, of: project, &hazardRandom)
        }
        self.snapshot = snapshot
    }

    // MARK: - Project

    static func makeYAML(_ random: inout SplitMix) -> String {
        let count = 2 + random.int(below: 6)
        var yaml = "services:\n"
        var healthchecked = Set<Int>()
        var namespaceParents = Set<Int>()
        var usedVolumes = Set<Int>()
        var usedNetworks = Set<Int>()
        var runningServices = Set<Int>()
        for index in 0..<count {
            let isNamespaceParent = index < count - 1 && random.chance(0.15)
            let scale = isNamespaceParent ? 1 : random.int(below: 4)
            yaml += "  s\(index):\n    image: registry.test/s\(index):\(random.int(below: 3))\n    scale: \(scale)\n"
            yaml += "    environment:\n      ROLE: s\(index)\n"
            if isNamespaceParent { namespaceParents.insert(index) }
            if scale > 0 { runningServices.insert(index) }
            if random.chance(0.4) {
                healthchecked.insert(index)
                yaml += "    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: 1s\n"
            }
            var dependsOn: [String] = []
            var usesNamespace = false
            if index > 0 {
                for dependency in 0..<index where random.chance(0.3) {
                    var entry = "      s\(dependency):\n"
                    let healthy = healthchecked.contains(dependency) && random.chance(0.5)
                    entry += "        condition: \(healthy ? "service_healthy" : "service_started")\n"
                    if random.chance(0.25) { entry += "        restart: true\n" }
                    if random.chance(0.15) { entry += "        required: false\n" }
                    dependsOn.append(entry)
                }
                if let parent = namespaceParents.filter({ $0 < index }).sorted().first, random.chance(0.5) {
                    yaml += "    network_mode: \"service:s\(parent)\"\n"
                    usesNamespace = true
                } else if let source = runningServices.filter({ $0 < index }).sorted().first, random.chance(0.15) {
                    yaml += "    volumes_from: [\"s\(source)\"]\n"
                }
            }
            if !usesNamespace && random.chance(0.6) {
                let networks = Set((0..<(1 + random.int(below: 2))).map { _ in random.int(below: 3) }).sorted()
                usedNetworks.formUnion(networks)
                yaml += "    networks: [\(networks.map { "n\($0)" }.joined(separator: ", "))]\n"
            }
            if random.chance(0.4) {
                let volume = random.int(below: 2)
                usedVolumes.insert(volume)
                yaml += "    volumes: [\"v\(volume):/data\"]\n"
            }
            if !dependsOn.isEmpty { yaml += "    depends_on:\n" + dependsOn.joined() }
        }
        if !usedNetworks.isEmpty {
            yaml += "networks:\n" + usedNetworks.sorted().map { "  n\($0): {}\n" }.joined()
        }
        if !usedVolumes.isEmpty {
            yaml += "volumes:\n" + usedVolumes.sorted().map { "  v\($0): {}\n" }.joined()
        }
        return yaml
    }

    // MARK: - State

    static func makeState(_ project: Project, _ random: inout SplitMix) -> Snapshot {
        var containers: [JSONValue] = []
        var networks: [JSONValue] = []
        var volumes: [JSONValue] = []
        var networkIDs: [String: String] = [:]
        let labels: (String, String, String) -> JSONValue = { kind, key, hash in
            .object([ComposeLabel.project: .string(project.name), kind: .string(key), ComposeLabel.configHash: .string(hash)])
        }
        for key in project.networks.keys.sorted() {
            let config = project.networks[key]!
            let roll = random.int(below: 4)
            if roll == 0 { continue }
            let id = random.hex(64)
            networkIDs[key] = id
            let hash = roll == 1 ? "stale" : (roll == 2 ? "" : ConfigHasher.hash(network: config))
            networks.append(["Id": .string(id), "Name": .string(config.name), "Labels": labels(ComposeLabel.network, key, hash)])
        }
        var volumePresent = Set<String>()
        for key in project.volumes.keys.sorted() {
            let config = project.volumes[key]!
            let roll = random.int(below: 4)
            if roll == 0 { continue }
            volumePresent.insert(key)
            let hash = roll == 1 ? "stale" : ConfigHasher.hash(volume: config)
            volumes.append(["Name": .string(config.name), "Driver": "local", "Labels": labels(ComposeLabel.volume, key, hash)])
        }
        // Parents first, so their ids are known when children hash their references.
        var lowestID: [String: String] = [:]
        let states = ["running", "running", "running", "exited", "created", "paused", "dead"]
        for name in project.serviceNames.sorted(by: { Int($0.dropFirst())! < Int($1.dropFirst())! }) {
            let service = project.services[name]!
            let isParent = project.services.values.contains { ServiceConfig.referencedService(inMode: $0.networkMode) == name }
            let count = isParent ? random.int(below: 2) : random.int(below: service.desiredScale + 2)
            var numbers = Set<Int>()
            while numbers.count < count { numbers.insert(1 + random.int(below: 4)) }
            // Docker keeps a network or volume while a container uses it, so a
            // missing one means the service's containers predate it (stale hash).
            let missingResource = service.networks.keys.contains { networkIDs[$0] == nil }
                || service.volumes.contains { $0.isNamedVolume && !volumePresent.contains($0.source!) }
            for number in numbers.sorted() {
                let id = random.hex(64)
                if lowestID[name] == nil { lowestID[name] = id }
                // A container sharing a parent's namespace or volumes was created
                // against the parent's current container; without one it is stale.
                let parentsPresent = service.namespaceParents.allSatisfy { lowestID[$0] != nil }
                let upToDate = !missingResource && parentsPresent && random.chance(0.6)
                let hash = upToDate
                    ? ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: service) { lowestID[$0] })
                    : "stale"
                let state = isParent ? "running" : states[random.int(below: states.count)]
                var connected: [String: JSONValue] = [:]
                for key in service.networks.keys where networkIDs[key] != nil {
                    // Only a running container may have been disconnected by hand.
                    if state == "running" && !random.chance(0.9) { continue }
                    connected[project.networks[key]!.name] = ["NetworkID": .string(networkIDs[key]!)]
                }
                var mounts: [JSONValue] = []
                for mount in service.volumes where mount.isNamedVolume && volumePresent.contains(mount.source!) {
                    mounts.append(["Type": "volume", "Name": .string(project.volumes[mount.source!]!.name), "Destination": .string(mount.target)])
                }
                let health = service.healthcheck != nil ? " (healthy)" : ""
                let status = switch state {
                case "running": "Up 1 hour\(health)"
                case "paused": "Up 1 hour\(health) (Paused)"
                case "created": "Created"
                case "dead": "Dead"
                default: "Exited (0) 1 hour ago"
                }
                containers.append(container(project: project.name, service: name, number: number, id: id,
                                            state: state, status: status, hash: hash, networks: connected, mounts: mounts))
            }
        }
        // Orphans, some of them still on one of the project's networks (which
        // then cannot be removed while they are connected).
        for orphan in 0..<random.int(below: 3) {
            let id = random.hex(64)
            var connected: [String: JSONValue] = [:]
            let keys = networkIDs.keys.sorted()
            if !keys.isEmpty, random.int(below: 2) == 0 {
                let key = keys[random.int(below: keys.count)]
                connected[project.networks[key]!.name] = ["NetworkID": .string(networkIDs[key]!)]
            }
            let running = random.int(below: 3) > 0
            // Some mount one of the project's volumes (which then cannot be removed).
            var mounts: [JSONValue] = []
            let volumeKeys = volumePresent.sorted()
            if !volumeKeys.isEmpty, random.int(below: 3) == 0 {
                let key = volumeKeys[random.int(below: volumeKeys.count)]
                mounts.append(["Type": "volume", "Name": .string(project.volumes[key]!.name), "Destination": "/orphaned"])
            }
            containers.append(container(project: project.name, service: "gone\(orphan)", number: 1, id: id,
                                        state: running ? "running" : "exited", status: running ? "Up 1 hour" : "Exited (0) 1 hour ago",
                                        hash: "x", networks: connected, mounts: mounts))
        }
        return Snapshot(engine: ["ApiVersion": "1.41", "Version": "20.10.24"], containers: containers,
                        networks: networks, volumes: volumes)
    }

    static func container(project: String, service: String, number: Int, id: String, state: String, status: String, hash: String,
                          networks: [String: JSONValue], mounts: [JSONValue]) -> JSONValue {
        [
            "Id": .string(id), "Names": [.string("/\(project)-\(service)-\(number)")], "Image": .string("registry.test/\(service)"),
            "State": .string(state), "Status": .string(status), "Created": 1_700_000_000,
            "Labels": .object([ComposeLabel.project: .string(project), ComposeLabel.service: .string(service),
                               ComposeLabel.containerNumber: .string(String(number)), ComposeLabel.oneoff: "False",
                               ComposeLabel.configHash: .string(hash)]),
            "Mounts": .array(mounts), "NetworkSettings": ["Networks": .object(networks)],
        ]
    }
}

/// SplitMix64: small, fast and deterministic for a seed.
public struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &+ 0x1234_5678 }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    public mutating func int(below bound: Int) -> Int { bound <= 1 ? 0 : Int(next() % UInt64(bound)) }
    public mutating func chance(_ probability: Double) -> Bool { Double(next() % 1_000_000) / 1_000_000 < probability }
    public mutating func hex(_ length: Int) -> String {
        String((0..<length).map { _ in "0123456789abcdef".randomElement(using: &self)! })
    }
}
