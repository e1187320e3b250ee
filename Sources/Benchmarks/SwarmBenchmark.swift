import ComposeModel
import DockerModel
import Engine
import Executor
import Foundation
import PlanModel
import Reconciler

/// `composeplan-benchmarks swarm [--services 500] [--nodes 50] [--seed N]`:
/// a stack of generated services (1 to 5 replicas or global, a fifth
/// placed on labelled nodes, rolling updates of 1 or 2 at a time, shared
/// secrets and configs, five overlay networks) on a simulated Swarm of
/// Docker-like latencies (3 managers, the rest workers in three zones).
/// Prints the time to convert and plan the stack, then the makespan of
/// applying it against the plan's critical path under the durations the
/// run measured (ideal: ratio 1: the executor adds no wait), and the same
/// path under the latency model alone (the gap is the simulation's own
/// work on one actor), from nothing and after a release that changes a
/// third of the services' images.
enum SwarmBenchmark {
    static func run(_ arguments: [String]) async throws {
        var services = 500
        var nodes = 50
        var seed: UInt64 = 1
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--services" where index + 1 < arguments.count: services = Int(arguments[index + 1]) ?? services
            case "--nodes" where index + 1 < arguments.count: nodes = Int(arguments[index + 1]) ?? nodes
            case "--seed" where index + 1 < arguments.count: seed = UInt64(arguments[index + 1]) ?? seed
            default:
                print("usage: composeplan-benchmarks swarm [--services 500] [--nodes 50] [--seed N]")
                return
            }
            index += 2
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-swarm-bench-\(getpid())")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }

        let swarmNodes = (0..<nodes).map { number -> SimulatedSwarmNode in
            number < 3 ? .manager("manager-\(number + 1)")
                : .worker("worker-\(number - 2)", labels: ["zone": ["a", "b", "c"][number % 3]])
        }
        let engine = await SimulatedEngine(configuration: .init(latency: .dockerLike, recordsCalls: false, swarmNodes: swarmNodes))
        print("stack of \(services) services on a simulated Swarm of \(nodes) nodes (Docker-like latencies, task start 1.2 s)")
        print("  step              nodes   plan (s)   makespan (s)   critical path (s)   ratio   nominal path (s)   tasks running")
        for (step, release) in [("from nothing", 0), ("after a release", 1)] {
            let yaml = compose(services: services, seed: seed, release: release)
            let path = folder.appendingPathComponent("compose.yaml").path
            try yaml.write(toFile: path, atomically: true, encoding: .utf8)
            try "s3cret-\(release)\n".write(toFile: folder.appendingPathComponent("password.txt").path, atomically: true, encoding: .utf8)
            let clock = ContinuousClock()
            let started = clock.now
            let project = try ProjectLoader().load(LoadOptions(files: [path], projectName: "bench",
                                                               currentDirectory: folder.path))
            let contents = [folder.appendingPathComponent("password.txt").path:
                                Array("s3cret-\(release)\n".utf8)]
            let snapshot = try await engine.swarmSnapshot(stack: "bench")
            let definition = try StackConverter(project: project, fileContents: contents).definition()
            let plan = try StackReconciler.plan(definition: definition, state: StackState(snapshot: snapshot, stack: "bench"),
                                                options: PlanOptions(removeOrphans: true, target: .swarm))
            let planning = ExecutorBenchmark.seconds(clock.now - started)
            // A WaitConverged looks every 250 ms, as often as `docker service create --detach=false` shows progress.
            let record = await Executor(options: ExecutorOptions(pollInterval: .milliseconds(250)))
                .run(plan, project: ProjectContext(project: project), fingerprint: "", on: engine, swarm: engine)
            let violations = await engine.violations
            guard record.outcome == .succeeded, violations.isEmpty else {
                print("  \(step): the run failed: \(record.nodes.compactMap(\.error).prefix(3)) \(violations.prefix(3))")
                return
            }
            let critical = PlanAnalysis.criticalPath(of: plan) { node in record.node(node.id)?.duration ?? 0 }
            // The same path under the latency model alone (a wait: one task start).
            let latency = LatencyModel.dockerLike
            let nominal = PlanAnalysis.criticalPath(of: plan) { node in
                node.type == .waitConverged ? ExecutorBenchmark.seconds(latency.taskStart)
                    : EngineOperation(node.type).map { ExecutorBenchmark.seconds(latency.nominal($0)) } ?? 0
            }
            let after = try await engine.swarmSnapshot(stack: "bench")
            let running = (after.swarm?.tasks ?? []).map(SwarmTaskSummary.init).filter { $0.state == "running" }.count
            print("  \(step.padding(toLength: 16, withPad: " ", startingAt: 0))  \(pad(plan.nodes.count, 5))   "
                + "\(pad(Measure.format(planning), 8))   \(pad(Measure.format(record.duration), 12))   "
                + "\(pad(Measure.format(critical.length), 17))   \(Measure.format(record.duration / max(critical.length, 1e-9), 4))   "
                + "\(pad(Measure.format(nominal.length), 16))   \(running)")
        }
    }

    /// The stack's compose file: `release` 1 moves every third service to
    /// a new image tag.
    static func compose(services: Int, seed: UInt64, release: Int) -> String {
        var generator = SplitMix64(seed: seed)
        var yaml = "services:\n"
        for number in 0..<services {
            let tag = release > 0 && number % 3 == 0 ? "2" : "1"
            yaml += "  svc\(number):\n    image: bench/app\(number % 20):\(tag)\n"
            yaml += "    networks: [net\(number % 5)]\n"
            if number % 10 == 0 { yaml += "    secrets: [password]\n" }
            yaml += "    deploy:\n"
            if number % 25 == 0 {
                yaml += "      mode: global\n      placement:\n        constraints: [\"node.role==manager\"]\n"
            } else {
                yaml += "      replicas: \(1 + Int(generator.next() % 5))\n"
                if number % 5 == 0 {
                    yaml += "      placement:\n        constraints: [\"node.labels.zone==\(["a", "b", "c"][number % 3])\"]\n"
                }
            }
            yaml += "      update_config:\n        parallelism: \(1 + number % 2)\n        order: \(number % 4 == 0 ? "start-first" : "stop-first")\n"
        }
        yaml += "networks:\n" + (0..<5).map { "  net\($0): {}\n" }.joined()
        yaml += "secrets:\n  password:\n    file: ./password.txt\n"
        return yaml
    }

    static func pad(_ value: Int, _ width: Int) -> String { pad(String(value), width) }
    static func pad(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
}
