import ArgumentParser
import Foundation
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

    @Option(name: .customLong("format"), help: "The drawing's format (default: from the output file's extension).")
    var format: RenderFormat?

    @OptionGroup var diagram: DiagramOptions

    func validate() throws {
        if let format {
            try OutputName.check(output, option: "-o", writes: format)
        } else if RenderFormat(path: output) == nil {
            throw ValidationError("cannot tell the format of \"\(output)\": use a .svg, .png or .dot file name, or --format")
        }
    }

    func run() async throws {
        try await reportingFailures {
            let planFile = try PlanFileLoader.planFile(at: planPath)
            let chosen = format ?? RenderFormat(path: output) ?? .svg
            let written = try await diagram.workflow(projectName: planFile.project.name).write(planFile.plan, as: chosen, to: output)
            Summaries.written([written])
        }
    }
}
