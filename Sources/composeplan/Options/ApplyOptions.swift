import ArgumentParser
import Executor
import Workflows

/// The options `apply` and `up` share: where the run goes and what it writes.
struct ApplyOptions: ParsableArguments {
    @Flag(name: .customLong("dry-run"), help: "Execute on the simulated engine (seeded from --observed, else from the daemon's state); nothing reaches the daemon.")
    var dryRun = false

    @Option(name: .customLong("parallel"), help: ArgumentHelp("Run at most N operations at once (default: unbounded).", valueName: "N"))
    var parallel: Int?

    @Option(name: .customLong("record"), help: ArgumentHelp("Write the execution record (JSON).", valueName: "RUN.json"))
    var record: String?

    @Option(name: .customLong("trace"), help: ArgumentHelp("Write the run in the Chrome Trace Event format (Perfetto).", valueName: "trace.json"))
    var trace: String?

    @Option(name: .customLong("report"), help: ArgumentHelp("Write the HTML report of the plan and its run.", valueName: "report.html"))
    var report: String?

    @Option(name: .customLong("template"), help: ArgumentHelp("Report template to use instead of the built-in one.", valueName: "FILE"))
    var template: String?

    @Option(name: .customLong("progress"), help: "Progress output: auto is a live list on a terminal, plain lines otherwise.")
    var progress: ProgressStyle = .auto

    @Option(name: .customLong("lock-timeout"), help: ArgumentHelp("Wait up to DURATION (30s, 2m) for another composeplan process to release the project's lock (default: fail at once).", valueName: "DURATION"))
    var lockTimeout: LockTimeout?

    func validate() throws {
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if template != nil && report == nil { throw ValidationError("--template needs --report: it is the report's template") }
    }

    var workflow: ApplyWorkflow {
        ApplyWorkflow(executor: ExecutorOptions(parallelism: parallel),
                      outputs: .init(record: record, trace: trace, report: report, reportTemplate: template))
    }

    /// `--observed` without `--dry-run`: a snapshot cannot be changed.
    static func checkObserved(_ engine: EngineOptions, dryRun: Bool, command: String) throws {
        if engine.observed != nil && !dryRun {
            throw ValidationError("--observed needs --dry-run with \(command): a snapshot cannot be changed (plan from it with `composeplan plan --observed`)")
        }
    }
}
