import DockerModel
import PlanModel

/// `apply` refuses a plan whose observed state has changed since it was made.
public enum StalenessCheck {
    /// Throws ``WorkflowError/stalePlan(changes:)`` when `current`'s
    /// fingerprint differs from the plan's, naming what changed.
    public static func verify(_ planFile: PlanFile, against current: Snapshot) throws(WorkflowError) {
        let now = switch planFile.options.deploymentTarget {
        case .containers: StateFingerprint(snapshot: current, project: planFile.project.name)
        case .swarm: StateFingerprint(stack: StackState(snapshot: current, stack: planFile.project.name))
        }
        guard now.digest != planFile.fingerprint.digest else { return }
        throw .stalePlan(changes: now.changes(since: planFile.fingerprint))
    }
}
