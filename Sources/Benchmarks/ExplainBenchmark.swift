import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Reconciler
import Workflows

/// `composeplan-benchmarks explain [--containers 1000] [--runs 3]`: the
/// cost of `plan --explain`'s observation. A project of N services runs
/// on the simulated engine with Docker-like latencies (2 ms per inspect),
/// every container diverged (an environment value changed). Planning
/// without explanations (snapshot, classify, reconcile) is compared with
/// planning with them (the same plus inspecting the diverged containers,
/// building each creation request and comparing it with the answer).
enum ExplainBenchmark {
    static func run(_ arguments: [String]) async throws {
        var count = 1000
        var runs = 3
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--containers" where index + 1 < arguments.count:
                count = Int(arguments[index + 1]) ?? count
                index += 1
            case "--runs" where index + 1 < arguments.count:
                runs = Int(arguments[index + 1]) ?? runs
                index += 1
            default:
                print("usage: composeplan-benchmarks explain [--containers 1000] [--runs 3]")
                return
            }
            index += 1
        }
        let (engine, project) = try await seeded(count: count)
        var plain = Double.infinity
        var explained = Double.infinity
        var inspecting = Double.infinity
        var comparing = Double.infinity
        var lines = 0
        for _ in 0..<runs {
            plain = min(plain, try await Measure.seconds {
                let snapshot = try await engine.snapshot(project: project.name)
                let observed = ObservedState(snapshot: snapshot, project: project)
                _ = try Reconciler.plan(project: project, observed: observed, options: PlanOptions(), confirm: { _ in false })
            })
            var inspectTime = 0.0
            var kept: (ObservedState, [JSONValue])?
            explained = min(explained, try await Measure.seconds {
                var snapshot = try await engine.snapshot(project: project.name)
                var observed = ObservedState(snapshot: snapshot, project: project)
                let diverged = ChangeExplainer.divergedContainers(project: project, observed: observed)
                inspectTime = try await Measure.seconds {
                    (snapshot.inspections, observed.explanations) = try await ChangeExplainer.inspectAndExplain(
                        diverged, on: engine, project: project, observed: observed, images: nil, showValues: false)
                }
                let plan = try Reconciler.plan(project: project, observed: observed, options: PlanOptions(), confirm: { _ in false })
                lines = plan.nodes.reduce(0) { $0 + ($1.changes?.count ?? 0) }
                kept = (observed, snapshot.inspections)
            })
            inspecting = min(inspecting, inspectTime)
            // The same comparisons alone, outside the timing: what the overlap hides.
            if let (observed, inspections) = kept {
                comparing = min(comparing, Measure.seconds {
                    _ = ChangeExplainer.explanations(project: project, observed: observed, inspections: inspections,
                                                     images: nil, showValues: false)
                })
            }
        }
        print("plan of \(count) diverged containers on the simulated engine (inspect 2 ms, \(runs) runs, best)")
        print("  without explanations   \(Measure.format(plain)) s")
        print("  with explanations      \(Measure.format(explained)) s  (inspect and compare \(Measure.format(inspecting)) s; the comparisons alone \(Measure.format(comparing)) s, not counted)")
        print("  ratio                  \(Measure.format(explained / plain, 2))  (goal ≤ 1.5)")
        print("  field changes found    \(lines) (expected \(count))")
    }

    /// An engine holding one container per service of a project whose
    /// environment has changed since: every container diverged.
    static func seeded(count: Int) async throws -> (SimulatedEngine, Project) {
        func yaml(_ mode: String) -> String {
            "name: explainbench\nservices:\n" + (0..<count).map { index in
                "  s\(index):\n    image: nginx\n    environment:\n      MODE: \(mode)\n    ports: [\"\(10000 + index):80\"]\n    mem_limit: 64m\n"
            }.joined()
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("explain-bench-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let load = { (text: String) throws -> Project in
            try text.write(toFile: folder + "/compose.yaml", atomically: true, encoding: .utf8)
            return try ProjectLoader().load(LoadOptions(environment: [:], currentDirectory: folder))
        }
        let old = try load(yaml("old"))
        let engine = await SimulatedEngine(configuration: .init(latency: .dockerLike, recordsCalls: false))
        let context = ProjectContext(project: old)
        let network = NetworkCreateRequest(key: "default", name: old.networks["default"]!.name, network: old.networks["default"]!,
                                           project: old.name)
        _ = try await engine.createNetwork(network)
        for name in old.serviceNames {
            let service = old.services[name]!
            let request = try ContainerCreateRequest(service: service, project: context, number: 1,
                                                     name: old.containerName(service: service, number: 1),
                                                     configHash: ConfigHasher.hash(service: service))
            _ = try await engine.createContainer(request)
        }
        return (engine, try load(yaml("new")))
    }
}
