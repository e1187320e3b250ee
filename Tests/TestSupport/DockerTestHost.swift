import Foundation

/// The test Docker daemon, from `COMPOSEPLAN_TEST_DOCKER_HOST` (set by
/// `.ci/run` via `scripts/start-test-daemon.sh`). Tests that need it are
/// skipped with a printed reason when it is unset, and fail when it is set
/// but does not answer.
public enum DockerTestHost {
    /// The daemon address, e.g. `unix:///tmp/…/docker.sock`.
    public static let address: String? = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_HOST"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// The same daemon over TCP with mutual TLS (`COMPOSEPLAN_TEST_DOCKER_TLS_HOST`),
    /// when the script could make certificates.
    public static let tlsAddress: String? = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_TLS_HOST"]
        .flatMap { $0.isEmpty ? nil : $0 }
    /// The client certificates for `tlsAddress`, in the docker CLI's layout.
    public static let certPath: String? = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_CERT_PATH"]
        .flatMap { $0.isEmpty ? nil : $0 }

    /// The image the tests run (imported from busybox-static by the script).
    public static let image = "composeplan-test/busybox:latest"

    /// Whether daemon tests run; prints why not once.
    public static let isAvailable: Bool = {
        if address == nil {
            print("note: COMPOSEPLAN_TEST_DOCKER_HOST is not set; skipping tests against a real Docker daemon (.ci/run starts one)")
        }
        return address != nil
    }()

    /// The `docker` client, for checks and for changing state behind composeplan's back.
    public static func docker(_ arguments: [String]) throws -> CommandRunner.Result {
        try CommandRunner.run("/usr/bin/docker", ["-H", address!] + arguments)
    }

    /// Removes everything carrying `com.docker.compose.project=<project>`.
    /// Removes (untags) the images whose repository starts with `prefix`
    /// (the images a project built).
    public static func removeImages(matching prefix: String) {
        guard let names = try? docker(["images", "--format", "{{.Repository}}:{{.Tag}}"]).stdout.split(separator: "\n") else { return }
        let matching = names.map(String.init).filter { $0.hasPrefix(prefix) }
        if !matching.isEmpty { _ = try? docker(["rmi", "-f"] + matching) }
    }

    public static func removeProject(_ project: String) {
        let filter = "label=com.docker.compose.project=\(project)"
        if let ids = try? docker(["ps", "-aq", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["rm", "-f", "-v"] + ids)
        }
        if let ids = try? docker(["network", "ls", "-q", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !ids.isEmpty {
            _ = try? docker(["network", "rm"] + ids)
        }
        if let names = try? docker(["volume", "ls", "-q", "--filter", filter]).stdout.split(separator: "\n").map(String.init), !names.isEmpty {
            _ = try? docker(["volume", "rm", "-f"] + names)
        }
    }
}
