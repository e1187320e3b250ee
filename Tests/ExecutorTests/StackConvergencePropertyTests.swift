import ComposeModel
import DockerModel
import Engine
import Executor
import Foundation
import PlanModel
import Reconciler
import TestSupport
import Testing

/// Convergence of stack plans (`--target swarm`) on the simulated Swarm,
/// over random stacks: a first version is applied from nothing, then a
/// random second version (images, replicas, modes, placement, networks,
/// environment, secrets' content, services added and removed) is planned
/// against what the Swarm answers and applied. Each run must succeed with
/// no Swarm rule broken, every service converged, and the next plan empty.
/// Seeds are fixed; `COMPOSEPLAN_PROPERTY_SEED=N` shifts them.
@Suite("Stack convergence on the simulated Swarm")
struct StackConvergencePropertyTests {
    static let scenarios = 60
    static let seedShift = UInt64(ProcessInfo.processInfo.environment["COMPOSEPLAN_PROPERTY_SEED"] ?? "") ?? 0

    /// A random version of a stack: `version` 0 or 1 of the same seed.
    static func compose(_ generator: inout SplitMix64, services: [Int]) -> (yaml: String, secret: String) {
        func pick(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(generator.next() % UInt64(range.count)) }
        var yaml = "services:\n"
        for number in services {
            yaml += "  s\(number):\n    image: app\(pick(1...3)):\(pick(1...2))\n"
            yaml += "    networks: [n\(pick(0...2))]\n"
            if pick(0...2) == 0 { yaml += "    environment:\n      LEVEL: \"\(pick(1...3))\"\n" }
            if pick(0...3) == 0 { yaml += "    secrets: [token]\n" }
            yaml += "    deploy:\n"
            if pick(0...5) == 0 {
                yaml += "      mode: global\n"
            } else {
                yaml += "      replicas: \(pick(0...4))\n"
            }
            if pick(0...3) == 0 { yaml += "      placement:\n        constraints: [\"node.labels.zone==\(["a", "b"][pick(0...1)])\"]\n" }
            yaml += "      update_config:\n        parallelism: \(pick(0...2))\n        order: \(["stop-first", "start-first"][pick(0...1)])\n"
        }
        yaml += "networks:\n  n0: {}\n  n1: {}\n  n2: {}\n"
        yaml += "secrets:\n  token:\n    environment: TOKEN\n"
        return (yaml, "token-\(pick(1...2))")
    }

    static func plan(_ yaml: String, secret: String, on engine: SimulatedEngine) async throws -> (Plan, Project) {
        let project = try ProjectFixture.load(yaml, name: "prop", environment: ["TOKEN": secret])
        let definition = try StackConverter(project: project).definition()
        let state = StackState(snapshot: try await engine.swarmSnapshot(stack: "prop"), stack: "prop")
        return (try StackReconciler.plan(definition: definition, state: state, options: PlanOptions(removeOrphans: true, target: .swarm)),
                project)
    }

    @Test("Random stacks and their changes converge, with no Swarm rule broken, and plan as empty afterwards")
    func randomStacksConverge() async throws {
        var updates = 0
        var rotations = 0
        var removals = 0
        for scenario in 0..<Self.scenarios {
            var generator = SplitMix64(seed: 0x5747_0000 + UInt64(scenario) + Self.seedShift)
            let nodes: [SimulatedSwarmNode] = [.manager("m1", labels: ["zone": "a"]), .worker("w1", labels: ["zone": "a"]),
                                               .worker("w2", labels: ["zone": "b"])]
            let engine = await SimulatedEngine(configuration: .init(swarmNodes: nodes))
            let first = (0..<(1 + Int(generator.next() % 5))).map { $0 }
            let second = first.filter { _ in generator.next() % 4 != 0 } + [first.count + Int(generator.next() % 2)]
            for (version, services) in [first, Array(Set(second)).sorted()].enumerated() {
                let (yaml, secret) = Self.compose(&generator, services: services)
                let (plan, project) = try await Self.plan(yaml, secret: secret, on: engine)
                if version == 1 {
                    updates += plan.nodes.filter { $0.type == .updateService }.count
                    rotations += plan.nodes.filter { $0.type == .removeSecret }.count
                    removals += plan.nodes.filter { $0.type == .removeService }.count
                }
                let record = await Executor(options: ExecutorOptions(pollInterval: .milliseconds(2)))
                    .run(plan, project: ProjectContext(project: project), fingerprint: "", on: engine, swarm: engine)
                #expect(record.outcome == .succeeded, "scenario \(scenario) version \(version): \(record.nodes.compactMap(\.error))\n\(plan.text)")
                let violations = await engine.violations
                #expect(violations.isEmpty, "scenario \(scenario) version \(version): \(violations)\n\(plan.text)")
                let (again, _) = try await Self.plan(yaml, secret: secret, on: engine)
                #expect(again.nodes.isEmpty, "scenario \(scenario) version \(version): planned again\n\(again.text)")
                guard record.outcome == .succeeded, violations.isEmpty, again.nodes.isEmpty else { return }
            }
        }
        // The scenarios exercise what they are meant to.
        #expect(updates >= 20, "\(updates) updates")
        #expect(rotations >= 3, "\(rotations) secret rotations")
        #expect(removals >= 5, "\(removals) removed services")
    }
}
