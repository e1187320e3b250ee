import ArgumentParser
import Rendering

extension CollapseMode: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

extension RenderFormat: ExpressibleByArgument {
    public init?(argument: String) { self.init(name: argument) }
}

/// How diagrams are drawn (`--collapse`, `--focus`).
struct DiagramOptions: ParsableArguments {
    @Option(name: .customLong("collapse"), help: "Fold replicas: auto (replicas once a plan passes 300 nodes), none, replicas, services.")
    var collapse: CollapseMode = .auto

    @Option(name: .customLong("focus"), help: ArgumentHelp("Draw only this service, what it depends on and what depends on it.", valueName: "SERVICE"))
    var focus: String?

    func renderOptions(format: RenderFormat, projectName: String) -> RenderOptions {
        RenderOptions(format: format, collapse: collapse, focus: focus, projectName: projectName)
    }
}
