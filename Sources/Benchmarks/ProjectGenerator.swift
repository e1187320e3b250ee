import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel

/// A deterministic random project and a matching, half-diverged live state.
struct ProjectGenerator {
    let composeFile: String
    let directory: String?
    let services: Int
    private let dependencies: [[Int]]

    init(services: Int, seed: UInt64) throws {
        self.services = services
        var random = SplitMix64(seed: seed)
        var dependencies: [[Int]] = []
        var yaml = "services:\n"
        for index in 0..<services {
            let count = index == 0 ? 0 : Int(random.next() % 4)
            let deps = Set((0..<count).map { _ in Int(random.next() % UInt64(index)) }).sorted()
            dependencies.append(deps)
            yaml += "  s\(index):\n    image: registry.example/s\(index):1.\(index % 7)\n    scale: 2\n"
            yaml += "    environment:\n      INDEX: \"\(index)\"\n      MODE: production\n"
            yaml += "    networks: [n\(index % 8)]\n"
            if index % 5 == 0 { yaml += "    volumes: [\"v\(index % 16):/data\"]\n" }
            if !deps.isEmpty {
                yaml += "    depends_on:\n"
                for dep in deps {
                    yaml += index % 3 == 0 ? "      s\(dep):\n        condition: service_started\n" : "      s\(dep): {condition: service_started}\n"
                }
            }
        }
        yaml += "networks:\n" + (0..<8).map { "  n\($0): {}\n" }.joined()
        yaml += "volumes:\n" + (0..<16).map { "  v\($0): {}\n" }.joined()
        self.dependencies = dependencies
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-bench-\(services)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        composeFile = folder + "/compose.yaml"
        try yaml.write(toFile: composeFile, atomically: true, encoding: .utf8)
        directory = folder
    }

    /// Every network and volume present; each service's two containers
    /// running, half of them with a stale config hash.
    func snapshot(for project: Project) -> Snapshot {
        var containers: [JSONValue] = []
        var networks: [JSONValue] = []
        var volumes: [JSONValue] = []
        var networkIDs: [String: String] = [:]
        for key in project.networks.keys.sorted() {
            let id = String(repeating: "0", count: 56) + String(format: "%08d", networkIDs.count)
            networkIDs[key] = id
            networks.append(["Id": .string(id), "Name": .string(project.networks[key]!.name),
                             "Labels": .object([ComposeLabel.project: .string(project.name), ComposeLabel.network: .string(key),
                                                ComposeLabel.configHash: .string(ConfigHasher.hash(network: project.networks[key]!))])])
        }
        for key in project.volumes.keys.sorted() {
            volumes.append(["Name": .string(project.volumes[key]!.name), "Driver": "local",
                            "Labels": .object([ComposeLabel.project: .string(project.name), ComposeLabel.volume: .string(key),
                                               ComposeLabel.configHash: .string(ConfigHasher.hash(volume: project.volumes[key]!))])])
        }
        for index in 0..<services {
            let service = project.services["s\(index)"]!
            let hash = ConfigHasher.hash(service: service)
            for number in 1...2 {
                let diverged = (index * 2 + number) % 2 == 0
                let id = String(format: "%064x", index * 4 + number)
                var connected: [String: JSONValue] = [:]
                for key in service.networks.keys { connected[project.networks[key]!.name] = ["NetworkID": .string(networkIDs[key]!)] }
                let mounts: [JSONValue] = service.volumes.filter(\.isNamedVolume).map {
                    ["Type": "volume", "Name": .string(project.volumes[$0.source!]!.name), "Destination": .string($0.target)]
                }
                containers.append([
                    "Id": .string(id), "Names": [.string("/bench-s\(index)-\(number)")], "State": "running", "Created": 1,
                    "Labels": .object([ComposeLabel.project: "bench", ComposeLabel.service: .string("s\(index)"),
                                       ComposeLabel.containerNumber: .string(String(number)), ComposeLabel.oneoff: "False",
                                       ComposeLabel.configHash: .string(diverged ? "stale" : hash)]),
                    "Mounts": .array(mounts), "NetworkSettings": ["Networks": .object(connected)],
                ])
            }
        }
        return Snapshot(containers: containers, networks: networks, volumes: volumes)
    }
}
