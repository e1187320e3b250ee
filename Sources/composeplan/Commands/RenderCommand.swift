import ArgumentParser
import Foundation
import PlanModel
import Rendering
import Workflows

/// `composeplan render PLAN.json -o OUT.{svg,png,dot}`: draw a saved plan.
struct RenderCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "render",
        abstract: "Draw a saved plan as SVG, PNG or DOT (Graphviz, in process)."
    )

    @Argument(help: ArgumentHelp("A plan file written by `plan -o`.", valueName: "PLAN.json"))
    var planPath: String

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Output file; its extension picks the format.", valueName: "OUT.svg|png|dot"))
    var output: String

    @Option(name: .customLong("format"), help: "svg, png or dot (default: from the output file's extension).")
    var format: RenderFormat?

    @OptionGroup var diagram: DiagramOptions

    func validate() throws {
        if format == nil && RenderFormat(path: output) == nil {
            throw ValidationError("cannot tell the format of \"\(output)\": use a .svg, .png or .dot file name, or --format")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let chosen = format ?? RenderFormat(path: output)!
            let data = try await DiagramWriter.render(planFile.plan, options: diagram.renderOptions(format: chosen, projectName: planFile.project.name))
            try Terminal.write(data, to: output)
        }
    }
}

/// Renders diagrams for the CLI, turning renderer errors into one-line failures.
enum DiagramWriter {
    static func render(_ plan: Plan, options: RenderOptions) async throws -> Data {
        do {
            return try await PlanRenderer().render(plan, options: options)
        } catch {
            throw CLIFailure("cannot draw the plan: \(error.description)")
        }
    }

    static func mermaid(_ plan: Plan, options: RenderOptions) throws -> String {
        do {
            return try MermaidWriter.flowchart(for: plan, options: options)
        } catch {
            throw CLIFailure("cannot draw the plan: \(error.description)")
        }
    }

    static func markdown(_ plan: Plan, options: RenderOptions) throws -> String {
        do {
            return try MarkdownSummary.markdown(for: plan, options: options)
        } catch {
            throw CLIFailure("cannot summarize the plan: \(error.description)")
        }
    }
}
