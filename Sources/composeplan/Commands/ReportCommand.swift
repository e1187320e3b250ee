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

    @Option(name: .customLong("collapse"), help: "Fold replicas in the diagram: auto (replicas once a plan passes 300 nodes), none, replicas, services.")
    var collapse: CollapseMode = .auto

    func run() async throws {
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let execution = try record.map(PlanFileLoader.record(at:))
            if let execution, execution.fingerprint != planFile.fingerprint.digest {
                throw CLIFailure("\(record!): this record is of another plan (fingerprint \(execution.fingerprint.prefix(12)), the plan's is \(planFile.fingerprint.digest.prefix(12)))")
            }
            let html = try await ReportWorkflow(templatePath: template, collapse: collapse).render(planFile, record: execution)
            try Terminal.write(Data(html.utf8), to: output)
        }
    }
}
