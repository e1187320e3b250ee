import ComposeModel
import Engine
import Executor
import PlanModel
import Reconciler
import TestSupport
import Testing

/// The plan a user reviews is the plan that runs: the executor orders
/// nodes by the plan's edges and by nothing else.
///
/// Checked through outcomes, with no timing: make one node fail, and the
/// nodes that do not succeed must be exactly that node (failed) and its
/// transitive dependents in the plan (skipped), computed here from the
/// plan's `dependsOn` lists alone. An ordering the executor added on its
/// own (as it once did for containers sharing a namespace) would skip a
/// node that is no plan dependent of the failed one.
@Suite("The executor runs exactly the plan's edges")
struct PlanEdgeFidelityTests {
    @Test("A failed node skips exactly its plan dependents, over random plans")
    func failureSkipsExactlyPlanDependents() async throws {
        var checked = 0
        var namespaceCreates = 0
        for seed in UInt64(1)...60 {
            let scenario = try RandomScenario(seed: seed)
            let options = PlanOptions(removeOrphans: true, waitTimeout: 30)
            let observed = ObservedState(snapshot: scenario.snapshot, project: scenario.project)
            let plan = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
            let candidates = plan.nodes.filter { Self.fault(for: $0) != nil && !$0.failureOnlyWarns }
            guard !candidates.isEmpty else { continue }
            // A few nodes per plan, spread over it; prefer namespace-sharing creates.
            let sharing = candidates.filter { $0.type == .createContainer && !($0.details.serviceConfig?.namespaceParents.isEmpty ?? true) }
            var chosen = [candidates[0], candidates[candidates.count / 2], candidates[candidates.count - 1]]
            if let create = sharing.first { chosen.append(create) }
            for target in Set(chosen.map(\.id)).sorted().compactMap(plan.node) {
                let engine = await SimulatedEngine(
                    configuration: .init(latency: LatencyModel(defaultDuration: .milliseconds(1), jitter: 0.9, seed: seed),
                                         behavior: .healthy(after: .milliseconds(2)), seed: seed),
                    seed: scenario.snapshot)
                await engine.inject(Self.fault(for: target)!)
                let record = await Executor(options: ExecutorOptions(pollInterval: .milliseconds(1)))
                    .run(plan, project: ProjectContext(project: scenario.project), fingerprint: "test", on: engine)
                let dependents = Self.transitiveDependents(of: target.id, in: plan)
                let failed = Set(record.nodes.filter { $0.status == .failed }.map(\.id))
                let skipped = Set(record.nodes.filter { $0.status == .skipped }.map(\.id))
                let other = record.nodes.filter { ![.succeeded, .warned, .failed, .skipped].contains($0.status) }
                #expect(failed == [target.id], "seed \(seed), failing #\(target.id)\n\(plan.text)")
                #expect(skipped == dependents, "seed \(seed), failing #\(target.id): skipped \(skipped.sorted()), plan dependents \(dependents.sorted())\n\(plan.text)")
                #expect(other.isEmpty, "seed \(seed): \(other.map { "#\($0.id) \($0.status.rawValue)" })")
                checked += 1
                if target.type == .createContainer, !(target.details.serviceConfig?.namespaceParents.isEmpty ?? true) {
                    namespaceCreates += 1
                }
            }
        }
        #expect(checked > 100)
        #expect(namespaceCreates > 5)
    }

    /// A fault that makes exactly `node`'s engine call fail, once.
    static func fault(for node: PlanNode) -> SimulatedFault? {
        switch node.type {
        case .createContainer, .createNetwork, .createVolume:
            guard let name = node.details.name, let operation = EngineOperation(node.type) else { return nil }
            return .failing(operation, target: name, times: 1)
        case .stopContainer, .removeContainer:
            guard let id = node.details.container?.id, let operation = EngineOperation(node.type) else { return nil }
            return .failing(operation, target: id, times: 1)
        default:
            return nil
        }
    }

    /// The ids that depend on `id`, directly or not, from `dependsOn` alone.
    static func transitiveDependents(of id: Int, in plan: Plan) -> Set<Int> {
        var reached: Set<Int> = [id]
        for node in plan.nodes where node.id > id && node.dependsOn.contains(where: reached.contains) {
            reached.insert(node.id)
        }
        reached.remove(id)
        return reached
    }
}
