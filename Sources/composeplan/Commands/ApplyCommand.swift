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
    @OptionGroup var target: TargetOption

    func validate() throws {
        try ApplyOptions.checkObserved(engine, dryRun: apply.dryRun, command: "apply")
    }

    func run() async throws {
        var record: ExecutionRecord?
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            if let wanted = target.target, wanted != planFile.options.deploymentTarget {
                throw WorkflowError.targetMismatch(path: planPath, planned: planFile.options.deploymentTarget, requested: wanted)
            }
            let mode = engine.runMode(dryRun: apply.dryRun)
            record = try await EngineSession.open(mode, project: planFile.project.name,
                                                  target: planFile.options.deploymentTarget) { session -> ExecutionRecord in
                // The lock first: a plan that went stale while waiting for it is refused.
                try await session.withProjectLock(planFile.project.name, timeout: apply.lockTimeout?.duration,
                                                  command: "composeplan apply") {
                    try await apply.workflow.verifyFresh(planFile, in: session)
                    if planFile.nodes.isEmpty { Terminal.error("nothing to do") }
                    return try await RunPresenter.execute(planFile, in: session, options: apply)
                }
            }
        }
        if let record { try RunPresenter.exitStatus(record) }
    }
}
