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

    @Option(name: .customLong("progress"), help: "Progress output: auto, tty, plain, json.")
    var progress: String = "auto"

    func validate() throws {
        if let parallel, parallel < 1 { throw ValidationError("--parallel must be at least 1") }
        if ProgressPrinter.Style(rawValue: progress) == nil {
            throw ValidationError("--progress must be one of auto, tty, plain, json")
        }
    }

    var workflow: ApplyWorkflow {
        ApplyWorkflow(executor: ExecutorOptions(parallelism: parallel),
                      outputs: .init(record: record, trace: trace, report: report, reportTemplate: template))
    }

    var progressStyle: ProgressPrinter.Style { ProgressPrinter.Style(rawValue: progress) ?? .auto }
}
