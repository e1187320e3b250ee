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
        let confirm: (String) -> Bool = { question in
            if flags.yes { return true }
            return Terminal.confirm(question)
        }
        return try await workflow.run(confirm: confirm) { _ in
            throw CLIFailure("reading the live state needs a snapshot (--observed SNAPSHOT.json) or a Docker daemon (-H/DOCKER_HOST); daemon support is not available in this build")
        }
    }

    static func printWarnings(_ outcome: PlanningWorkflow.Outcome) {
        for warning in outcome.project.warnings + outcome.plan.warnings {
            Terminal.warn(warning)
        }
    }
}
