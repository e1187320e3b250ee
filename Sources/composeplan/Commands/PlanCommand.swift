import ArgumentParser
import Foundation
import PlanModel
import Rendering
import Workflows

/// `composeplan plan [SERVICE…]`: observe, reconcile, print the plan.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `up` would do: the reconciliation plan."
    )

    /// Output formats of `plan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, dot, mermaid, markdown
    }

    @OptionGroup var compose: ComposeOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var flags: ReconcileFlags
    @OptionGroup var selection: SelectionFlags

    @Option(name: .customLong("format"), help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Save the plan file for `apply`.", valueName: "PLAN.json"))
    var output: String?

    @Option(name: .customLong("svg"), help: ArgumentHelp("Also draw the plan as SVG.", valueName: "FILE"))
    var svg: String?

    @Option(name: .customLong("png"), help: ArgumentHelp("Also draw the plan as PNG.", valueName: "FILE"))
    var png: String?

    @OptionGroup var diagram: DiagramOptions

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 for an empty plan, 2 for a plan with changes.")
    var detailedExitCode = false

    @Argument(help: "Services to plan (and their dependencies); default: all.")
    var services: [String] = []

    func run() async throws {
        var hasChanges = false
        try await reportingFailures {
            let outcome = try await Planner.plan(compose: compose, engine: engine, flags: flags, selection: selection, services: services)
            Planner.printWarnings(outcome)
            if let output { try Terminal.write(try outcome.planFile.encoded(), to: output) }
            switch format {
            case .text:
                Terminal.output(outcome.plan.text)
            case .json:
                Terminal.output(try outcome.planFile.encoded())
                Terminal.output("\n")
            case .dot:
                Terminal.output(try await DiagramWriter.render(outcome.plan, options: diagram.renderOptions(format: .dot, projectName: outcome.project.name)))
            case .mermaid:
                Terminal.output(try DiagramWriter.mermaid(outcome.plan, options: diagram.renderOptions(format: .svg, projectName: outcome.project.name)))
            case .markdown:
                Terminal.output(try DiagramWriter.markdown(outcome.plan, options: diagram.renderOptions(format: .svg, projectName: outcome.project.name)))
            }
            for (path, format) in [(svg, RenderFormat.svg), (png, RenderFormat.png)] {
                guard let path else { continue }
                let data = try await DiagramWriter.render(outcome.plan, options: diagram.renderOptions(format: format, projectName: outcome.project.name))
                try Terminal.write(data, to: path)
            }
            if outcome.plan.isEmpty { Terminal.error("nothing to do") }
            hasChanges = !outcome.plan.isEmpty
        }
        if detailedExitCode && hasChanges { throw ExitCode(2) }
    }
}
