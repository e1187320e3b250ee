import ComposeModel
import Foundation
import PlanModel
import Reconciler

/// Loads a project, observes its live state, and plans: the `plan` command's
/// pipeline, also the first half of `up`.
public struct PlanningWorkflow: Sendable {
    public var load: LoadOptions
    public var options: PlanOptions

    public init(load: LoadOptions, options: PlanOptions) {
        self.load = load
        self.options = options
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

    /// Plans `project` (from `loadProject()`) against the live state that
    /// `observe` reads for the project's name (a snapshot file, a daemon).
    public func run(project: Project, confirm: (String) -> Bool,
                    observe: (String) async throws -> (Snapshot, EngineIdentity?)) async throws -> Outcome {
        let (snapshot, engine) = try await observe(project.name)
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

    /// The observation a snapshot file holds: its state, and the engine
    /// recorded in its `engine` member.
    public static func observation(fromFile path: String) throws -> (Snapshot, EngineIdentity?) {
        let snapshot = try SnapshotFile.read(at: path)
        let engine = snapshot.engine.map { engine in
            EngineIdentity(kind: "docker", version: engine["Version"]?.stringValue, apiVersion: engine["ApiVersion"]?.stringValue)
        }
        return (snapshot, engine)
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
