import ComposeModel
import Engine
import Executor
import Foundation
import PlanModel
import TestSupport
import Testing

/// Compose's rule for a service with both `image:` and `build:`: the image
/// is pulled first, and a pull the registry cannot serve is tolerated
/// because the build takes over. Run on the simulated engine.
@Suite("Pull, else build, on the simulated engine")
struct PullFallbackRunTests {
    static let reference = "127.0.0.1:5000/demo/app:1"

    /// A project whose `app` names its image and builds it from a context.
    static func project(in folder: TemporaryDirectory) throws -> Project {
        try folder.write("app/Dockerfile", "FROM redis\nCOPY . /app\n")
        try folder.write("compose.yaml", "services:\n  app:\n    image: \(reference)\n    build: ./app\n")
        return try ProjectLoader().load(LoadOptions(projectName: "demo", environment: [:], currentDirectory: folder.path))
    }

    @Test("The registry lacks the image: the pull warns, the build runs, the container runs the built image; the next plan is empty")
    func pullFailsBuildRuns() async throws {
        let folder = try TemporaryDirectory(prefix: "pull-fallback")
        defer { folder.remove() }
        let project = try Self.project(in: folder)
        let engine = try await ImagePullRunTests.engine(registry: [:])
        let planFile = try await ImagePullRunTests.plan(project, on: engine)
        #expect(planFile.plan.text.hasPrefix("""
            [] -> #1 image:\(Self.reference), PullImage, not present (build if it fails)
            [1] -> #2 image:\(Self.reference), BuildImage, not present (if pull fails)
            [] -> #3 network:default, CreateNetwork, not found
            [2,3] -> #4 service:app:1, CreateContainer, no existing container

            """), "\(planFile.plan.text)")
        let (record, _) = await ImagePullRunTests.run(planFile, on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(record.node(1)?.status == .warned)
        #expect(record.node(1)?.error?.contains("manifest unknown") == true)
        #expect(record.node(2)?.status == .succeeded)
        let built = try #require(record.node(2)?.result)
        let containers = try await engine.snapshot(project: "demo").containerSummaries
        #expect(containers.map(\.imageLabel) == [built])
        #expect(try await ImagePullRunTests.plan(project, on: engine).plan.isEmpty)
    }

    @Test("The registry has the image: the pull succeeds, the build ends unchanged without a call, the container runs the pulled image")
    func pullSucceedsBuildUnchanged() async throws {
        let folder = try TemporaryDirectory(prefix: "pull-fallback")
        defer { folder.remove() }
        let project = try Self.project(in: folder)
        let engine = try await ImagePullRunTests.engine(registry: [Self.reference: ImagePullRunTests.first])
        let planFile = try await ImagePullRunTests.plan(project, on: engine)
        let (record, _) = await ImagePullRunTests.run(planFile, on: engine)
        #expect(record.outcome == .succeeded, "\(record.nodes.compactMap(\.error))")
        #expect(record.node(1)?.status == .succeeded)
        #expect(record.node(2)?.status == .unchanged)
        #expect(record.node(2)?.result == nil)
        let containers = try await engine.snapshot(project: "demo").containerSummaries
        #expect(containers.map(\.imageLabel) == [ImagePullRunTests.first.id])
        #expect(try await ImagePullRunTests.plan(project, on: engine).plan.isEmpty)
    }

    @Test("With --no-build the pull is not tolerated: its failure fails the run and skips the create")
    func noBuildFailsPull() async throws {
        let folder = try TemporaryDirectory(prefix: "pull-fallback")
        defer { folder.remove() }
        let project = try Self.project(in: folder)
        let engine = try await ImagePullRunTests.engine(registry: [:])
        let planFile = try await ImagePullRunTests.plan(project, on: engine, options: PlanOptions(build: .never))
        #expect(planFile.plan.nodes.map(\.type) == [.pullImage, .createNetwork, .createContainer, .startContainer])
        #expect(planFile.plan.nodes[0].cause == "not present")
        let (record, _) = await ImagePullRunTests.run(planFile, on: engine)
        #expect(record.outcome == .failed)
        #expect(record.node(1)?.status == .failed)
        #expect(record.node(3)?.status == .skipped && record.node(4)?.status == .skipped)
    }
}
