import ComposeModel
import Engine
import Foundation
import PlanModel
import Workflows

/// Shared by `plan` and `up`: runs the planning workflow with the CLI's
/// options, prompt and engine.
enum Planner {
    static func plan(compose: ComposeOptions, engine: EngineOptions, flags: ReconcileFlags, selection: SelectionFlags,
                     services: [String]) async throws -> PlanningWorkflow.Outcome {
        let workflow = PlanningWorkflow(load: selection.applied(to: compose.loadOptions()), options: selection.applied(to: flags.planOptions(services: services)))
        let project = try workflow.loadProject()
        if let path = engine.observed {
            return try await workflow.run(project: project, confirm: confirmation(flags)) { _ in
                try PlanningWorkflow.observation(fromFile: path)
            }
        }
        return try await engine.provider(.docker(host: engine.host)).withEngine(project: project.name) { containerEngine in
            try await plan(project, with: workflow, engine: containerEngine, flags: flags)
        }
    }

    /// Plans `project`, observing the live state through `engine`.
    static func plan(_ project: Project, with workflow: PlanningWorkflow, engine: any ContainerEngine,
                     flags: ReconcileFlags) async throws -> PlanningWorkflow.Outcome {
        try await workflow.run(project: project, confirm: confirmation(flags)) { name in
            do {
                return (try await engine.snapshot(project: name), try await engine.identity())
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
