import Engine

/// Where a command's live state comes from and where its operations go:
/// the one choice `plan`, `apply`, `up` and `observe` make about engines.
public enum EngineMode: Sendable {
    /// Observe and run on a Docker daemon.
    case daemon(DaemonAddress)
    /// Observe a saved snapshot (`--observed`); nothing can run.
    case snapshot(path: String)
    /// Run on a simulated engine seeded from `seed` (`--dry-run`); nothing
    /// reaches a daemon.
    case dryRun(seed: DryRunSeed)

    /// Whether operations run on the simulated engine.
    public var isDryRun: Bool {
        if case .dryRun = self { return true }
        return false
    }

    /// Whether this mode can run operations (a snapshot file cannot be changed).
    public var canExecute: Bool {
        if case .snapshot = self { return false }
        return true
    }
}

/// A Docker daemon's address and how to reach it.
public struct DaemonAddress: Sendable, Hashable {
    /// `-H`; `nil`: `DOCKER_HOST`, else the default socket.
    public var host: String?
    /// TLS to a TCP daemon (`--tls`, `--tlsverify`, … and their environment variables).
    public var tls: DockerTLSOptions
    /// The docker CLI context (`--context`); `nil`: `DOCKER_CONTEXT`, else
    /// the CLI's current context, unless a host is named.
    public var context: String?

    public init(host: String? = nil, tls: DockerTLSOptions = DockerTLSOptions(), context: String? = nil) {
        self.host = host
        self.tls = tls
        self.context = context
    }
}

/// What a dry run's simulated engine starts from.
public enum DryRunSeed: Sendable {
    /// A snapshot file (`--observed`).
    case snapshot(path: String)
    /// The daemon's live state, read once; nothing else reaches the daemon.
    case daemon(DaemonAddress)
}
