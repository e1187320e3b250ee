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
    @Option(name: .customLong("collapse"), help: "Fold the diagram: auto folds replicas once a plan passes 300 nodes.")
    var collapse: CollapseMode = .auto

    @Option(name: .customLong("focus"), help: ArgumentHelp("Draw only this service, what it depends on and what depends on it (an error when no operation acts on it).", valueName: "SERVICE"))
    var focus: String?

    /// The diagram workflow for a plan of `projectName`.
    func workflow(projectName: String) -> DiagramWorkflow {
        DiagramWorkflow(options: RenderOptions(collapse: collapse, focus: focus, projectName: projectName))
    }
}

/// Checks that a file named for one diagram format does not get another.
enum OutputName {
    /// Throws when `path`'s extension names a render format other than `format`.
    static func check(_ path: String, option: String, writes format: RenderFormat) throws {
        if let named = RenderFormat(path: path), named != format {
            throw ValidationError("\(option) \(path): the file name says \(named.rawValue.uppercased()) but \(option) writes \(format.rawValue.uppercased()); name it .\(format.fileExtension)")
        }
    }

    /// Throws when a plan file (JSON) is given a diagram's extension.
    static func checkPlanFile(_ path: String, option: String) throws {
        if let named = RenderFormat(path: path) {
            throw ValidationError("\(option) \(path): \(option) writes the plan file (JSON), not \(named.rawValue.uppercased()); draw with --\(named == .dot ? "format dot" : named.rawValue) instead")
        }
    }
}
