import DockerModel
import Foundation
import PlanModel
import TestSupport
import Testing

/// `composeplan observe` writes the `images` array: the daemon's inspect
/// answer and the registry's digest per referenced image (real daemon and
/// registry, through the built binary).
@Suite("observe: images", .serialized, .enabled(if: TestRegistry.isConfigured, Comment(rawValue: TestRegistry.skipReason)))
struct ObserveImagesTests {
    @Test("Present, registry-only, missing, pull_policy never and built images, each as compose would treat it")
    func observe() throws {
        let registry = TestRegistry.address ?? ""
        let repository = "\(registry)/\(TestRegistry.uniqueRepository("observe-e2e"))"
        let present = try TestRegistry.pushVariant(to: "\(repository):present", keepLocal: true)
        defer { TestRegistry.removeLocal("\(repository):present") }
        let remote = try TestRegistry.pushVariant(to: "\(repository):remote")
        let directory = try TemporaryDirectory(prefix: "observe-images")
        defer { directory.remove() }
        try directory.write("compose.yaml", """
            services:
              present:
                image: \(repository):present
              shared:
                image: \(repository):present
              remote:
                image: \(repository):remote
              missing:
                image: \(repository):missing
              local:
                image: \(repository):local
                pull_policy: never
              built:
                build: .
            """)
        let project = "cpobsimg\(UInt32.random(in: 0...UInt32.max))"
        let result = try CommandRunner.composeplan(["observe", "-p", project, "-H", DockerTestHost.address!], in: directory.path)
        #expect(result.status == 0, "\(result.stderr)")
        let snapshot = try Snapshot.decode(Data(result.stdout.utf8))
        let images = try #require(snapshot.imageObservations)
        // Sorted by reference ("1" sorts before "c").
        #expect(images.map(\.reference) == ["\(repository):local", "\(repository):missing", "\(repository):present",
                                            "\(repository):remote", "\(project)-built"])
        #expect(images[0] == ImageObservation(reference: "\(repository):local"))
        #expect(images[1].image == nil)
        #expect(images[1].registryError == "cannot look up image \(repository):missing in registry \(registry): the registry has no such repository or tag: manifest unknown: manifest unknown")
        #expect(images[2].image?.id == present.id)
        #expect(images[2].localDigest == present.digest)
        #expect(images[2].registryDigest == present.digest)
        #expect(images[3].image == nil)
        #expect(images[3].registryDigest == remote.digest)
        #expect(images[4] == ImageObservation(reference: "\(project)-built"))
    }
}
