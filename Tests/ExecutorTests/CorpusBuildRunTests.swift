import ComposeModel
import Engine
import Executor
import Foundation
import PlanModel
import TestSupport
import Testing

/// The awesome-compose corpus with its builds: every project, given a
/// Dockerfile in each build context (the corpus keeps only compose files),
/// is planned on a simulated engine with no image present and a registry
/// holding only the images nobody builds, applied, and planned again.
@Suite("The corpus, built and pulled on the simulated engine")
struct CorpusBuildRunTests {
    @Test("Every project pulls what it pulls, builds what it builds (falling back from a failed pull where compose does), and converges")
    func corpusConverges() async throws {
        let corpus = CommandRunner.sharedDirectory + "/corpus/awesome-compose"
        let projects = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(corpus)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
        #expect(projects.count >= 30)
        var builds = 0
        var fallbacks = 0
        for name in projects {
            let folder = try TemporaryDirectory(prefix: "corpus-build")
            defer { folder.remove() }
            let copy = folder.path + "/" + name
            try FileManager.default.copyItem(atPath: "\(corpus)/\(name)", toPath: copy)
            let project = try ProjectLoader().load(LoadOptions(projectName: name, environment: [:], currentDirectory: copy))
            var registry: [String: SimulatedRegistryImage] = [:]
            for service in project.services.values {
                if let build = try service.buildConfig() {
                    guard build.dockerfileInline == nil else { continue }
                    let dockerfile = build.dockerfile.hasPrefix("/") ? build.dockerfile : build.context + "/" + build.dockerfile
                    try FileManager.default.createDirectory(atPath: (dockerfile as NSString).deletingLastPathComponent,
                                                            withIntermediateDirectories: true)
                    try "FROM scratch\nCOPY . /app\n".write(toFile: dockerfile, atomically: true, encoding: .utf8)
                } else if let image = service.image {
                    registry[image] = SimulatedRegistryImage(digest: "sha256:" + String(repeating: "d", count: 64),
                                                             id: "sha256:" + String(repeating: "e", count: 64), size: 1_000_000)
                }
            }
            let engine = await SimulatedEngine(configuration: .init(knownImages: [], registryImages: registry))
            let planFile = try await ImagePullRunTests.plan(project, on: engine)
            let plan = planFile.plan
            let built = Set(project.services.values.filter { $0.build != nil && $0.desiredScale > 0 }
                .compactMap { $0.imageName(project: project.name) })
            #expect(Set(plan.nodes.filter { $0.type == .buildImage }.map { "\($0.resource)" }) == Set(built.map { "image:\($0)" }),
                    "\(name): \(plan.text)")
            let (record, _) = await ImagePullRunTests.run(planFile, on: engine)
            #expect(record.outcome == .succeeded, "\(name): \(record.nodes.compactMap(\.error))")
            for node in plan.nodes {
                let status = record.node(node.id)?.status
                switch node.type {
                case .pullImage where node.bestEffort:
                    // A pull of an image the project builds: the registry lacks it, the build takes over.
                    #expect(status == .warned, "\(name) #\(node.id)")
                    fallbacks += 1
                default:
                    #expect(status == .succeeded, "\(name) #\(node.id) \(node.type.name): \(String(describing: status))")
                }
                if node.type == .buildImage { builds += 1 }
            }
            #expect(try await ImagePullRunTests.plan(project, on: engine).plan.isEmpty, "\(name) did not converge")
            // The registry lookups of images nobody publishes are refused by
            // design (the fallback pulls too); any other refusal is an ordering bug.
            let violations = await engine.violations.filter { ![.inspectDistribution, .pullImage].contains($0.operation) }
            #expect(violations.isEmpty, "\(name): \(violations)")
        }
        // 27 of the projects build at least one image.
        #expect(builds >= 27)
        #expect(fallbacks >= 1)
    }
}
