import Foundation

/// The test registries, from the variables `.ci/run` sets with
/// `scripts/start-test-registry.sh`: `COMPOSEPLAN_TEST_REGISTRY` (open) and
/// `COMPOSEPLAN_TEST_AUTH_REGISTRY` with `…_USER` and `…_PASSWORD` (htpasswd
/// authentication), each `127.0.0.1:PORT`. Tests that need them are skipped
/// with `skipReason` when they are unset (and the Docker daemon with them);
/// `checkConfiguredInCI` makes a CI run without them fail.
///
/// Images reach a registry through the test daemon and the `docker` CLI, as
/// a user would push them.
public enum TestRegistry {
    private static let environment = ProcessInfo.processInfo.environment

    /// The open registry, `127.0.0.1:PORT`.
    public static let address: String? = environment["COMPOSEPLAN_TEST_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
    /// The registry with htpasswd authentication.
    public static let authAddress: String? = environment["COMPOSEPLAN_TEST_AUTH_REGISTRY"].flatMap { $0.isEmpty ? nil : $0 }
    /// Its user and password.
    public static let authUser: String = environment["COMPOSEPLAN_TEST_AUTH_REGISTRY_USER"] ?? ""
    public static let authPassword: String = environment["COMPOSEPLAN_TEST_AUTH_REGISTRY_PASSWORD"] ?? ""

    /// Whether the registry tests run: both registries and a test daemon are configured.
    public static var isConfigured: Bool {
        address != nil && authAddress != nil && !authUser.isEmpty && DockerTestHost.address != nil
    }

    public static let skipReason = "COMPOSEPLAN_TEST_REGISTRY, COMPOSEPLAN_TEST_AUTH_REGISTRY (with _USER and _PASSWORD) and COMPOSEPLAN_TEST_DOCKER_HOST are not all set: no registry to test against (start them with scripts/start-test-registry.sh and scripts/start-test-daemon.sh, as .ci/run does)"

    /// `nil` when the registry tests can run or CI is not set; else the
    /// reason a CI run must fail: CI must run them.
    public static var missingInCI: String? {
        guard !(environment["CI"] ?? "").isEmpty, !isConfigured else { return nil }
        return "CI is set but the test registries are not: " + skipReason
    }

    /// A repository name no other test uses (`cp-<prefix>-<random>`).
    public static func uniqueRepository(_ prefix: String) -> String {
        "composeplan-test/\(prefix)-\(UInt32.random(in: 0...UInt32.max))"
    }

    /// An image pushed to a registry.
    public struct PushedImage: Sendable {
        /// `registry/repository:tag`.
        public var reference: String
        /// The manifest digest the registry stores (`sha256:…`).
        public var digest: String
        /// The image's ID (`sha256:…`).
        public var id: String
    }

    /// Pushes a new image to `reference` (`registry/repository:tag`): the
    /// test busybox image with a label `nonce`, so every push gives a new
    /// ID and digest while containers still run it. Removes its local tag
    /// afterwards unless `keepLocal`.
    ///
    /// - Parameter dockerConfig: a DOCKER_CONFIG folder with credentials for
    ///   the registry (see `writeDockerConfig`).
    @discardableResult
    public static func pushVariant(to reference: String, nonce: String = UUID().uuidString, dockerConfig: String? = nil,
                                   keepLocal: Bool = false) throws -> PushedImage {
        let container = try docker(["create", "--label", "composeplan-test-nonce=\(nonce)", DockerTestHost.image, "true"])
            .requireSuccess("docker create").stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        defer { _ = try? docker(["rm", "-f", container]) }
        try docker(["commit", "--change", "LABEL composeplan-test-nonce=\(nonce)", "--change", #"CMD ["sleep", "3600"]"#,
                    container, reference]).requireSuccess("docker commit")
        return try push(reference, dockerConfig: dockerConfig, keepLocal: keepLocal)
    }

    /// Pushes an image of `layers` layers of `bytesPerLayer` random bytes
    /// each (made with `docker import`; it holds no program, so it is for
    /// pulling, not for running).
    @discardableResult
    public static func pushRandom(to reference: String, layers: Int = 1, bytesPerLayer: Int, dockerConfig: String? = nil,
                                  keepLocal: Bool = false) throws -> PushedImage {
        let folder = try TemporaryDirectory(prefix: "composeplan-random-image")
        defer { folder.remove() }
        // One layer per import; later layers are added by committing a
        // container of the previous image with another random file.
        var base = ""
        for layer in 0..<layers {
            var bytes = [UInt8](repeating: 0, count: bytesPerLayer)
            var generator = SystemRandomNumberGenerator()
            for index in stride(from: 0, to: bytes.count, by: 8) {
                let word = generator.next()
                for offset in 0..<min(8, bytes.count - index) { bytes[index + offset] = UInt8(truncatingIfNeeded: word >> (8 * offset)) }
            }
            let file = "\(folder.path)/layer\(layer)"
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            let tar = "\(folder.path)/layer\(layer).tar"
            try CommandRunner.run("/bin/tar", ["-C", folder.path, "-cf", tar, "layer\(layer)"]).requireSuccess("tar")
            if layer == 0 {
                try docker(["import", tar, reference]).requireSuccess("docker import")
            } else {
                let container = try docker(["create", base, "x"]).requireSuccess("docker create").stdout
                    .trimmingCharacters(in: .whitespacesAndNewlines)
                defer { _ = try? docker(["rm", "-f", container]) }
                try docker(["cp", file, "\(container):/layer\(layer)"]).requireSuccess("docker cp")
                try docker(["commit", container, reference]).requireSuccess("docker commit")
            }
            base = reference
        }
        return try push(reference, dockerConfig: dockerConfig, keepLocal: keepLocal)
    }

    /// Pushes the local `reference` and reads the digest the registry gave it.
    private static func push(_ reference: String, dockerConfig: String?, keepLocal: Bool) throws -> PushedImage {
        let id = try docker(["image", "inspect", "--format", "{{.Id}}", reference]).requireSuccess("docker image inspect").stdout
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let output = try docker(["push", reference], config: dockerConfig).requireSuccess("docker push").stdout
        // "<tag>: digest: sha256:… size: 527"
        guard let range = output.range(of: "digest: sha256:") else {
            throw TestRegistryError(message: "docker push \(reference) printed no digest: \(output)")
        }
        let digest = "sha256:" + output[range.upperBound...].prefix(64)
        if !keepLocal { removeLocal(reference) }
        return PushedImage(reference: reference, digest: String(digest), id: id)
    }

    /// Removes the local tag `reference` (the image goes when no tag or container keeps it).
    public static func removeLocal(_ reference: String) {
        _ = try? docker(["rmi", "-f", reference])
    }

    /// Writes a DOCKER_CONFIG folder whose `config.json` holds `user` and
    /// `password` for `registry` (an `auths` entry, as `docker login` writes
    /// it without a credential store); returns the folder.
    public static func writeDockerConfig(in folder: TemporaryDirectory, registry: String, user: String, password: String) throws -> String {
        let auth = Data("\(user):\(password)".utf8).base64EncodedString()
        try folder.write("docker-config/config.json", #"{"auths": {"\#(registry)": {"auth": "\#(auth)"}}}"#)
        return folder.path + "/docker-config"
    }

    /// The `docker` CLI against the test daemon, with `config` as DOCKER_CONFIG.
    @discardableResult
    public static func docker(_ arguments: [String], config: String? = nil) throws -> CommandRunner.Result {
        let configArguments = config.map { ["--config", $0] } ?? []
        return try CommandRunner.run("/usr/bin/docker", configArguments + ["-H", DockerTestHost.address ?? ""] + arguments)
    }
}

/// A setup step of a registry test failed.
public struct TestRegistryError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}

extension CommandRunner.Result {
    /// Throws with the command's output unless it exited with status 0.
    @discardableResult
    public func requireSuccess(_ what: String) throws -> CommandRunner.Result {
        guard status == 0 else { throw TestRegistryError(message: "\(what) failed (status \(status)): \(stderr)\(stdout)") }
        return self
    }
}
