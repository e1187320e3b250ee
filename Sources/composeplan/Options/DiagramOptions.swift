import ArgumentParser
import Rendering
import Workflows

extension CollapseMode: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension RenderFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// How diagrams are drawn (`--collapse`, `--focus`).
struct DiagramOptions: ParsableArguments {
    @Option(name: .customLong("collapse"), help: "Fold the diagram: auto folds replicas once a plan passes 300 nodes, and each service into one box when that is still more than 3,000 boxes.")
    var collapse: CollapseMode = .auto

    @Option(name: .customLong("focus"), help: ArgumentHelp("Draw only this service, what it depends on and what depends on it (an error when no operation acts on it).", valueName: "SERVICE"))
    var focus: String?

    /// The diagram workflow for a plan of `projectName`.
    func workflow(projectName: String) -> DiagramWorkflow {
        DiagramWorkflow(options: RenderOptions(collapse: collapse, focus: focus, projectName: projectName))
    }
}
