import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import TestSupport
import Testing

/// `DockerEngine`'s image calls against the real test daemon and the real
/// test registries (docker-registry 2.8, one open, one with htpasswd).
@Suite("Docker images and registries", .enabled(if: TestRegistry.isConfigured, Comment(rawValue: TestRegistry.skipReason)), .serialized)
struct DockerImageTests {
    static var registry: String { TestRegistry.address ?? "" }
    static var authRegistry: String { TestRegistry.authAddress ?? "" }

    static func withEngine(_ body: (DockerEngine) async throws -> Void) async throws {
        let engine = try await DockerEngine.connect(host: DockerTestHost.address, environment: [:])
        do {
            try await body(engine)
        } catch {
            try? await engine.shutdown()
            throw error
        }
        try await engine.shutdown()
    }

    /// Collects progress events from the engine's callback.
    final class Events: @unchecked Sendable {
        private var events: [PullProgress] = []
        private let lock = NSLock()
        func append(_ event: PullProgress) { lock.withLock { events.append(event) } }
        var all: [PullProgress] { lock.withLock { events } }
    }

    @Test("Inspect: a present image's ID, tags, digests and size; nil for an absent one")
    func inspect() async throws {
        let reference = "\(Self.registry)/\(TestRegistry.uniqueRepository("inspect")):1"
        let pushed = try TestRegistry.pushVariant(to: reference, keepLocal: true)
        defer { TestRegistry.removeLocal(reference) }
        try await Self.withEngine { engine in
            let image = try #require(try await engine.inspectImage(reference))
            #expect(image.id == pushed.id)
            #expect(image.repoTags == [reference])
            let repository = String(reference.dropLast(2))
            #expect(image.repoDigests == ["\(repository)@\(pushed.digest)"])
            #expect(image.digest(for: try ImageReference(parsing: reference)) == pushed.digest)
            #expect(image.size > 1_000_000)
            #expect(image.lastTagTime != nil)
            #expect(try await engine.inspectImage("\(Self.registry)/composeplan-test/never-made:1") == nil)
            #expect(try await engine.inspectImage(pushed.id) != nil)
        }
    }

    @Test("Distribution digest of a pushed tag, without pulling; manifest unknown for a missing tag")
    func distribution() async throws {
        let repository = "\(Self.registry)/\(TestRegistry.uniqueRepository("distribution"))"
        let tag1 = "\(repository):1"
        let pushed = try TestRegistry.pushVariant(to: tag1)
        try await Self.withEngine { engine in
            let digest = try await engine.distributionDigest(tag1, auth: nil)
            #expect(digest == pushed.digest)
            // Asking did not pull.
            let local = try await engine.inspectImage(tag1)
            #expect(local == nil)
            let error = await #expect(throws: EngineError.self) { _ = try await engine.distributionDigest("\(repository):2", auth: nil) }
            #expect(error?.status == 404)
            #expect(error?.registryProblem == .unknownImage)
            #expect(error?.message == "cannot look up image \(repository):2 in registry \(Self.registry): the registry has no such repository or tag: manifest unknown: manifest unknown")
            let unreachable = await #expect(throws: EngineError.self) {
                _ = try await engine.distributionDigest("127.0.0.1:1/composeplan-test/x:1", auth: nil)
            }
            #expect(unreachable?.registryProblem == .unreachable)
            #expect(unreachable?.message.hasPrefix("cannot look up image 127.0.0.1:1/composeplan-test/x:1 in registry 127.0.0.1:1: the registry is unreachable: ") == true)
        }
    }

    @Test("Pull: progress events up to the full size, the pushed digest and ID; a second pull is up to date")
    func pull() async throws {
        let reference = "\(Self.registry)/\(TestRegistry.uniqueRepository("pull")):1"
        let pushed = try TestRegistry.pushRandom(to: reference, layers: 2, bytesPerLayer: 3_000_000)
        defer { TestRegistry.removeLocal(reference) }
        try await Self.withEngine { engine in
            #expect(try await engine.inspectImage(reference) == nil)
            let events = Events()
            let pulled = try await engine.pullImage(reference, auth: nil) { events.append($0) }
            #expect(pulled.reference == reference)
            #expect(pulled.digest == pushed.digest)
            #expect(pulled.id == pushed.id)
            #expect(pulled.isNewer)
            // Two layers of 3 MB (tar headers add a little; compression none of it: the content is random).
            #expect(pulled.downloadedBytes > 6_000_000 && pulled.downloadedBytes < 6_100_000, "\(pulled.downloadedBytes)")
            let all = events.all
            #expect(all.first?.status.hasPrefix("Pulling from") == true)
            #expect(all.contains { $0.status == "Downloading" && $0.completedBytes < $0.totalBytes })
            let last = try #require(all.last)
            #expect(last.status == "Status: Downloaded newer image for \(reference)")
            #expect(last.layers == 2 && last.completedLayers == 2)
            #expect(last.completedBytes == pulled.downloadedBytes && last.totalBytes == pulled.downloadedBytes)
            // Progress never goes backwards.
            #expect(zip(all, all.dropFirst()).allSatisfy { $0.completedBytes <= $1.completedBytes })
            let image = try #require(try await engine.inspectImage(reference))
            #expect(image.id == pushed.id)

            let again = try await engine.pullImage(reference, auth: nil) { _ in }
            #expect(again == PulledImage(reference: reference, digest: pushed.digest, id: pushed.id, downloadedBytes: 0, isNewer: false))
        }
    }

    @Test("Pull of an unknown repository or tag fails, naming the image, the registry and the daemon's message")
    func pullUnknown() async throws {
        let reference = "\(Self.registry)/composeplan-test/no-such-repository-\(UInt32.random(in: 0...UInt32.max)):1"
        try await Self.withEngine { engine in
            let error = await #expect(throws: EngineError.self) { _ = try await engine.pullImage(reference, auth: nil) { _ in } }
            #expect(error?.registryProblem == .unknownImage)
            #expect(error?.message == "cannot pull image \(reference) from registry \(Self.registry): the registry has no such repository or tag: manifest for \(reference) not found: manifest unknown: manifest unknown")
            let invalid = await #expect(throws: EngineError.self) { _ = try await engine.pullImage("Bad/Name", auth: nil) { _ in } }
            #expect(invalid == EngineError(kind: .invalidRequest, message: "invalid reference format: repository name must be lowercase: Bad/Name"))
        }
    }

    @Test("The htpasswd registry: works with credentials from a test DOCKER_CONFIG, fails clearly without or with wrong ones")
    func authentication() async throws {
        let folder = try TemporaryDirectory(prefix: "composeplan-registry-auth")
        defer { folder.remove() }
        let config = try TestRegistry.writeDockerConfig(in: folder, registry: Self.authRegistry, user: TestRegistry.authUser,
                                                        password: TestRegistry.authPassword)
        let reference = "\(Self.authRegistry)/\(TestRegistry.uniqueRepository("auth")):1"
        let pushed = try TestRegistry.pushVariant(to: reference, dockerConfig: config)
        defer { TestRegistry.removeLocal(reference) }
        let image = try ImageReference(parsing: reference)
        let auth = try #require(try await RegistryCredentials(environment: ["DOCKER_CONFIG": config]).auth(for: image))
        #expect(auth == RegistryAuth(username: TestRegistry.authUser, password: TestRegistry.authPassword, serverAddress: Self.authRegistry))
        try await Self.withEngine { engine in
            let without = await #expect(throws: EngineError.self) { _ = try await engine.distributionDigest(reference, auth: nil) }
            #expect(without?.registryProblem == .unauthorized)
            #expect(without?.message.hasPrefix("cannot look up image \(reference) in registry \(Self.authRegistry): the registry requires credentials and none are configured for \(Self.authRegistry) (docker login \(Self.authRegistry), or an auths entry in $DOCKER_CONFIG/config.json): ") == true, "\(without?.message ?? "")")
            let pullWithout = await #expect(throws: EngineError.self) { _ = try await engine.pullImage(reference, auth: nil) { _ in } }
            #expect(pullWithout?.registryProblem == .unauthorized)
            let wrong = RegistryAuth(username: TestRegistry.authUser, password: "wrong", serverAddress: Self.authRegistry)
            let refused = await #expect(throws: EngineError.self) { _ = try await engine.pullImage(reference, auth: wrong) { _ in } }
            #expect(refused?.message == "cannot pull image \(reference) from registry \(Self.authRegistry): the registry refused the credentials of user \(TestRegistry.authUser): unauthorized: authentication required")

            #expect(try await engine.distributionDigest(reference, auth: auth) == pushed.digest)
            let pulled = try await engine.pullImage(reference, auth: auth) { _ in }
            #expect(pulled.digest == pushed.digest)
            #expect(pulled.id == pushed.id)
        }
    }

    @Test("Observation: inspect answers and registry digests per reference; a registry failure is recorded, not thrown")
    func observation() async throws {
        let repository = "\(Self.registry)/\(TestRegistry.uniqueRepository("observe"))"
        let present = try TestRegistry.pushVariant(to: "\(repository):present", keepLocal: true)
        defer { TestRegistry.removeLocal("\(repository):present") }
        let remote = try TestRegistry.pushVariant(to: "\(repository):remote")
        try await Self.withEngine { engine in
            let observations = try await engine.observeImages([
                ImageQuery(reference: "\(repository):present"),
                ImageQuery(reference: "\(repository):remote"),
                ImageQuery(reference: "\(repository):missing"),
                ImageQuery(reference: "\(repository):present", asksRegistry: false),
                ImageQuery(reference: "\(repository):local-only", asksRegistry: false),
            ])
            #expect(observations.map(\.reference) == ["\(repository):present", "\(repository):remote", "\(repository):missing",
                                                      "\(repository):local-only"])
            #expect(observations[0].image?.id == present.id)
            #expect(observations[0].localDigest == present.digest)
            #expect(observations[0].registryDigest == present.digest)
            #expect(observations[1].image == nil)
            #expect(observations[1].registryDigest == remote.digest)
            #expect(observations[2].image == nil)
            #expect(observations[2].registryDigest == nil)
            #expect(observations[2].registryError == "cannot look up image \(repository):missing in registry \(Self.registry): the registry has no such repository or tag: manifest unknown: manifest unknown")
            #expect(observations[3] == ImageObservation(reference: "\(repository):local-only"))
        }
    }
}

/// In CI the registry tests must run: a missing registry fails there
/// instead of skipping.
@Suite("Test registries in CI")
struct TestRegistryPresenceTests {
    @Test("In CI, the test registries are configured")
    func configuredInCI() {
        if let reason = TestRegistry.missingInCI { Issue.record(Comment(rawValue: reason)) }
        if !TestRegistry.isConfigured { print("note: \(TestRegistry.skipReason)") }
    }
}
