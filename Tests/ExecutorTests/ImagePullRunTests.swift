import ComposeModel
import DockerModel
import Engine
import Executor
import Foundation
import PlanModel
import Reconciler
import TestSupport
import Testing

/// Plans with pulls, run on the simulated engine with a simulated
/// registry: what the pulls report, what the containers record, and how a
/// moved tag or an unknown repository fails only what depends on it.
@Suite("Image pulls on the simulated engine")
struct ImagePullRunTests {
    static let yaml = """
        services:
          app:
            image: 127.0.0.1:5000/demo/app:1
          cache:
            image: redis
        """
    static let appImage = "127.0.0.1:5000/demo/app:1"
    static let first = SimulatedRegistryImage(digest: "sha256:" + String(repeating: "a", count: 64),
                                              id: "sha256:" + String(repeating: "1", count: 64), size: 4_000_000)
    static let second = SimulatedRegistryImage(digest: "sha256:" + String(repeating: "b", count: 64),
                                               id: "sha256:" + String(repeating: "2", count: 64), size: 5_000_000)

    /// An engine with `redis` present (and in the registry) and the registry holding `registry`.
    static func engine(registry: [String: SimulatedRegistryImage]) async throws -> SimulatedEngine {
        let redis = SimulatedRegistryImage(digest: "sha256:" + String(repeating: "c", count: 64),
                                           id: "sha256:" + String(repeating: "3", count: 64), size: 1_000_000)
        let engine = await SimulatedEngine(configuration: .init(
            latency: .fixed([:], pullBytesPerSecond: 40_000_000), knownImages: ["redis"],
            registryImages: registry.merging(["redis": redis]) { own, _ in own }))
        return engine
    }

    /// Observes (with images) and plans `project` on `engine`.
    static func plan(_ project: Project, on engine: SimulatedEngine, options: PlanOptions = PlanOptions()) async throws -> PlanFile {
        let references = Set(project.services.values.compactMap { $0.imageName(project: project.name) }).sorted()
        let snapshot = try await engine.snapshot(project: project.name, images: references.map { ImageQuery(reference: $0) })
        let observed = ObservedState(snapshot: snapshot, project: project, time: Date())
        let plan = try Reconciler.plan(project: project, observed: observed, options: options, confirm: { _ in false })
        return PlanFile(toolVersion: "test", project: ProjectContext(project: project), composeFiles: [:], options: options,
                        engine: nil, fingerprint: StateFingerprint(snapshot: snapshot, project: project.name), plan: plan)
    }

    static func run(_ planFile: PlanFile, on engine: SimulatedEngine) async -> (ExecutionRecord, [ExecutionEvent]) {
        let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
        async let record = Executor(options: ExecutorOptions(environment: [:])).run(planFile, on: engine, events: sink)
        var collected: [ExecutionEvent] = []
        for await event in events { collected.append(event) }
        return (await record, collected)
    }

    @Test("An absent image is pulled before its create; the container records the pulled ID; the next plan is empty")
    func pullsAndConverges() async throws {
        let project = try ProjectFixture.load(Self.yaml)
        let engine = try await Self.engine(registry: [Self.appImage: Self.first])
        let planFile = try await Self.plan(project, on: engine)
        #expect(planFile.plan.text == planLines(
            "[] -> #1 image:127.0.0.1:5000/demo/app:1, PullImage, not present",
            "[] -> #2 network:default, CreateNetwork, not found",
            "[1,2] -> #3 service:app:1, CreateContainer, no existing container",
            "[3] -> #4 service:app:1, StartContainer, service start",
            "[2] -> #5 service:cache:1, CreateContainer, no existing container",
            "[5] -> #6 service:cache:1, StartContainer, service start"))
        let (record, events) = await Self.run(planFile, on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(record.node(1)?.bytes == 4_000_000)
        #expect(record.node(1)?.result == Self.first.id)
        let progress = events.filter { $0.kind == .progress && $0.node == 1 }
        #expect(!progress.isEmpty)
        #expect(progress.allSatisfy { $0.totalBytes == 4_000_000 && ($0.completedBytes ?? -1) <= 4_000_000 })
        #expect(events.contains { $0.kind == .finished && $0.node == 1 && $0.completedBytes == 4_000_000 })
        // The cache container did not wait for the pull.
        #expect(try #require(record.node(5)?.start) < (try #require(record.node(1)?.end)))
        let snapshot = try await engine.snapshot(project: "demo")
        let labels = Dictionary(uniqueKeysWithValues: snapshot.containerSummaries.map { ($0.service ?? "", $0.imageLabel) })
        #expect(labels["app"] == Self.first.id)
        #expect(labels["cache"] == (try await engine.inspectImage("redis"))?.id)
        let violations = await engine.violations
        #expect(violations.isEmpty, "\(violations)")
        #expect(try await Self.plan(project, on: engine).plan.isEmpty)
    }

    @Test("A new image under the same tag: pull_policy always pulls and recreates (image changed), then converges")
    func newImageRecreates() async throws {
        let project = try ProjectFixture.load(Self.yaml.replacingOccurrences(of: "app:1\n", with: "app:1\n    pull_policy: always\n"))
        let engine = try await Self.engine(registry: [Self.appImage: Self.first])
        _ = await Self.run(try await Self.plan(project, on: engine), on: engine)
        let same = try await Self.plan(project, on: engine)
        #expect(same.plan.text == planLines("[] -> #1 image:127.0.0.1:5000/demo/app:1, PullImage, pull_policy always"))
        try await engine.pushToRegistry(Self.appImage, Self.second)
        let changed = try await Self.plan(project, on: engine)
        #expect(changed.plan.text.hasPrefix(planLines(
            "[] -> #1 image:127.0.0.1:5000/demo/app:1, PullImage, registry has sha256:bbbbbbbbbbbb local has sha256:aaaaaaaaaaaa",
            "[1] -> #2 service:app:1, CreateContainer, image changed (tmpName) [recreate:app:1]")))
        let (record, _) = await Self.run(changed, on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        let snapshot = try await engine.snapshot(project: "demo")
        #expect(snapshot.containerSummaries.first { $0.service == "app" }?.imageLabel == Self.second.id)
        let next = try await Self.plan(project, on: engine)
        #expect(next.plan.nodes.map(\.type) == [.pullImage])
    }

    @Test("A tag moved between plan and apply fails its pull as stale, naming both digests; its dependents are skipped, the rest runs")
    func staleTag() async throws {
        let project = try ProjectFixture.load(Self.yaml)
        let engine = try await Self.engine(registry: [Self.appImage: Self.first])
        let planFile = try await Self.plan(project, on: engine)
        try await engine.pushToRegistry(Self.appImage, Self.second)
        let (record, _) = await Self.run(planFile, on: engine)
        #expect(record.outcome == .failed)
        #expect(record.node(1)?.status == .failed)
        #expect(record.node(1)?.error?.contains("plan is stale for image 127.0.0.1:5000/demo/app:1") == true)
        #expect(record.node(1)?.error?.contains(Self.first.digest) == true)
        #expect(record.node(1)?.error?.contains(Self.second.digest) == true)
        #expect(record.node(3)?.status == .skipped)
        #expect(record.node(4)?.status == .skipped)
        #expect(record.node(5)?.status == .succeeded)
        #expect(record.node(6)?.status == .succeeded)
    }

    @Test("A build on the simulated engine: an ID derived from the context, the builder's lines as progress, the label on the containers; the same context builds the same ID")
    func simulatedBuild() async throws {
        let folder = try TemporaryDirectory(prefix: "simulated-build")
        defer { folder.remove() }
        try folder.write("app/Dockerfile", "FROM redis\nCOPY . /app\n")
        try folder.write("compose.yaml", "services:\n  app:\n    build: ./app\n")
        let project = try ProjectLoader().load(LoadOptions(projectName: "demo", environment: [:], currentDirectory: folder.path))
        let engine = try await Self.engine(registry: [:])
        try await engine.removeImage("demo-app")
        let planFile = try await Self.plan(project, on: engine)
        #expect(planFile.plan.nodes.first.map { "\($0.type.name) \($0.resource) \($0.cause)" } == "BuildImage image:demo-app not present")
        let (record, events) = await Self.run(planFile, on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        let id = try #require(record.node(1)?.result)
        #expect(events.contains { $0.kind == .progress && $0.node == 1 && $0.message == "Step 1/2 : FROM redis" })
        let snapshot = try await engine.snapshot(project: "demo")
        #expect(snapshot.containerSummaries.first?.imageLabel == id)
        #expect(try await Self.plan(project, on: engine).plan.isEmpty)
        // --build with nothing changed: the same image, and the conditional recreate ends unchanged.
        let containerID = try #require(snapshot.containerSummaries.first?.id)
        let rebuilt = try await Self.plan(project, on: engine, options: PlanOptions(build: .always))
        #expect(rebuilt.plan.nodes.map(\.type) == [.buildImage, .createContainer, .stopContainer, .removeContainer,
                                                    .renameContainer, .startContainer])
        let (again, _) = await Self.run(rebuilt, on: engine)
        #expect(again.outcome == .succeeded)
        #expect(again.node(1)?.result == id)
        #expect((2...5).allSatisfy { again.node($0)?.status == .unchanged })
        #expect(again.node(6)?.status == .succeeded)
        #expect(try await engine.snapshot(project: "demo").containerSummaries.map(\.id) == [containerID])
        // A changed context: the build gives another image and the recreate runs.
        try folder.write("app/extra.txt", "changed\n")
        let changed = try await Self.plan(project, on: engine, options: PlanOptions(build: .always))
        let (third, _) = await Self.run(changed, on: engine)
        #expect(third.outcome == .succeeded, "\(third.nodes.compactMap(\.error))")
        #expect((1...6).allSatisfy { third.node($0)?.status == .succeeded })
        let after = try await engine.snapshot(project: "demo").containerSummaries
        #expect(after.map(\.id) != [containerID] && after.count == 1)
        #expect(after.first?.imageLabel == third.node(1)?.result)
        #expect(try await Self.plan(project, on: engine).plan.isEmpty)
    }

    @Test("An unknown repository fails its pull with the image, the registry and the daemon's message")
    func unknownRepository() async throws {
        let project = try ProjectFixture.load(Self.yaml)
        let engine = try await Self.engine(registry: [:])
        let planFile = try await Self.plan(project, on: engine)
        #expect(planFile.plan.nodes.first?.type == .pullImage)
        #expect(planFile.plan.nodes.first?.details.digest == nil)
        let (record, _) = await Self.run(planFile, on: engine)
        #expect(record.outcome == .failed)
        let error = try #require(record.node(1)?.error)
        #expect(error.contains("127.0.0.1:5000/demo/app:1") && error.contains("127.0.0.1:5000") && error.contains("manifest unknown"), "\(error)")
        #expect(record.node(3)?.status == .skipped)
        #expect(record.node(6)?.status == .succeeded)
    }
}

/// Plan lines joined in the text format (each newline-terminated).
private func planLines(_ lines: String...) -> String {
    lines.map { $0 + "\n" }.joined()
}
