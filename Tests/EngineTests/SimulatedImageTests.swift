import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import TestSupport
import Testing

/// The simulated engine's image model: local images, the registry's
/// digests (seeded from a snapshot), pulls with progress and size-based
/// latency, and Docker's errors.
@Suite("Simulated images")
struct SimulatedImageTests {
    static let digestA = "sha256:" + String(repeating: "a", count: 64)
    static let digestB = "sha256:" + String(repeating: "b", count: 64)

    /// Collects progress events.
    final class Events: @unchecked Sendable {
        private var events: [PullProgress] = []
        private let lock = NSLock()
        func append(_ event: PullProgress) { lock.withLock { events.append(event) } }
        var all: [PullProgress] { lock.withLock { events } }
    }

    /// A snapshot that knows two images: `app:1` present (pulled at digest
    /// A, the registry now has B), `db:2` absent (the registry has A), and
    /// `gone:1`, which the registry does not have.
    static let snapshot = Snapshot(images: [
        ImageObservation(reference: "127.0.0.1:5000/demo/app:1", image: ImageInspection([
            "Id": "sha256:1111", "RepoTags": ["127.0.0.1:5000/demo/app:1"], "RepoDigests": .array([.string("127.0.0.1:5000/demo/app@\(digestA)")]),
            "Size": 4_000_000, "Metadata": ["LastTagTime": "2026-12-01T10:00:00Z"], "Os": "linux",
        ]), registryDigest: digestB).json,
        ImageObservation(reference: "db:2", registryDigest: digestA).json,
        ImageObservation(reference: "gone:1", registryError: "cannot look up image gone:1 in registry docker.io: the registry has no such repository or tag: manifest unknown: manifest unknown").json,
    ])

    @Test("Inspect answers what the snapshot says; images it does not mention exist (unknown means present)")
    func inspect() async throws {
        let engine = await SimulatedEngine(seed: Self.snapshot)
        let app = try #require(try await engine.inspectImage("127.0.0.1:5000/demo/app:1"))
        #expect(app.id == "sha256:1111")
        #expect(app.size == 4_000_000)
        #expect(app.lastTagTime == "2026-12-01T10:00:00Z")
        #expect(app.json["Os"] == "linux")
        #expect(app.digest(for: try ImageReference(parsing: "127.0.0.1:5000/demo/app:1")) == Self.digestA)
        #expect(try await engine.inspectImage("db:2") == nil)
        #expect(try await engine.inspectImage("docker.io/library/db:2") == nil)
        // Not in the snapshot: assumed present, with an ID every spelling agrees on.
        let other = try #require(try await engine.inspectImage("redis"))
        #expect(other.id == (try await engine.inspectImage("docker.io/library/redis:latest"))?.id)
        #expect(DockerID.isFullID(String(other.id.dropFirst("sha256:".count))))
        #expect(other.repoDigests == [])
    }

    @Test("Registry digests come from the snapshot; a recorded registry error is answered again")
    func registry() async throws {
        let engine = await SimulatedEngine(seed: Self.snapshot)
        #expect(try await engine.distributionDigest("127.0.0.1:5000/demo/app:1", auth: nil) == Self.digestB)
        #expect(try await engine.distributionDigest("docker.io/library/db:2", auth: nil) == Self.digestA)
        let error = await #expect(throws: EngineError.self) { _ = try await engine.distributionDigest("gone:1", auth: nil) }
        #expect(error == EngineError(status: 404, message: "cannot look up image gone:1 in registry docker.io: the registry has no such repository or tag: manifest unknown: manifest unknown"))
    }

    @Test("With a modelled registry, unknown references fail as Docker's do: manifest unknown, naming image and registry")
    func unknownInModelledRegistry() async throws {
        let engine = await SimulatedEngine(configuration: .init(knownImages: [], registryImages: [:]))
        #expect(try await engine.inspectImage("nginx") == nil)
        let lookUp = await #expect(throws: EngineError.self) { _ = try await engine.distributionDigest("127.0.0.1:5000/x/y:1", auth: nil) }
        #expect(lookUp == EngineError(status: 404, message: "cannot look up image 127.0.0.1:5000/x/y:1 in registry 127.0.0.1:5000: the registry has no such repository or tag: manifest unknown: manifest unknown"))
        let pull = await #expect(throws: EngineError.self) { _ = try await engine.pullImage("127.0.0.1:5000/x/y:1", auth: nil) { _ in } }
        #expect(pull == EngineError(status: 404, message: "cannot pull image 127.0.0.1:5000/x/y:1 from registry 127.0.0.1:5000: the registry has no such repository or tag: manifest for 127.0.0.1:5000/x/y:1 not found: manifest unknown: manifest unknown"))
        let invalid = await #expect(throws: EngineError.self) { _ = try await engine.inspectImage("Bad") }
        #expect(invalid == EngineError(status: 400, message: "invalid reference format: repository name must be lowercase: Bad"))
        #expect(await engine.violations.map(\.operation) == [.inspectDistribution, .pullImage, .inspectImage])
    }

    @Test("A pull stores the registry's image: new ID and digest, progress up to the size; a second pull downloads nothing")
    func pull() async throws {
        let engine = await SimulatedEngine(configuration: .init(knownImages: [], registryImages: [:]))
        try await engine.pushToRegistry("127.0.0.1:5000/demo/app:1", SimulatedRegistryImage(digest: Self.digestA, id: "sha256:abcd", size: 8_000))
        let events = Events()
        let pulled = try await engine.pullImage("127.0.0.1:5000/demo/app:1", auth: nil) { events.append($0) }
        #expect(pulled == PulledImage(reference: "127.0.0.1:5000/demo/app:1", digest: Self.digestA, id: "sha256:abcd", downloadedBytes: 8_000, isNewer: true))
        let image = try #require(try await engine.inspectImage("127.0.0.1:5000/demo/app:1"))
        #expect(image.id == "sha256:abcd")
        #expect(image.repoDigests == ["127.0.0.1:5000/demo/app@\(Self.digestA)"])
        #expect(image.repoTags == ["127.0.0.1:5000/demo/app:1"])
        #expect(image.size == 8_000)
        #expect(image.lastTagTime != nil)
        // Instant latency: no transfer steps, so no progress events.
        #expect(events.all.isEmpty)
        let again = try await engine.pullImage("127.0.0.1:5000/demo/app:1", auth: nil) { _ in }
        #expect(again == PulledImage(reference: "127.0.0.1:5000/demo/app:1", digest: Self.digestA, id: "sha256:abcd", downloadedBytes: 0, isNewer: false))
        // A push moves the tag; the next pull brings the new image.
        try await engine.pushToRegistry("127.0.0.1:5000/demo/app:1", SimulatedRegistryImage(digest: Self.digestB, id: "sha256:ef01", size: 100))
        #expect(try await engine.pullImage("127.0.0.1:5000/demo/app:1", auth: nil) { _ in }.id == "sha256:ef01")
        #expect(try await engine.inspectImage("127.0.0.1:5000/demo/app:1")?.id == "sha256:ef01")
        #expect(await engine.violations.isEmpty)
    }

    @Test("Pull latency is the operation's plus the size at the download speed, reported in four steps")
    func pullLatency() async throws {
        let latency = LatencyModel.fixed([.pullImage: .milliseconds(20)], pullBytesPerSecond: 1_000_000)
        #expect(latency.transfer(bytes: 40_000) == .milliseconds(40))
        #expect(latency.transfer(bytes: 0) == .zero)
        #expect(LatencyModel.instant.transfer(bytes: 1_000_000_000) == .zero)
        let engine = await SimulatedEngine(configuration: .init(latency: latency, registryImages: [:]))
        try await engine.pushToRegistry("demo:1", SimulatedRegistryImage(digest: Self.digestA, id: "sha256:abcd", size: 40_000))
        try await engine.removeImage("demo:1")
        let events = Events()
        _ = try await engine.pullImage("demo:1", auth: nil) { events.append($0) }
        #expect(events.all.map(\.completedBytes) == [0, 10_000, 20_000, 30_000, 40_000])
        #expect(events.all.map(\.status) == ["Downloading", "Downloading", "Downloading", "Downloading", "Pull complete"])
        #expect(events.all.allSatisfy { $0.totalBytes == 40_000 && $0.layers == 1 && $0.reference == "demo:1" })
        let call = try #require(await engine.calls.last)
        #expect(call.operation == .pullImage)
        // At least the nominal 20 ms + 40 ms (a busy machine may add, never remove).
        #expect(call.end - call.start >= 0.06)
    }

    @Test("Containers need their image present; they record the ID of the image they were created from")
    func containersAndImages() async throws {
        let engine = await SimulatedEngine(seed: Self.snapshot)
        let request = ContainerCreateRequest(name: "db-1", body: ["Image": "db:2", "Labels": [ComposeLabel.project: "p"]])
        let error = await #expect(throws: EngineError.self) { _ = try await engine.createContainer(request) }
        #expect(error?.isMissingImage == true)
        let pulled = try await engine.pullImage("db:2", auth: nil) { _ in }
        let id = try await engine.createContainer(request)
        #expect(try await engine.inspectContainer(id).json["Image"]?.stringValue == pulled.id)
        let listed = try await engine.snapshot(project: "p").containers.first
        #expect(listed?["ImageID"]?.stringValue == pulled.id)
    }

    @Test("observeImages on the simulated engine gives back the snapshot's entries")
    func observation() async throws {
        let engine = await SimulatedEngine(seed: Self.snapshot)
        let observed = try await engine.observeImages([
            ImageQuery(reference: "127.0.0.1:5000/demo/app:1"), ImageQuery(reference: "db:2"), ImageQuery(reference: "gone:1"),
        ])
        let expected = Self.snapshot.imageObservations ?? []
        #expect(observed.map(\.reference) == expected.map(\.reference))
        #expect(observed.map(\.registryDigest) == expected.map(\.registryDigest))
        #expect(observed.map(\.registryError) == expected.map(\.registryError))
        #expect(observed.map { $0.image?.id } == expected.map { $0.image?.id })
        #expect(observed[0].image?.json["Os"] == "linux")
        let snapshot = try await engine.snapshot(project: "p", images: [ImageQuery(reference: "db:2", asksRegistry: false)])
        #expect(snapshot.images == [["Reference": "db:2"]])
    }
}
