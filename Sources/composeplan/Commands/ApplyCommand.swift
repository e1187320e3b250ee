import ArgumentParser
import Foundation
import PlanModel
import Workflows

/// `composeplan apply PLAN.json`: re-observe, refuse a stale plan, execute.
struct ApplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Execute a saved plan after review; refuses a plan whose project changed since it was planned."
    )

    @Argument(help: ArgumentHelp("A plan file written by `plan -o`.", valueName: "PLAN.json"))
    var planPath: String

    @OptionGroup var engine: EngineOptions
    @OptionGroup var apply: ApplyOptions

    func run() async throws {
        var record: ExecutionRecord?
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let mode: EngineProvider.Mode = apply.dryRun
                ? (engine.observed.map { .simulatedFromFile($0) } ?? .simulatedFromDaemon(host: engine.host))
                : .docker(host: engine.host)
            if engine.observed != nil && !apply.dryRun {
                throw CLIFailure("--observed needs --dry-run with apply: a snapshot cannot be changed")
            }
            record = try await engine.provider(mode).withEngine(project: planFile.project.name) { containerEngine in
                try await apply.workflow.verifyFresh(planFile, on: containerEngine)
                if planFile.nodes.isEmpty {
                    Terminal.error("nothing to do")
                }
                return try await RunPresenter.execute(planFile, on: containerEngine, options: apply)
            }
        }
        if let record { try RunPresenter.exitStatus(record) }
    }
}
