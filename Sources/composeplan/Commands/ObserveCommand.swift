import ArgumentParser
import Engine
import Foundation
import Workflows

/// `composeplan observe`: the project's live state as a snapshot.
struct ObserveCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "observe",
        abstract: "Print the project's live state as a snapshot (Docker Engine API objects, JSON).",
        discussion: "The snapshot also holds, for every image the project references, the daemon's image inspect answer and the registry's current digest (`images`)."
    )

    @OptionGroup var compose: ComposeOptions

    @OptionGroup var daemon: DaemonOptions

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Write the snapshot to a file instead of standard output.", valueName: "SNAPSHOT.json"))
    var output: String?

    func run() async throws {
        try await reportingFailures {
            let project = try ProjectSource.load(compose.loadOptions())
            let snapshot = try await EngineProvider(mode: .docker(host: daemon.host), tls: daemon.tlsOptions).withEngine(project: project.name) { engine in
                do {
                    var snapshot = try await engine.snapshot(project: project.name)
                    snapshot.images = try await ProjectImages.observe(project, on: engine).map(\.json)
                    return snapshot
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
