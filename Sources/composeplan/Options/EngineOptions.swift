import ArgumentParser
import Workflows

/// Where the live state comes from.
struct EngineOptions: ParsableArguments {
    @Option(name: .customLong("observed"), help: ArgumentHelp("Read the live state from a snapshot file (no daemon).", valueName: "SNAPSHOT.json"))
    var observed: String?

    @OptionGroup var daemon: DaemonOptions

    func validate() throws {
        if observed != nil && daemon.isSet {
            throw ValidationError("--observed and --host (or the TLS options) are exclusive: read the state from a snapshot or from a daemon")
        }
    }

    /// The daemon's address (`-H`).
    var host: String? { daemon.host }

    /// The engine provider for `mode`, with the daemon's TLS options.
    func provider(_ mode: EngineProvider.Mode) -> EngineProvider {
        EngineProvider(mode: mode, tls: daemon.tlsOptions, context: daemon.context)
    }
}
