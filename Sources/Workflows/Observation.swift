import DockerModel
import PlanModel
import Reconciler

/// A project's live state as one engine saw it.
public struct Observation: Sendable {
    /// The project's containers, networks and volumes.
    public var snapshot: Snapshot
    /// The engine observed (`nil` for a snapshot file without an `engine` member).
    public var engine: EngineIdentity?
    /// The explanations of the inspected containers, by ID, when they were
    /// computed while inspecting (a live observation); otherwise they are
    /// computed from `snapshot.inspections`.
    public var explanations: [String: ChangeExplanation]?
    /// The project's part of `snapshot` already parsed, when the engine had
    /// it parsed (a snapshot file summarized while the project loaded);
    /// otherwise `nil`, and `ProjectState(snapshot:project:)` parses it.
    public var state: ProjectState?

    public init(snapshot: Snapshot, engine: EngineIdentity?) {
        self.snapshot = snapshot
        self.engine = engine
    }
}
