import ComposeModel
import Engine
import PlanModel
import Reconciler
import Rendering
import Report

/// Why a workflow failed, with the data a caller needs (the file, the line
/// and column, the underlying engine error) kept typed. The CLI alone turns
/// these into words.
public enum WorkflowError: Error, Sendable {
    /// The compose files could not be loaded (file, line and column inside).
    case compose(ComposeError)
    /// No plan could be made (unknown service, dependency cycle, …).
    case reconcile(ReconcileError)
    /// An engine call failed (the daemon could not be reached, refused a call, …).
    case engine(EngineError)
    /// A file composeplan reads could not be read.
    case unreadable(path: String, kind: InputFile, problem: FileProblem)
    /// A snapshot file is not a snapshot; `detail` says where it goes wrong.
    case invalidSnapshot(path: String, detail: String)
    /// A plan file or an execution record could not be used (its message names the file).
    case invalidPlanFile(PlanFile.ReadError)
    /// A file could not be written.
    case unwritable(path: String, problem: FileProblem)
    /// The project changed since the plan was made; `changes` says what.
    case stalePlan(changes: [String])
    /// The plan could not be drawn (an unknown `--focus`, a Graphviz failure).
    case rendering(RenderingError)
    /// The report could not be made (its template, its diagram).
    case report(ReportError)
    /// The execution record at `path` is of another plan.
    case recordOfAnotherPlan(path: String, recordFingerprint: String, planFingerprint: String)
    /// A plan was to run on a snapshot file, which cannot change.
    case snapshotCannotRun
    /// `apply --target` names another target than the plan file's.
    case targetMismatch(path: String, planned: DeploymentTarget, requested: DeploymentTarget)
    /// Another composeplan process holds the project's lock (``ProjectLock``);
    /// `waited` is how long this one waited (`--lock-timeout`), if at all.
    case projectLocked(project: String, holder: String, waited: Duration?)
}
