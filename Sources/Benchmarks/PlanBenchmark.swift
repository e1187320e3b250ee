import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Reconciler
import Workflows

/// Times the planning pipeline on generated projects: N services × 2
/// replicas with random dependencies, against a snapshot where half the
/// containers diverged. Prints load, reconcile and write times per size and
/// how the total grows from the smallest to the largest size.
enum PlanBenchmark {
    static func run(_ arguments: [String]) async throws {
        let sizes = arguments.compactMap(Int.init).isEmpty ? [1_000, 2_000, 5_000, 10_000] : arguments.compactMap(Int.init)
        print("plan benchmark: services × 2 replicas, random dependencies, half-diverged snapshot")
        print("services   nodes    load(s)  reconcile(s)  write(s)  total(s)  µs/service")
        var totals: [(Int, Double)] = []
        var writeParts: [(text: Double, fingerprint: Double, json: Double)] = []
        for size in sizes {
            let generated = try ProjectGenerator(services: size, seed: 42)
            defer { generated.directory.map { try? FileManager.default.removeItem(atPath: $0) } }
            var project: Project!
            let load = try Measure.best(of: 3) {
                project = try ProjectLoader().load(LoadOptions(files: [generated.composeFile], projectName: "bench",
                                                               environment: [:], currentDirectory: generated.directory!))
            }
            let snapshot = generated.snapshot(for: project)
            var plan: Plan!
            let reconcile = try Measure.best(of: 3) {
                let observed = ObservedState(snapshot: snapshot, project: project)
                plan = try Reconciler.plan(project: project, observed: observed, options: PlanOptions(), confirm: { _ in true })
            }
            var parts = (text: Double.infinity, fingerprint: Double.infinity, json: Double.infinity)
            let write = try Measure.best(of: 3) {
                var text = ""
                parts.text = min(parts.text, Measure.seconds { text = plan.text })
                var fingerprint: StateFingerprint!
                parts.fingerprint = min(parts.fingerprint, Measure.seconds {
                    fingerprint = StateFingerprint(snapshot: snapshot, project: project.name)
                })
                let file = PlanFile(toolVersion: ToolVersion.current, project: ProjectContext(project: project), composeFiles: [:],
                                    options: PlanOptions(), engine: nil, fingerprint: fingerprint, plan: plan)
                var data = Data()
                parts.json = min(parts.json, try Measure.seconds { data = try file.encoded() })
                precondition(!text.isEmpty && !data.isEmpty)
            }
            writeParts.append(parts)
            let total = load + reconcile + write
            totals.append((size, total))
            print(String(format: "%8d %7d %10.3f %13.3f %9.3f %9.3f %11.1f", size, plan.nodes.count, load, reconcile, write,
                         total, total / Double(size) * 1e6))
        }
        if let first = totals.first, let last = totals.last, last.0 > first.0 {
            let sizeRatio = Double(last.0) / Double(first.0)
            let timeRatio = last.1 / first.1
            print(String(format: "growth %d → %d services: size ×%.1f, time ×%.2f (linear would be ×%.1f)",
                         first.0, last.0, sizeRatio, timeRatio, sizeRatio))
        }
        for (size, parts) in zip(sizes, writeParts) {
            print(String(format: "write of %d services: plan text %.3f s, state fingerprint %.3f s, plan file JSON %.3f s",
                         size, parts.text, parts.fingerprint, parts.json))
        }
        print(String(format: "peak memory: %.0f MiB", Measure.peakMemoryMiB))
    }
}

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
