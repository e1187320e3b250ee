import Engine
import Foundation
import PlanModel
import Testing

/// The Docker daemon the daemon tests run against: its address comes from
/// `COMPOSEPLAN_TEST_DOCKER_HOST` (scripts/start-test-daemon.sh prints it).
/// Unset: those tests are skipped with this reason; set but unreachable:
/// they fail.
enum TestDaemon {
    static let variable = "COMPOSEPLAN_TEST_DOCKER_HOST"
    static let host: String? = ProcessInfo.processInfo.environment[variable].flatMap { $0.isEmpty ? nil : $0 }
    static var isConfigured: Bool { host != nil }
    static let skipReason: Comment = "COMPOSEPLAN_TEST_DOCKER_HOST is not set: no Docker daemon to test against (start one with scripts/start-test-daemon.sh)"
    /// The image scripts/start-test-daemon.sh imports.
    static let image = "composeplan-test/busybox:latest"

    /// A project name no other test uses.
    static func uniqueProject(_ prefix: String) -> String {
        "\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// Runs `body` with an engine on the test daemon, then removes what the
    /// project left behind and shuts the engine down.
    static func withEngine(project: String, _ body: (DockerEngine) async throws -> Void) async throws {
        let engine = try await DockerEngine.connect(host: host)
        do {
            try await body(engine)
        } catch {
            await removeEverything(of: project, on: engine)
            try? await engine.shutdown()
            throw error
        }
        await removeEverything(of: project, on: engine)
        try await engine.shutdown()
    }

    static func removeEverything(of project: String, on engine: any ContainerEngine) async {
        guard let snapshot = try? await engine.snapshot(project: project) else { return }
        var anonymous: Set<String> = []
        for container in snapshot.containerSummaries {
            for mount in container.mounts where DockerID.isFullID(mount.name) { anonymous.insert(mount.name) }
            try? await engine.removeContainer(container.id, force: true)
        }
        for network in snapshot.networkSummaries { try? await engine.removeNetwork(network.id) }
        for volume in snapshot.volumeSummaries { try? await engine.removeVolume(volume.name) }
        for volume in anonymous { try? await engine.removeVolume(volume) }
    }
}
