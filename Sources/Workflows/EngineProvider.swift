import Engine
import Foundation
import PlanModel

/// Opens the engine a command works on: the Docker daemon, or for
/// `--dry-run` a simulated engine seeded from a snapshot file or from the
/// daemon's live state (then nothing reaches the daemon).
public struct EngineProvider: Sendable {
    /// Where the state comes from and where operations go.
    public enum Mode: Sendable {
        /// A Docker daemon at `host` (`nil`: `DOCKER_HOST`, else the default socket).
        case docker(host: String?)
        /// A simulated engine seeded from a snapshot file.
        case simulatedFromFile(String)
        /// A simulated engine seeded from the daemon's live state.
        case simulatedFromDaemon(host: String?)
    }

    public var mode: Mode
    /// TLS to a TCP daemon (`--tls`, `--tlsverify`, … and their environment variables).
    public var tls: DockerTLSOptions
    /// The docker CLI context (`--context`); `nil`: `DOCKER_CONTEXT`, else
    /// the CLI's current context, unless a host is named.
    public var context: String?

    public init(mode: Mode, tls: DockerTLSOptions = DockerTLSOptions(), context: String? = nil) {
        self.mode = mode
        self.tls = tls
        self.context = context
    }

    /// Runs `body` with the engine, closing daemon connections afterwards.
    public func withEngine<T: Sendable>(project: String, _ body: (any ContainerEngine) async throws -> T) async throws -> T {
        switch mode {
        case .docker(let host):
            let engine = try await connect(host)
            do {
                let result = try await body(engine)
                try? await engine.shutdown()
                return result
            } catch {
                try? await engine.shutdown()
                throw error
            }
        case .simulatedFromFile(let path):
            let snapshot = try SnapshotFile.read(at: path)
            return try await body(await Self.simulated(seed: snapshot))
        case .simulatedFromDaemon(let host):
            let engine = try await connect(host)
            let snapshot: Snapshot
            do {
                snapshot = try await engine.snapshot(project: project)
                try? await engine.shutdown()
            } catch {
                try? await engine.shutdown()
                throw WorkflowError(Self.describe(error))
            }
            return try await body(await Self.simulated(seed: snapshot))
        }
    }

    /// A simulated engine with Docker-like latencies, so a dry run's timeline
    /// looks like the real one.
    public static func simulated(seed snapshot: Snapshot) async -> SimulatedEngine {
        await SimulatedEngine(configuration: .init(latency: .dockerLike), seed: snapshot)
    }

    private func connect(_ host: String?) async throws -> DockerEngine {
        do {
            return try await DockerEngine.connect(host: host, context: context, tls: tls)
        } catch {
            throw WorkflowError(Self.describe(error))
        }
    }

    /// One line for an engine failure.
    public static func describe(_ error: any Error) -> String {
        if let error = error as? EngineError { return error.description }
        if let error = error as? WorkflowError { return error.message }
        return "\(error)"
    }
}
