import ArgumentParser
import Workflows

/// Where the live state comes from.
struct EngineOptions: ParsableArguments {
    @Option(name: .customLong("observed"), help: ArgumentHelp("Read the live state from a snapshot file (no daemon).", valueName: "SNAPSHOT.json"))
    var observed: String?

    @Option(name: [.customShort("H"), .customLong("host")], help: "Docker daemon address (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    var host: String?

    func validate() throws {
        if observed != nil && host != nil {
            throw ValidationError("--observed and --host are exclusive: read the state from a snapshot or from a daemon")
        }
    }
}
