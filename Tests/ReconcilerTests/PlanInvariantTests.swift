import PlanModel
import Reconciler
import TestSupport
import Testing

@Suite("Plan invariants over random projects and states")
struct PlanInvariantTests {
    static let seeds: [UInt64] = Array(1...300)

    @Test("Plans are well formed, deterministic, and keep the promises of reconciliation.md")
    func invariants() throws {
        for seed in Self.seeds {
            let scenario = try RandomScenario(seed: seed)
            let observed = ObservedState(snapshot: scenario.snapshot, project: scenario.project)
            let options = PlanOptions(removeOrphans: true)
            let plan = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
            let again = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in true })
            #expect(plan.text == again.text, "seed \(seed): not deterministic")
            #expect(throws: Never.self, "seed \(seed)") { try plan.validate() }

            // Never stops a container twice.
            var stops: [String: Int] = [:]
            for node in plan.nodes where node.type == .stopContainer {
                stops[node.details.container!.id, default: 0] += 1
            }
            #expect(stops.values.allSatisfy { $0 == 1 }, "seed \(seed): a container is stopped twice\n\(plan.text)")

            // Never removes the old container of a recreate before its replacement exists.
            let ancestors = Self.ancestors(plan)
            for node in plan.nodes where node.type == .removeContainer && node.group != nil {
                let create = plan.nodes.first { $0.group == node.group && $0.type == .createContainer }!
                #expect(ancestors[node.id]!.contains(create.id), "seed \(seed): #\(node.id) may run before #\(create.id)")
            }
            // A wait comes after every start of the service it waits for, so it
            // can never poll a container that is about to be started.
            for wait in plan.nodes where wait.type == .waitCondition {
                let service = wait.details.service!
                for start in plan.nodes where start.type == .startContainer && start.details.service == service {
                    #expect(ancestors[wait.id]!.contains(start.id),
                            "seed \(seed): #\(wait.id) may poll before #\(start.id) starts\n\(plan.text)")
                }
            }
            // A paused or dead container is started before its dependents are
            // created or started.
            for start in plan.nodes where start.type == .startContainer && start.revivesContainer {
                let service = start.details.service!
                for node in plan.nodes where [.createContainer, .startContainer].contains(node.type) {
                    guard let other = node.details.service, scenario.project.services[other]?.dependsOn[service] != nil else { continue }
                    #expect(ancestors[node.id]!.contains(start.id),
                            "seed \(seed): #\(node.id) may run before #\(start.id)\n\(plan.text)")
                }
            }
            // Never removes a volume without confirmation.
            let declined = try Reconciler.plan(project: scenario.project, observed: observed, options: options, confirm: { _ in false })
            #expect(!declined.nodes.contains { $0.type == .removeVolume }, "seed \(seed)")
            // Never touches a resource without the project's label (all come from the snapshot's project part).
            let known = Set(scenario.snapshot.filtered(toProject: scenario.project.name).containerSummaries.map(\.id))
            for node in plan.nodes {
                if let container = node.details.container { #expect(known.contains(container.id), "seed \(seed)") }
            }
        }
    }

    /// All transitive dependencies of each node.
    static func ancestors(_ plan: Plan) -> [Int: Set<Int>] {
        var result: [Int: Set<Int>] = [:]
        for node in plan.nodes {
            var set = Set(node.dependsOn)
            for dependency in node.dependsOn { set.formUnion(result[dependency] ?? []) }
            result[node.id] = set
        }
        return result
    }
}
