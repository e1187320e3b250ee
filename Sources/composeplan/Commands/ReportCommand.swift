import ArgumentParser
import Foundation
import Rendering
import Workflows

/// `composeplan report PLAN.json [--record RUN.json] -o report.html`.
struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the static HTML report of a plan and, with --record, of its run."
    )

    @Argument(help: ArgumentHelp("A plan file written by `plan -o`.", valueName: "PLAN.json"))
    var planPath: String

    @Option(name: .customLong("record"), help: ArgumentHelp("The execution record written by `apply --record`.", valueName: "RUN.json"))
    var record: String?

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("The HTML file to write.", valueName: "report.html"))
    var output: String

    @Option(name: .customLong("template"), help: ArgumentHelp("Template to use instead of the built-in one.", valueName: "FILE"))
    var template: String?

    @Option(name: .customLong("collapse"), help: "Fold the diagram: auto folds replicas once a plan passes 300 nodes, and each service into one box when that is still more than 3,000 boxes.")
    var collapse: CollapseMode = .auto

    func validate() throws {
        if let format = RenderFormat(path: output) {
            throw ValidationError("-o \(output): report writes HTML, not \(format.rawValue.uppercased()); name it .html (draw with `composeplan render`)")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let execution = try record.map { path throws(WorkflowError) in try PlanFileLoader.record(at: path, of: planFile) }
            try await ReportWorkflow(templatePath: template, collapse: collapse).write(planFile, record: execution, to: output)
            Summaries.written([WrittenFile(.report, at: output)])
        }
    }
}
