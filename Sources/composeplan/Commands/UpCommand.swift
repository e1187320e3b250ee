import ArgumentParser
import Foundation
import PlanModel
import Workflows

/// `composeplan up [SERVICE…]`: plan and apply in one step.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Plan and apply in one step, printing the plan first (asks before applying on a terminal, unless -y)."
    )

    @OptionGroup var compose: ComposeOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var flags: ReconcileFlags
    @OptionGroup var selection: SelectionFlags
    @OptionGroup var outputs: PlanOutputOptions
    @OptionGroup var apply: ApplyOptions

    @Argument(help: "Services to bring up (and their dependencies); default: all.")
    var services: [String] = []

    func validate() throws {
        try ApplyOptions.checkObserved(engine, dryRun: apply.dryRun, command: "up")
    }

    func run() async throws {
        var record: ExecutionRecord?
        try await reportingFailures {
            let workflow = PlanningWorkflow(load: selection.applied(to: compose.loadOptions()),
                                            options: selection.applied(to: flags.planOptions(services: services)),
                                            preparesPlanFile: outputs.output != nil)
            let project = try workflow.loadProject()
            let mode = engine.runMode(dryRun: apply.dryRun)
            record = try await EngineSession.open(mode, project: project.name, images: project,
                                                  target: workflow.options.deploymentTarget) { session -> ExecutionRecord? in
                // The whole of up holds the project's lock: the plan is made
                // and applied with no other composeplan run in between.
                try await session.withProjectLock(project.name, timeout: apply.lockTimeout?.duration, command: "composeplan up") {
                    let outcome = try await workflow.plan(project, in: session, confirm: flags.confirmation)
                    Summaries.warnings(outcome)
                    let (written, summary) = try await outputs.emit(outcome.planFile, configTexts: outcome.configTexts) {
                        outcome.summary
                    }
                    Summaries.plan(summary)
                    Summaries.written(written)
                    if outcome.plan.isEmpty && apply.workflow.outputs.isEmpty {
                        return nil
                    }
                    // On a terminal, ask first (like terraform apply); in scripts and CI
                    // there is nobody to ask, so up proceeds (like docker compose up).
                    if !outcome.plan.isEmpty && !flags.yes && Terminal.standardInputIsTerminal {
                        let count = outcome.plan.nodes.count
                        let question = mode.isDryRun
                            ? "Run this plan on the simulated engine (dry run, \(count) operations)?"
                            : "Apply this plan (\(count) operations)?"
                        guard Terminal.confirm(question) else {
                            throw CLIFailure("cancelled: nothing was applied")
                        }
                    }
                    return try await RunPresenter.execute(outcome.planFile, in: session, options: apply)
                }
            }
        }
        if let record { try RunPresenter.exitStatus(record) }
    }
}
