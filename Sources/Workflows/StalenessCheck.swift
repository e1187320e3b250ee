import PlanModel

/// `apply` refuses a plan whose observed state has changed since it was made.
public enum StalenessCheck {
    /// Throws when `current`'s fingerprint differs from the plan's, naming what changed.
    public static func verify(_ planFile: PlanFile, against current: Snapshot) throws {
        let now = StateFingerprint(snapshot: current, project: planFile.project.name)
        guard now.digest != planFile.fingerprint.digest else { return }
        let changes = now.changes(since: planFile.fingerprint)
        var message = "plan is stale: the project changed since it was planned; run plan again"
        if !changes.isEmpty {
            let shown = changes.prefix(5).joined(separator: "; ")
            message += " (\(shown)\(changes.count > 5 ? "; and \(changes.count - 5) more" : ""))"
        }
        throw WorkflowError(message)
    }
}
