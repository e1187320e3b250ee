import ArgumentParser
import Foundation
import Workflows

/// `composeplan show PLAN.json`: print a saved plan, as `terraform show` does.
struct ShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Print a saved plan: its text (the default), the plan file as JSON, Markdown or Mermaid."
    )

    /// What `show` prints.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, markdown, mermaid
    }

    @Argument(help: ArgumentHelp("A plan file written by `plan -o`.", valueName: "PLAN.json"))
    var planPath: String

    @Option(name: .customLong("format"), help: "Output format.")
    var format: Format = .text

    @OptionGroup var diagram: DiagramOptions

    func run() async throws {
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let diagrams = diagram.workflow(projectName: planFile.project.name)
            try diagrams.checkFocus(planFile.plan)
            switch format {
            case .text:
                Terminal.output(planFile.plan.text)
                Summaries.totals(of: planFile.plan)
            case .json:
                Terminal.output(try planFile.withoutSecretValues.encoded())
                Terminal.output("\n")
            case .markdown:
                Terminal.output(try diagrams.markdown(planFile.plan))
            case .mermaid:
                Terminal.output(try diagrams.mermaid(planFile.plan))
            }
        }
    }
}
