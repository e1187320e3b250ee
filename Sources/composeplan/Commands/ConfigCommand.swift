import ArgumentParser
import ComposeModel
import Foundation
import Workflows

/// `composeplan config [SERVICE…]`: the normalized, interpolated model as
/// `docker compose config` prints it, or one of its lists.
struct ConfigCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "config",
        abstract: "Print the compose model composeplan understood (like docker compose config)."
    )

    /// Output formats of `config`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case yaml, json
    }

    @OptionGroup var compose: ComposeOptions

    @Option(name: .customLong("format"), help: "Output format: yaml (default) or json.")
    var format: Format = .yaml

    @Flag(name: .customLong("services"), help: "Print the service names, one per line.")
    var services = false

    @Flag(name: .customLong("volumes"), help: "Print the volume names, one per line.")
    var volumes = false

    @Flag(name: .customLong("networks"), help: "Print the network names, one per line.")
    var networks = false

    @Flag(name: .customLong("profiles"), help: "Print the profile names, one per line.")
    var profiles = false

    @Flag(name: .customLong("images"), help: "Print the image names, one per line.")
    var images = false

    @Option(name: .customLong("hash"), help: ArgumentHelp("Print the config hash of these services (comma-separated, or * for all), one per line.", valueName: "SERVICE|*"))
    var hash: String?

    @Flag(name: .customLong("no-interpolate"), help: "Do not interpolate variables: print the merged model as written.")
    var noInterpolate = false

    @Option(name: [.customShort("o"), .customLong("output")], help: ArgumentHelp("Write to a file instead of standard output.", valueName: "FILE"))
    var output: String?

    @Argument(help: "Services to show (and their dependencies); default: all.")
    var selected: [String] = []

    func run() async throws {
        try await reportingFailures {
            let text = try render()
            if let output {
                try OutputWriter.write(Data(text.utf8), to: output)
            } else {
                Terminal.output(text)
            }
        }
    }

    private func render() throws -> String {
        if noInterpolate {
            var options = compose.loadOptions()
            options.interpolates = false
            let model = try loaded { try ProjectLoader().loadModel(options) }
            if !selected.isEmpty { Terminal.warn("service selection is not applied with --no-interpolate; the whole model is shown") }
            return try encode(RawModel.document(model), escapingDollars: false)
        }
        var options = compose.loadOptions(services: hash.map(ConfigListing.hashSelection) ?? selected)
        // --hash narrows the project to the hashed services, without their
        // dependencies, as compose does (types.IgnoreDependencies): a broken
        // env_file elsewhere does not prevent hashing.
        if hash != nil { options.selectsDependencies = false }
        let project = try ProjectSource.load(options)
        for warning in project.warnings { Terminal.warn(warning) }
        let lines: [String]
        if services {
            lines = ConfigListing.services(project)
        } else if volumes {
            lines = ConfigListing.volumes(project)
        } else if networks {
            lines = ConfigListing.networks(project)
        } else if let hash {
            lines = try loaded { try ConfigListing.hashes(project, selection: hash) }
        } else if profiles {
            lines = ConfigListing.profiles(project)
        } else if images {
            lines = ConfigListing.images(project)
        } else {
            return try encode(ConfigDocument.model(of: project), escapingDollars: true)
        }
        return lines.map { $0 + "\n" }.joined()
    }

    /// YAML or JSON; with interpolated values, `$` is written `$$` so the
    /// output reads back as the same model (as compose does).
    private func encode(_ document: JSONValue, escapingDollars: Bool) throws -> String {
        var text: String
        switch format {
        case .yaml:
            text = YAMLWriter().write(document)
        case .json:
            text = String(decoding: try JSONEncoder.prettySorted.encode(document), as: UTF8.self) + "\n"
        }
        if escapingDollars { text = text.replacingOccurrences(of: "$", with: "$$") }
        return text
    }

    private func loaded<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as ComposeError {
            throw WorkflowError.compose(error)
        }
    }
}
