import ComposeModel
import Engine
import Executor
import PlanModel
import Reconciler
import TestSupport
import Testing

/// Over hundreds of generated projects and live states: apply each plan on
/// the simulated engine with random completion orders (jittered latencies),
/// re-observe, and plan again. The second plan must be empty and the engine
/// must never have rejected a call a real daemon would reject.
@Suite("Convergence on the simulated engine")
struct ConvergencePropertyTests {
    static let seeds: [UInt64] = Array(1...250)

    /// Plans `scenario`, applies the plan on a simulated engine seeded with
    /// its state (jittered latencies), and checks that the run succeeded and
    /// broke no engine rule; returns the plan and the engine after the run.
    static func apply(_ scenario: RandomScenario, options: PlanOptions) async throws -> (plan: Plan, engine: SimulatedEngine) {
        let seed = scenario.seed
        let observed = ObservedState(snapshot: scenario.snapshot, project: scenario.project)
        let plan = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
        let latency = LatencyModel(defaultDuration: .milliseconds(2), jitter: 0.9, seed: seed)
        let engine = await SimulatedEngine(configuration: .init(latency: latency, behavior: .healthy(after: .milliseconds(5)), seed: seed),
                                           seed: scenario.snapshot)
        let record = await run(plan, of: scenario, options: options, on: engine)
        let failures = record.nodes.filter { $0.status != .succeeded && $0.status != .warned }
        #expect(record.outcome == .succeeded,
                "seed \(seed): \(failures.map { "#\($0.id) \($0.status.rawValue) \($0.error ?? "")" })\n\(scenario.yaml)\n\(plan.text)")
        let violations = await engine.violations
        #expect(violations.count == 0, "seed \(seed): \(violations)\n\(plan.text)")
        return (plan, engine)
    }

    /// Runs `plan` of `scenario` on `engine` as `apply` would.
    static func run(_ plan: Plan, of scenario: RandomScenario, options: PlanOptions, on engine: SimulatedEngine) async -> ExecutionRecord {
        let planFile = PlanFile(toolVersion: "test", project: ProjectContext(project: scenario.project), composeFiles: [:],
                                options: options, engine: nil,
                                fingerprint: StateFingerprint(snapshot: scenario.snapshot, project: scenario.project.name),
                                plan: plan)
        return await Executor(options: ExecutorOptions(pollInterval: .milliseconds(2), environment: [:])).run(planFile, on: engine)
    }

    @Test("Applying a plan converges: the next plan is empty, and no engine rule is ever violated")
    func converges() async throws {
        var applied = 0
        for seed in Self.seeds {
            let scenario = try RandomScenario(seed: seed)
            // Half the runs keep orphans: those on a recreated network must be
            // put back, the others left alone.
            let options = PlanOptions(removeOrphans: seed % 2 == 0, waitTimeout: 30)
            let (plan, engine) = try await Self.apply(scenario, options: options)
            let after = try await engine.snapshot(project: scenario.project.name)
            let next = try Reconciler.plan(project: scenario.project, observed: ObservedState(snapshot: after, project: scenario.project),
                                           options: options, confirm: { _ in true })
            #expect(next.nodes.count == 0, "seed \(seed): did not converge\n\(scenario.yaml)\nfirst plan:\n\(plan.text)\nsecond plan:\n\(next.text)")
            if !plan.isEmpty { applied += 1 }
        }
        #expect(applied > Self.seeds.count / 2)
    }

    @Test("With random image states: pulls come before the creates that need them, and the next plan only repeats pull_policy always pulls")
    func convergesWithImages() async throws {
        var pulled = 0
        for seed in Self.seeds.prefix(120) {
            let scenario = try RandomScenario(seed: seed, images: true)
            let options = PlanOptions(removeOrphans: seed % 2 == 0, waitTimeout: 30)
            let (plan, engine) = try await Self.apply(scenario, options: options)
            let references = Set(scenario.project.services.values.compactMap(\.image)).sorted()
            let after = try await engine.snapshot(project: scenario.project.name, images: references.map { ImageQuery(reference: $0) })
            let next = try Reconciler.plan(project: scenario.project, observed: ObservedState(snapshot: after, project: scenario.project),
                                           options: options, confirm: { _ in true })
            // Only `always` images are pulled again, and nothing is recreated for them.
            let alwaysPulled = Set(scenario.project.services.values.filter { $0.pullPolicy == "always" && $0.desiredScale > 0 }.compactMap(\.image))
            let unexpected = next.nodes.filter { node in
                guard node.type == .pullImage, case .image(let reference) = node.resource else { return true }
                return !alwaysPulled.contains(reference)
            }
            #expect(unexpected.isEmpty, "seed \(seed): did not converge\n\(scenario.yaml)\nfirst plan:\n\(plan.text)\nsecond plan:\n\(next.text)")
            // Every create waits, directly or not, for the pull of its image.
            let graph = PlanGraph(plan)
            for node in plan.nodes where node.type == .createContainer {
                guard let image = node.details.serviceConfig?.image,
                      let pull = plan.nodes.first(where: { $0.resource == .image(reference: image) }) else { continue }
                #expect(graph.upstream(of: [graph.position(of: node.id)!]).contains(graph.position(of: pull.id)!),
                        "seed \(seed): #\(node.id) does not wait for #\(pull.id)\n\(plan.text)")
            }
            pulled += plan.nodes.filter { $0.type == .pullImage }.count
        }
        #expect(pulled > 30)
    }
}
