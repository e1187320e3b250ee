import ArgumentParser
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

    @OptionGroup var target: TargetOption

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Write the snapshot to a file instead of standard output.", valueName: "SNAPSHOT.json"))
    var output: String?

    func run() async throws {
        try await reportingFailures {
            let project = try ProjectSource.load(compose.loadOptions())
            let mode = EngineMode.daemon(DaemonAddress(host: daemon.host, tls: daemon.tlsOptions, context: daemon.context))
            let observation = try await EngineSession.open(mode, project: project.name, images: project,
                                                           target: target.deploymentTarget) { session in
                target.deploymentTarget == .swarm
                    ? try await session.observeStack(project.name, images: project)
                    : try await session.observeWithImages(project: project)
            }
            if let output {
                Summaries.written([try OutputWriter.write(observation.snapshot, to: output)])
            } else {
                Terminal.output(try observation.snapshot.encoded())
                Terminal.output("\n")
            }
        }
    }
}
