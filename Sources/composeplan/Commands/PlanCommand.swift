import ArgumentParser
import Foundation
import Workflows

/// `composeplan plan [SERVICE…]`: observe, reconcile, print the plan.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `up` would do: the reconciliation plan."
    )

    @OptionGroup var compose: ComposeOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var flags: ReconcileFlags
    @OptionGroup var selection: SelectionFlags
    @OptionGroup var outputs: PlanOutputOptions

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 for an empty plan, 2 for a plan with changes.")
    var detailedExitCode = false

    @Argument(help: "Services to plan (and their dependencies); default: all.")
    var services: [String] = []

    func run() async throws {
        var hasChanges = false
        try await reportingFailures {
            let workflow = PlanningWorkflow(load: selection.applied(to: compose.loadOptions()),
                                            options: selection.applied(to: flags.planOptions(services: services)),
                                            preparesPlanFile: outputs.output != nil)
            let outcome = try await workflow.plan(mode: engine.planningMode, confirm: flags.confirmation)
            Summaries.warnings(outcome)
            // The summary is counted while the plan file is still being written.
            let (written, summary) = try await outputs.emit(outcome.planFile, configTexts: outcome.configTexts) { outcome.summary }
            Summaries.plan(summary)
            Summaries.written(written)
            hasChanges = !outcome.plan.isEmpty
            ProcessLifetime.keep(outcome)  // the process ends here: no need to free it
        }
        if detailedExitCode && hasChanges { throw ExitCode(2) }
    }
}
