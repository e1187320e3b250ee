import ArgumentParser
import Workflows

/// The `composeplan` command line: argument parsing, progress output and
/// exit codes only; the work happens in the library targets.
struct Composeplan: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "composeplan",
        abstract: "Plan, draw and apply Docker Compose changes, like terraform plan/apply.",
        discussion: """
            Exit codes: 0 success; 1 failure (bad input, a failed operation, a stale plan); \
            64 bad command-line usage; `plan --detailed-exitcode` returns 2 for a plan with changes.
            """,
        version: ToolVersion.current,
        subcommands: [PlanCommand.self, ApplyCommand.self, UpCommand.self, ShowCommand.self, RenderCommand.self,
                      ReportCommand.self, ObserveCommand.self, HashCommand.self, ConfigCommand.self, UnlockCommand.self]
    )
}
