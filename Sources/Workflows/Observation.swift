import DockerModel
import PlanModel

/// A project's live state as one engine saw it.
public struct Observation: Sendable {
    /// The project's containers, networks and volumes.
    public var snapshot: Snapshot
    /// The engine observed (`nil` for a snapshot file without an `engine` member).
    public var engine: EngineIdentity?

    public init(snapshot: Snapshot, engine: EngineIdentity?) {
        self.snapshot = snapshot
        self.engine = engine
    }
}
