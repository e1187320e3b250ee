import ArgumentParser
import Foundation
import PlanModel
import Rendering
import Workflows

/// What `plan` and `up` print and write about the plan: the printed
/// format, the plan file and the diagrams.
struct PlanOutputOptions: ParsableArguments {
    @Option(name: .customLong("format"), help: "Output format of the printed plan.")
    var format: PlanFormat = .text

    @Flag(name: .customLong("explain"), help: "Under each node that replaces a container, list the fields that differ.")
    var explain = false

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Save the plan file (for `apply`).", valueName: "PLAN.json"))
    var output: String?

    @Option(name: .customLong("svg"), help: ArgumentHelp("Also draw the plan as SVG.", valueName: "FILE"))
    var svg: String?

    @Option(name: .customLong("png"), help: ArgumentHelp("Also draw the plan as PNG.", valueName: "FILE"))
    var png: String?

    @OptionGroup var diagram: DiagramOptions

    func validate() throws {
        if let svg { try OutputName.check(svg, option: "--svg", writes: .svg) }
        if let png { try OutputName.check(png, option: "--png", writes: .png) }
        if let output { try OutputName.checkPlanFile(output, option: "-o") }
    }

    /// Prints `outcome`'s plan in the chosen format and writes the files
    /// asked for; returns them. An unknown `--focus` fails before anything
    /// is printed. `configTexts`: the plan file's configurations written
    /// ahead (``PlanningWorkflow/preparesPlanFile``). `meanwhile` runs once
    /// the plan is printed, while its file may still be being written; its
    /// result comes back beside the files.
    func emit<Meanwhile>(_ planFile: PlanFile, configTexts: ServiceConfigTexts = .none,
                         meanwhile: () -> Meanwhile) async throws -> (written: [WrittenFile], meanwhile: Meanwhile) {
        let plan = planFile.plan
        let diagrams = diagram.workflow(projectName: planFile.project.name)
        try diagrams.checkFocus(plan)
        // The plan file is encoded and written on another core while the
        // plan is printed; a failure to write it is reported after the plan.
        async let savedPlanFile = output.map { path in
            Result { () throws(WorkflowError) -> WrittenFile in
                try OutputWriter.write(planFile, to: path, configTexts: configTexts)
            }
        }
        switch format {
        case .text:
            Terminal.output(explain ? plan.explainedText : plan.text)
        case .json:
            let shown = planFile.options.showValues == true ? planFile.withoutSecretValues
                : planFile.withoutSecretValues.withoutEnvironmentValues
            Terminal.output(try shown.encoded())
            Terminal.output("\n")
        case .dot:
            Terminal.output(try await diagrams.render(plan, as: .dot))
        case .mermaid:
            Terminal.output(try diagrams.mermaid(plan))
        case .markdown:
            Terminal.output(try diagrams.markdown(plan))
        }
        let result = meanwhile()
        var written: [WrittenFile] = []
        if let saved = await savedPlanFile { written.append(try saved.get()) }
        if let svg { written.append(try await diagrams.write(plan, as: .svg, to: svg)) }
        if let png { written.append(try await diagrams.write(plan, as: .png, to: png)) }
        return (written, result)
    }
}
