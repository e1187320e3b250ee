import ComposeModel
import Foundation
import PlanModel
import Reconciler
import TestSupport

/// A project and a live state to plan against, for the rule tests.
struct PlanFixture {
    let project: Project
    var state: SnapshotBuilder
    /// Explanations of containers, by id, as `ChangeExplainer` would give them.
    var explanations: [String: ChangeExplanation] = [:]
    /// Explanations of networks, by compose key.
    var networkExplanations: [String: ChangeExplanation] = [:]

    init(_ yaml: String, profiles: [String] = [], services: [String] = []) throws {
        project = try ProjectFixture.load(yaml, profiles: profiles, services: services)
        state = SnapshotBuilder(project: project.name)
    }

    /// The config hash of `service` as a container created now would carry
    /// (references resolved against the state built so far).
    func hash(_ service: String) -> String {
        let observed = ObservedState(snapshot: state.snapshot, project: project)
        let config = project.services[service] ?? project.disabledServices[service]!
        return ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: config) {
            observed.lowestNumberedContainerID(of: $0)
        })
    }

    func networkHash(_ key: String) -> String { ConfigHasher.hash(network: project.networks[key]!) }
    func volumeHash(_ key: String) -> String { ConfigHasher.hash(volume: project.volumes[key]!) }

    /// Adds the project's `default` network, up to date; returns its id.
    @discardableResult
    mutating func addDefaultNetwork() -> String {
        state.network(key: "default", hash: networkHash("default"))
    }

    /// Adds an up-to-date running container of `service` connected to `default`.
    @discardableResult
    mutating func addRunning(_ service: String, number: Int = 1, state containerState: String = "running",
                             hash: String? = nil, networkID: String? = nil,
                             volumes: [(name: String, destination: String)] = []) -> String {
        let networkID = networkID ?? SnapshotBuilder.id("netdefault")
        return state.container(service: service, number: number, state: containerState, hash: hash ?? self.hash(service),
                               networks: ["demo_default": networkID], volumes: volumes)
    }

    func plan(_ options: PlanOptions = PlanOptions(), confirm: Bool = false, at time: Date? = nil) throws -> Plan {
        var observed = ObservedState(snapshot: state.snapshot, project: project, time: time)
        observed.explanations = explanations
        observed.networkExplanations = networkExplanations
        return try Reconciler.plan(project: project, observed: observed, options: options, confirm: { _ in confirm })
    }

    func text(_ options: PlanOptions = PlanOptions(), confirm: Bool = false) throws -> String {
        try plan(options, confirm: confirm).text
    }
}

/// Joins plan lines into the text format (each line newline-terminated).
func lines(_ lines: String...) -> String {
    lines.map { $0 + "\n" }.joined()
}
