import ComposeModel
import DockerModel
import Engine
import Executor
import Foundation
import PlanModel

/// `composeplan-benchmarks executor [--sizes 200,1000,2000] [--overhead-nodes 10000]`:
///
/// 1. On the simulated engine with fixed, Docker-like latencies, generated
///    plans (networks → volumes → containers created and started layer by
///    layer; services fan in from earlier layers and fan out to replicas)
///    run with unbounded parallelism; the makespan is compared with the
///    plan's critical path under the same latencies (ideal: ratio 1).
/// 2. With zero latency, the executor's own cost per node on a large plan,
///    on a no-op engine (the scheduler alone) and on the simulated engine.
enum ExecutorBenchmark {
    static func run(_ arguments: [String]) async throws {
        var sizes = [200, 1000, 2000]
        var overheadNodes = 10_000
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--sizes" where index + 1 < arguments.count:
                sizes = arguments[index + 1].split(separator: ",").compactMap { Int($0) }
                index += 1
            case "--overhead-nodes" where index + 1 < arguments.count:
                overheadNodes = Int(arguments[index + 1]) ?? overheadNodes
                index += 1
            default:
                print("usage: composeplan-benchmarks executor [--sizes 200,1000,2000] [--overhead-nodes 10000]")
                return
            }
            index += 1
        }

        print("makespan vs critical path (simulated engine, fixed Docker-like latencies, unbounded parallelism)")
        print("  nodes  depth  critical path  makespan   ratio")
        let latency = LatencyModel.dockerLike
        for size in sizes {
            let (plan, project) = ExecutorWorkload.make(targetNodes: size, seed: UInt64(size))
            let critical = PlanAnalysis.criticalPath(of: plan) { node in
                EngineOperation(node.type).map { seconds(latency.nominal($0)) } ?? 0
            }
            let engine = await SimulatedEngine(configuration: .init(latency: latency, recordsCalls: false))
            let record = await Executor().run(plan, project: project, fingerprint: "", on: engine)
            guard record.outcome == .succeeded, await engine.violations.isEmpty else {
                print("  \(size): the run failed: \(record.nodes.compactMap(\.error).prefix(3))")
                continue
            }
            print("  \(pad(plan.nodes.count, 5))  \(pad(critical.nodes.count, 5))  \(pad(Measure.format(critical.length), 11)) s"
                + "  \(pad(Measure.format(record.duration), 7)) s  \(Measure.format(record.duration / critical.length, 4))")
        }

        print("\nexecutor overhead per node (zero latency, \(overheadNodes)-node plan, best of 3)")
        let (plan, project) = ExecutorWorkload.make(targetNodes: overheadNodes, seed: 7)
        // The same DAG with every node a trivial call: scheduling alone, without
        // building create requests and hashing service configurations.
        let trivial = Plan(nodes: plan.nodes.map { node in
            var copy = node
            copy.type = .removeVolume
            copy.details = OperationDetails(name: "v")
            return copy
        })
        for (label, parallelism) in [("unbounded", nil), ("--parallel 8", 8)] as [(String, Int?)] {
            var scheduling = Double.infinity
            var alone = Double.infinity
            var simulated = Double.infinity
            for _ in 0..<3 {
                scheduling = min(scheduling, await Measure.seconds {
                    _ = await Executor(options: ExecutorOptions(parallelism: parallelism))
                        .run(trivial, project: project, fingerprint: "", on: NoOpEngine())
                })
                alone = min(alone, await Measure.seconds {
                    _ = await Executor(options: ExecutorOptions(parallelism: parallelism))
                        .run(plan, project: project, fingerprint: "", on: NoOpEngine())
                })
                let engine = await SimulatedEngine(configuration: .init(recordsCalls: false))
                simulated = min(simulated, await Measure.seconds {
                    let record = await Executor(options: ExecutorOptions(parallelism: parallelism))
                        .run(plan, project: project, fingerprint: "", on: engine)
                    precondition(record.outcome == .succeeded, "the overhead run failed")
                })
            }
            let perNode = { (total: Double) in Measure.format(total / Double(plan.nodes.count) * 1e6, 2) }
            print("  \(label):")
            print("    scheduling only (trivial calls, no-op engine):          \(perNode(scheduling)) µs/node (\(Measure.format(scheduling, 3)) s)")
            print("    with request building and config hashes, no-op engine:  \(perNode(alone)) µs/node (\(Measure.format(alone, 3)) s)")
            print("    on the simulated engine:                                \(perNode(simulated)) µs/node (\(Measure.format(simulated, 3)) s)")
        }
        print("  peak memory: \(Measure.format(Measure.peakMemoryMiB, 1)) MiB")
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

/// Plans shaped like the reconciler's `up` of a fresh project: one
/// `CreateNetwork` per network, one `CreateVolume` per volume, then services
/// in about ten layers; each service joins one network, may mount a volume, depends on
/// one to three services of earlier layers (its creates wait for their
/// starts: fan-in) and has one to six replicas (fan-out).
enum ExecutorWorkload {
    static func make(targetNodes: Int, seed: UInt64) -> (Plan, ProjectContext) {
        var random = BenchmarkRandom(seed: seed)
        let networkCount = max(1, targetNodes / 150)
        let volumeCount = max(1, targetNodes / 100)
        let name = "bench"
        var networks: [String: NetworkConfig] = [:]
        var volumes: [String: VolumeConfig] = [:]
        for index in 0..<networkCount { networks["n\(index)"] = NetworkConfig(name: "\(name)_n\(index)") }
        for index in 0..<volumeCount { volumes["v\(index)"] = VolumeConfig(name: "\(name)_v\(index)") }
        let project = ProjectContext(name: name, workingDirectory: "/srv/bench", configFiles: ["/srv/bench/compose.yaml"],
                                     networks: networks, volumes: volumes)
        var nodes: [PlanNode] = []
        func add(_ type: OperationType, _ resource: PlanResource, _ dependsOn: [Int], _ details: OperationDetails) -> Int {
            let id = nodes.count + 1
            nodes.append(PlanNode(id: id, type: type, resource: resource, cause: "no existing container",
                                  dependsOn: Array(Set(dependsOn)).sorted(), details: details))
            return id
        }
        var networkNodes: [Int] = []
        for index in 0..<networkCount {
            let key = "n\(index)"
            networkNodes.append(add(.createNetwork, .network(key: key), [],
                                    OperationDetails(name: networks[key]!.name, key: key, network: networks[key]!)))
        }
        var volumeNodes: [Int] = []
        for index in 0..<volumeCount {
            let key = "v\(index)"
            volumeNodes.append(add(.createVolume, .volume(key: key), [],
                                   OperationDetails(name: volumes[key]!.name, key: key, volume: volumes[key]!)))
        }
        // About ten layers whatever the size (a service averages 3.5 replicas, 7 nodes).
        let layerSize = max(4, targetNodes / 70)
        var layers: [[(name: String, starts: [Int])]] = [[]]
        var serviceIndex = 0
        while nodes.count < targetNodes {
            if layers[layers.count - 1].count >= layerSize { layers.append([]) }
            let serviceName = "s\(serviceIndex)"
            serviceIndex += 1
            var service = ServiceConfig(name: serviceName)
            service.image = "bench/app:1"
            service.command = ["serve"]
            let networkIndex = Int(random.next() % UInt64(networkCount))
            service.networks = ["n\(networkIndex)": ServiceNetworkAttachment()]
            var dependencies = [networkNodes[networkIndex]]
            if random.next() % 3 == 0 {
                let volumeIndex = Int(random.next() % UInt64(volumeCount))
                service.volumes = [ServiceVolume(type: .volume, source: "v\(volumeIndex)", target: "/data")]
                dependencies.append(volumeNodes[volumeIndex])
            }
            let earlier = layers.dropLast().flatMap { $0 }
            if !earlier.isEmpty {
                for _ in 0..<(1 + Int(random.next() % 3)) {
                    let parent = earlier[earlier.count - 1 - Int(random.next() % UInt64(min(earlier.count, 24)))]
                    service.dependsOn[parent.name] = ServiceDependency()
                    dependencies += parent.starts
                }
            }
            var starts: [Int] = []
            for number in 1...(1 + Int(random.next() % 6)) {
                let containerName = "\(name)-\(serviceName)-\(number)"
                let create = add(.createContainer, .container(service: serviceName, number: number), dependencies,
                                 OperationDetails(service: serviceName, number: number, name: containerName, serviceConfig: service))
                starts.append(add(.startContainer, .container(service: serviceName, number: number), [create],
                                  OperationDetails(service: serviceName, number: number, name: containerName, createdBy: create)))
            }
            layers[layers.count - 1].append((serviceName, starts))
        }
        return (Plan(nodes: nodes), project)
    }
}

/// A seeded generator (SplitMix64), so generated plans are the same every run.
struct BenchmarkRandom {
    private var state: UInt64

    init(seed: UInt64) {
        state = seed
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// An engine whose calls do nothing and return at once: what remains of a
/// run's time is the executor's own.
struct NoOpEngine: ContainerEngine {
    func identity() async throws -> EngineIdentity { EngineIdentity(kind: "no-op") }
    func snapshot(project: String) async throws -> Snapshot { Snapshot() }
    func inspectContainer(_ reference: String) async throws -> ContainerInspection { ContainerInspection(.object([:])) }
    func inspectImage(_ reference: String) async throws -> ImageInspection? { ImageInspection(["Id": .string(reference)]) }
    func distributionDigest(_ reference: String, auth: RegistryAuth?) async throws -> String { "sha256:" + reference }
    func pullImage(_ reference: String, auth: RegistryAuth?, progress: @Sendable (PullProgress) -> Void) async throws -> PulledImage {
        PulledImage(reference: reference, digest: "sha256:" + reference, id: reference, downloadedBytes: 0, isNewer: false)
    }
    func buildImage(_ request: ImageBuildRequest, output: @Sendable (String) -> Void) async throws -> BuiltImage {
        BuiltImage(id: "sha256:" + request.contentDigest, output: [])
    }
    func importImage(_ reference: String, rootFilesystem tar: [UInt8]) async throws {}
    func networkIDs(named name: String) async throws -> [String] { [name] }
    func createNetwork(_ request: NetworkCreateRequest) async throws -> String { request.name }
    func removeNetwork(_ reference: String) async throws {}
    func connectContainer(_ container: String, to endpoint: NetworkEndpoint) async throws {}
    func disconnectContainer(_ container: String, from network: String, force: Bool) async throws {}
    func createVolume(_ request: VolumeCreateRequest) async throws -> String { request.name }
    func removeVolume(_ name: String) async throws {}
    func createContainer(_ request: ContainerCreateRequest) async throws -> String { request.name }
    func startContainer(_ reference: String) async throws -> StateChange { .changed }
    func unpauseContainer(_ reference: String) async throws {}
    func stopContainer(_ reference: String, timeout: Int?) async throws -> StateChange { .changed }
    func removeContainer(_ reference: String, force: Bool) async throws {}
    func renameContainer(_ reference: String, to name: String) async throws {}
    func copyFiles(_ files: [ContainerFile], into container: String) async throws {}
    func exec(_ request: ExecRequest, in container: String) async throws -> ExecResult { ExecResult(exitCode: 0, output: "") }
}
