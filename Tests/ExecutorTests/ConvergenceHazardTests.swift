import DockerModel
import Engine
import Executor
import Foundation
import PlanModel
import Reconciler
import TestSupport
import Testing

/// The convergence property over what races, other tools and failures
/// leave: duplicated networks and volumes, foreign containers with
/// look-alike names, and a call that fails in the middle of a run. With
/// the 370 scenarios of `ConvergencePropertyTests`, over 1,000 random
/// projects and states per run. The seeds are fixed; set
/// COMPOSEPLAN_PROPERTY_SEED to a number to explore other ones (a failure
/// prints the seed and the plan).
@Suite("Convergence through duplicates, foreign containers and faults")
struct ConvergenceHazardTests {
    static let offset = UInt64(ProcessInfo.processInfo.environment["COMPOSEPLAN_PROPERTY_SEED"] ?? "") ?? 0
    static let hazardSeeds = (1_001...1_400).map { $0 &+ offset }
    static let faultSeeds = (2_001...2_350).map { $0 &+ offset }

    /// The plan for `snapshot`'s state, as `plan` would make it.
    static func plan(_ scenario: RandomScenario, _ snapshot: Snapshot, options: PlanOptions) throws -> Plan {
        try Reconciler.plan(project: scenario.project, observed: ObservedState(snapshot: snapshot, project: scenario.project),
                            options: options, confirm: { _ in true })
    }

    @Test("Duplicates are repaired and foreign containers never touched: the next plan is empty, one network per name")
    func convergesThroughHazards() async throws {
        var repaired = 0
        var foreign = 0
        for seed in Self.hazardSeeds {
            let scenario = try RandomScenario(seed: seed, hazards: true)
            let options = PlanOptions(removeOrphans: seed % 2 == 0, waitTimeout: 30)
            let (plan, engine) = try await ConvergencePropertyTests.apply(scenario, options: options)
            let after = try await engine.snapshot(project: scenario.project.name)
            let next = try Self.plan(scenario, after, options: options)
            #expect(next.nodes.isEmpty, "seed \(seed): did not converge\n\(scenario.yaml)\nfirst plan:\n\(plan.text)\nsecond plan:\n\(next.text)")
            for network in scenario.project.networks.values where !network.external {
                let count = try await engine.networkIDs(named: network.name).count
                #expect(count <= 1, "seed \(seed): \(count) networks named \(network.name) after the run\n\(plan.text)")
            }
            let others = RandomHazards.foreignContainers(in: scenario.snapshot)
            let touched = await engine.calls.filter { call in others.contains { $0.id == call.target || $0.name == call.target } }
            #expect(touched.isEmpty, "seed \(seed): calls on foreign containers: \(touched)")
            for container in others {
                let state = try await engine.inspectContainer(container.id).status
                #expect(state == container.state, "seed \(seed): foreign \(container.name) is \(state), was \(container.state)")
            }
            foreign += others.count
            repaired += plan.nodes.filter { $0.cause.hasPrefix("duplicate of ") }.count
        }
        // The scenarios do exercise the repairs.
        #expect(repaired > 50)
        #expect(foreign > 100)
    }

    @Test("A call that fails mid-run fails its node and skips its dependents; planning again and applying converges")
    func convergesAfterAFault() async throws {
        var failedRuns = 0
        for seed in Self.faultSeeds {
            let scenario = try RandomScenario(seed: seed, hazards: seed % 3 == 0)
            let options = PlanOptions(removeOrphans: seed % 2 == 1, waitTimeout: 30)
            let plan = try Self.plan(scenario, scenario.snapshot, options: options)
            let calls = plan.nodes.compactMap { EngineOperation($0.type) }
            guard !calls.isEmpty else { continue }
            var random = SplitMix(seed: seed)
            let operation = calls[random.int(below: calls.count)]
            let latency = LatencyModel(defaultDuration: .milliseconds(2), jitter: 0.9, seed: seed)
            let engine = await SimulatedEngine(configuration: .init(latency: latency, behavior: .healthy(after: .milliseconds(5)), seed: seed),
                                               seed: scenario.snapshot)
            // The first call of that kind fails, as a daemon error would.
            await engine.inject(.failing(operation, times: 1))
            let first = await ConvergencePropertyTests.run(plan, of: scenario, options: options, on: engine)
            let failed = first.nodes.filter { $0.status == .failed }
            if first.outcome == .failed {
                failedRuns += 1
                #expect(failed.count == 1, "seed \(seed): \(failed.map(\.id)) failed after one injected \(operation) failure")
                // Every node downstream of the failure was skipped, nothing else.
                let graph = PlanGraph(plan)
                let downstream = Set(graph.downstream(of: failed.compactMap { graph.position(of: $0.id) }).map { plan.nodes[$0].id })
                let skipped = Set(first.nodes.filter { $0.status == .skipped }.map(\.id))
                #expect(skipped.isSubset(of: downstream), "seed \(seed): skipped \(skipped.subtracting(downstream).sorted()) not downstream\n\(plan.text)")
            }
            let violations = await engine.violations
            #expect(violations.isEmpty, "seed \(seed): \(violations)\n\(plan.text)")
            await engine.clearFaults()
            let middle = try await engine.snapshot(project: scenario.project.name)
            let second = try Self.plan(scenario, middle, options: options)
            let record = await ConvergencePropertyTests.run(second, of: scenario, options: options, on: engine)
            #expect(record.outcome == .succeeded,
                    "seed \(seed): the second run \(record.outcome): \(record.nodes.filter { $0.status == .failed }.map { "#\($0.id) \($0.error ?? "")" })\nfirst plan (\(operation) failed):\n\(plan.text)\nsecond plan:\n\(second.text)")
            let after = try await engine.snapshot(project: scenario.project.name)
            let next = try Self.plan(scenario, after, options: options)
            #expect(next.nodes.isEmpty,
                    "seed \(seed): did not converge after a \(operation) failure\n\(scenario.yaml)\nfirst plan:\n\(plan.text)\nsecond plan:\n\(second.text)\nthird plan:\n\(next.text)")
        }
        #expect(failedRuns > Self.faultSeeds.count / 2)
    }
}
