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
    @OptionGroup var apply: ApplyOptions

    @Option(name: .customLong("svg"), help: ArgumentHelp("Also draw the plan as SVG.", valueName: "FILE"))
    var svg: String?

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Also save the plan file.", valueName: "PLAN.json"))
    var output: String?

    @Argument(help: "Services to bring up (and their dependencies); default: all.")
    var services: [String] = []

    func run() async throws {
        var record: ExecutionRecord?
        try await reportingFailures {
            if engine.observed != nil && !apply.dryRun {
                throw CLIFailure("--observed needs --dry-run with up: a snapshot cannot be changed")
            }
            let mode: EngineProvider.Mode = apply.dryRun
                ? (engine.observed.map { .simulatedFromFile($0) } ?? .simulatedFromDaemon(host: engine.host))
                : .docker(host: engine.host)
            let workflow = PlanningWorkflow(load: selection.applied(to: compose.loadOptions()), options: selection.applied(to: flags.planOptions(services: services)))
            let project = try workflow.loadProject()
            let projectName = project.name
            record = try await engine.provider(mode).withEngine(project: projectName) { containerEngine in
                let outcome = try await Planner.plan(project, with: workflow, engine: containerEngine, flags: flags)
                Planner.printWarnings(outcome)
                Terminal.output(outcome.plan.text)
                if let output { try Terminal.write(try outcome.planFile.encoded(), to: output) }
                if let svg {
                    try Terminal.write(try await DiagramWriter.render(outcome.plan, options: .init(format: .svg, projectName: projectName)), to: svg)
                }
                if outcome.plan.isEmpty {
                    Terminal.error("nothing to do")
                    if apply.report != nil || apply.record != nil || apply.trace != nil {
                        return try await RunPresenter.execute(outcome.planFile, on: containerEngine, options: apply)
                    }
                    return nil
                }
                // On a terminal, ask first (like terraform apply); in scripts and CI
                // there is nobody to ask, so up proceeds (like docker compose up).
                if !flags.yes && Terminal.standardInputIsTerminal {
                    guard Terminal.confirm("Apply this plan (\(outcome.plan.nodes.count) operations)?") else {
                        throw CLIFailure("cancelled: nothing was applied")
                    }
                }
                return try await RunPresenter.execute(outcome.planFile, on: containerEngine, options: apply)
            }
        }
        if let record { try RunPresenter.exitStatus(record) }
    }
}
