import Engine
import Foundation
import PlanModel
import Workflows

/// Shared by `plan` and `up`: runs the planning workflow with the CLI's
/// options, prompt and engine.
enum Planner {
    static func plan(compose: ComposeOptions, engine: EngineOptions, flags: ReconcileFlags,
                     services: [String]) async throws -> PlanningWorkflow.Outcome {
        let workflow = PlanningWorkflow(load: compose.loadOptions(), options: flags.planOptions(services: services),
                                        source: engine.source)
        if case .daemon(let host) = engine.source {
            let project = try workflow.loadProject()
            return try await EngineProvider(mode: .docker(host: host)).withEngine(project: project.name) { containerEngine in
                try await plan(workflow, engine: containerEngine, flags: flags)
            }
        }
        return try await workflow.run(confirm: confirmation(flags)) { _ in
            throw CLIFailure("no engine to observe")
        }
    }

    /// Plans `workflow`, observing the live state through `engine`.
    static func plan(_ workflow: PlanningWorkflow, engine: any ContainerEngine,
                     flags: ReconcileFlags) async throws -> PlanningWorkflow.Outcome {
        var workflow = workflow
        workflow.source = .daemon(host: nil)
        return try await workflow.run(confirm: confirmation(flags)) { project in
            do {
                return (try await engine.snapshot(project: project), try await engine.identity())
            } catch {
                throw WorkflowError(EngineProvider.describe(error))
            }
        }
    }

    static func confirmation(_ flags: ReconcileFlags) -> (String) -> Bool {
        { question in flags.yes || Terminal.confirm(question) }
    }

    static func printWarnings(_ outcome: PlanningWorkflow.Outcome) {
        for warning in outcome.project.warnings + outcome.plan.warnings {
            Terminal.warn(warning)
        }
    }
}
