import ComposeModel
import Foundation
import PlanModel
import Reconciler

/// Loads a project, observes its live state, and plans: the `plan` command's
/// pipeline, also the first half of `up`.
public struct PlanningWorkflow: Sendable {
    public var load: LoadOptions
    public var options: PlanOptions
    public var source: SnapshotSource

    public init(load: LoadOptions, options: PlanOptions, source: SnapshotSource) {
        self.load = load
        self.options = options
        self.source = source
    }

    /// What planning produced.
    public struct Outcome: Sendable {
        public var project: Project
        public var snapshot: Snapshot
        public var observed: ObservedState
        public var plan: Plan
        public var planFile: PlanFile
    }

    /// Loads the project (with `options.services` selected).
    public func loadProject() throws -> Project {
        var load = self.load
        load.selectedServices = options.services
        return try ProjectSource.load(load)
    }

    /// Runs the pipeline. `observe` reads the live state when the source is a daemon.
    public func run(confirm: (String) -> Bool,
                    observe: (String) async throws -> (Snapshot, EngineIdentity?)) async throws -> Outcome {
        let project = try loadProject()
        let snapshot: Snapshot
        var engine: EngineIdentity?
        switch source {
        case .file(let path):
            snapshot = try SnapshotSource.readSnapshot(at: path)
            engine = Self.engineIdentity(of: snapshot, host: nil)
        case .daemon:
            (snapshot, engine) = try await observe(project.name)
        }
        let observed = ObservedState(snapshot: snapshot, project: project)
        let plan: Plan
        do {
            plan = try Reconciler.plan(project: project, observed: observed, options: options, confirm: confirm)
        } catch {
            throw WorkflowError(error.message)
        }
        let planFile = PlanFile(toolVersion: ToolVersion.current, project: ProjectContext(project: project),
                                composeFiles: try Self.digests(of: project.configFiles), options: options, engine: engine,
                                fingerprint: StateFingerprint(snapshot: snapshot, project: project.name), plan: plan)
        return Outcome(project: project, snapshot: snapshot, observed: observed, plan: plan, planFile: planFile)
    }

    /// The engine identity recorded in a snapshot's `engine` member.
    public static func engineIdentity(of snapshot: Snapshot, host: String?) -> EngineIdentity? {
        guard let engine = snapshot.engine else { return nil }
        return EngineIdentity(kind: "docker", host: host, version: engine["Version"]?.stringValue,
                              apiVersion: engine["ApiVersion"]?.stringValue)
    }

    static func digests(of files: [String]) throws -> [String: String] {
        var result: [String: String] = [:]
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            result[file] = SHA256Hex.digest(of: data)
        }
        return result
    }
}
