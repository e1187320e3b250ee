import ComposeModel
import PlanModel
import Reconciler
import TestSupport
import Testing

/// Config hashes computed ahead (`ServiceHashes`) never change a plan.
@Suite("Config hashes computed ahead")
struct ServiceHashesTests {
    @Test("A plan made with the project's hashes computed ahead is the plan made without them")
    func sameAsWithout() throws {
        for seed in 1...150 as ClosedRange<UInt64> {
            let scenario = try RandomScenario(seed: seed)
            let observed = ObservedState(snapshot: scenario.snapshot, project: scenario.project)
            let options = PlanOptions(removeOrphans: true)
            let without = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
            let with = try Reconciler.plan(project: scenario.project, observed: observed, options: options,
                                           hashes: ServiceHashes(project: scenario.project), confirm: { _ in true })
            #expect(with.nodes == without.nodes, "seed \(seed)")
        }
    }

    @Test("Hashes computed from other configurations of the services are not used")
    func otherConfigurations() throws {
        var unchangedSomewhere = false
        for seed in 1...150 as ClosedRange<UInt64> {
            let scenario = try RandomScenario(seed: seed)
            let observed = ObservedState(snapshot: scenario.snapshot, project: scenario.project)
            let options = PlanOptions(removeOrphans: true)
            var edited = scenario.project
            for name in edited.services.keys { edited.services[name]!.environment["EDITED"] = "1" }
            let without = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
            let stale = try Reconciler.plan(project: scenario.project, observed: observed, options: options,
                                            hashes: ServiceHashes(project: edited), confirm: { _ in true })
            #expect(stale.nodes == without.nodes, "seed \(seed)")
            // The edited hashes, if used, would recreate every container the
            // plan leaves alone: the check can fail.
            let editedPlan = try Reconciler.plan(project: edited, observed: observed, options: options, confirm: { _ in true })
            if editedPlan.nodes != without.nodes { unchangedSomewhere = true }
        }
        #expect(unchangedSomewhere)
    }
}
