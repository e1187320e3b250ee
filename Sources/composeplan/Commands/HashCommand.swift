import ArgumentParser
import Foundation
import Reconciler
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
            let state = try observed.map { ObservedState(snapshot: try SnapshotFile.read(at: $0), project: project) }
            Terminal.output(try ConfigHashReport(project: project, observed: state).encoded())
            Terminal.output("\n")
        }
    }
}
