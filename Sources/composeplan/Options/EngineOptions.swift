import ArgumentParser
import Workflows

/// Where the live state comes from: a snapshot file or a daemon.
struct EngineOptions: ParsableArguments {
    @Option(name: .customLong("observed"), help: ArgumentHelp("Read the live state from a snapshot file (no daemon).", valueName: "SNAPSHOT.json"))
    var observed: String?

    @OptionGroup var daemon: DaemonOptions

    func validate() throws {
        if observed != nil && daemon.isSet {
            throw ValidationError("--observed and --host (or the TLS options) are exclusive: read the state from a snapshot or from a daemon")
        }
    }

    /// The daemon named by `-H` and the TLS options.
    var address: DaemonAddress { DaemonAddress(host: daemon.host, tls: daemon.tlsOptions, context: daemon.context) }

    /// Where planning reads the state: the snapshot file, else the daemon.
    var planningMode: EngineMode {
        observed.map { .snapshot(path: $0) } ?? .daemon(address)
    }

    /// Where a run goes: the daemon, or for a dry run the simulated engine
    /// seeded from the snapshot file, else from the daemon.
    func runMode(dryRun: Bool) -> EngineMode {
        guard dryRun else { return .daemon(address) }
        return .dryRun(seed: observed.map { .snapshot(path: $0) } ?? .daemon(address))
    }
}
