import Engine
import Workflows

/// The one place where failures become words: one line naming the file or
/// address concerned and, where there is an obvious one, the next step.
enum ErrorText {
    static func line(for error: any Error) -> String {
        switch error {
        case let error as WorkflowError: line(for: error)
        case let error as CLIFailure: error.description
        case let error as EngineError: line(for: error)
        default: String(String(describing: error).split(separator: "\n").first ?? "")
        }
    }

    static func line(for error: WorkflowError) -> String {
        switch error {
        case .compose(let error):
            return error.description
        case .reconcile(let error):
            return error.message
        case .engine(let error):
            return line(for: error)
        case .unreadable(let path, let kind, let problem):
            return "\(path): cannot read \(kind.rawValue): \(words(problem))"
        case .invalidSnapshot(let path, let detail):
            return "\(path): not a valid snapshot: \(detail) (write one with `composeplan observe -o \(path)`)"
        case .invalidPlanFile(let error):
            return error.description
        case .unwritable(let path, let problem):
            return "\(path): cannot write: \(words(problem))"
        case .stalePlan(let changes):
            var message = "plan is stale: the project changed since it was planned; run plan again"
            if !changes.isEmpty {
                let shown = changes.prefix(5).joined(separator: "; ")
                message += " (\(shown)\(changes.count > 5 ? "; and \(changes.count - 5) more" : ""))"
            }
            return message
        case .rendering(let error):
            if case .unknownFocus = error { return "--focus: \(error.description)" }
            return "cannot draw the plan: \(error.description)"
        case .report(let error):
            return error.description
        case .recordOfAnotherPlan(let path, let record, let plan):
            return "\(path): this record is of another plan (fingerprint \(record.prefix(12)), the plan's is \(plan.prefix(12)))"
        case .snapshotCannotRun:
            return "a snapshot file cannot be changed: add --dry-run to run the plan on the simulated engine"
        case .targetMismatch(let path, let planned, let requested):
            return "\(path): this plan is for --target \(planned.rawValue), not \(requested.rawValue)"
        case .projectLocked(let project, let holder, let waited):
            let wait = waited.map { " after waiting \(Double($0.components.seconds) + Double($0.components.attoseconds) / 1e18)s" } ?? ""
            return "project \(project) is locked by \(holder)\(wait): wait with --lock-timeout, or run composeplan unlock -p \(project) if that process is gone"
        }
    }

    /// An engine failure; an unreachable daemon gets the ways to work without one.
    static func line(for error: EngineError) -> String {
        guard error.kind == .unreachable else { return error.description }
        return "\(error.description); is the daemon running? Without a daemon, plan from a saved snapshot with "
            + "--observed SNAPSHOT.json (and add --dry-run to run the plan on the simulated engine)"
    }

    static func words(_ problem: FileProblem) -> String {
        switch problem {
        case .noSuchFile: "no such file"
        case .noSuchFolder(let folder): "the folder \(folder) does not exist (create it first)"
        case .isFolder: "it is a folder"
        case .permissionDenied: "permission denied"
        case .other(let reason): reason
        }
    }
}
