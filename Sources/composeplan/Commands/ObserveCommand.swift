import ArgumentParser
import Engine
import Foundation
import Workflows

/// `composeplan observe`: the project's live state as a snapshot.
struct ObserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observe",
        abstract: "Print the project's live state as a snapshot (Docker Engine API objects, JSON)."
    )

    @OptionGroup var compose: ComposeOptions

    @OptionGroup var daemon: DaemonOptions

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Write the snapshot to a file instead of standard output.", valueName: "SNAPSHOT.json"))
    var output: String?

    func run() async throws {
        try await reportingFailures {
            let project = try ProjectSource.load(compose.loadOptions())
            let snapshot = try await EngineProvider(mode: .docker(host: daemon.host), tls: daemon.tlsOptions, context: daemon.context).withEngine(project: project.name) { engine in
                do {
                    return try await engine.snapshot(project: project.name)
                } catch {
                    throw WorkflowError(EngineProvider.describe(error))
                }
            }
            let data = try snapshot.encoded()
            if let output {
                try Terminal.write(data, to: output)
            } else {
                Terminal.output(data)
                Terminal.output("\n")
            }
        }
    }
}
