import ArgumentParser
import Foundation
import Workflows

/// `composeplan hash`: the config hashes `plan` compares with the labels.
struct HashCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hash",
        abstract: "Print the config hashes of the services, networks and volumes (JSON)."
    )

    @OptionGroup var compose: ComposeOptions

    @Option(name: .customLong("observed"), help: ArgumentHelp("Resolve service references against this snapshot.", valueName: "SNAPSHOT.json"))
    var observed: String?

    func run() async throws {
        try await reportingFailures {
            let project = try ProjectSource.load(compose.loadOptions())
            Terminal.output(try ConfigHashReport(project: project, snapshotPath: observed).encoded())
            Terminal.output("\n")
        }
    }
}
