import ComposeModel
import DockerModel
import PlanModel

/// One image to observe: its reference, and whether (and with which
/// credentials) to ask the registry for its current digest.
public struct ImageQuery: Hashable, Sendable {
    /// The reference as the project writes it.
    public var reference: String
    /// Whether to ask the registry (`GET /distribution`); off for images the
    /// pull policy never pulls (`never`, built images).
    public var asksRegistry: Bool
    /// Credentials for the registry, when it needs them.
    public var auth: RegistryAuth?

    public init(reference: String, asksRegistry: Bool = true, auth: RegistryAuth? = nil) {
        self.reference = reference
        self.asksRegistry = asksRegistry
        self.auth = auth
    }
}

extension ContainerEngine {
    /// `snapshot(project:)` plus an `images` entry per query (in the
    /// queries' order, one per distinct reference): the daemon's image
    /// inspect answer and, when asked, the registry's digest or the error
    /// that kept the registry from giving one. A registry failure does not
    /// fail the observation: planning decides whether the digest was needed.
    public func snapshot(project: String, images queries: [ImageQuery]) async throws -> Snapshot {
        var snapshot = try await snapshot(project: project)
        snapshot.images = try await observeImages(queries).map(\.json)
        return snapshot
    }

    /// One `ImageObservation` per distinct reference of `queries`, asked
    /// concurrently.
    public func observeImages(_ queries: [ImageQuery]) async throws -> [ImageObservation] {
        var seen: Set<String> = []
        let distinct = queries.filter { seen.insert($0.reference).inserted }
        return try await withThrowingTaskGroup(of: (Int, ImageObservation).self) { group in
            for (index, query) in distinct.enumerated() {
                group.addTask { (index, try await observeImage(query)) }
            }
            var results = [ImageObservation?](repeating: nil, count: distinct.count)
            for try await (index, observation) in group { results[index] = observation }
            return results.compactMap { $0 }
        }
    }

    /// The observation of one image: a daemon failure (other than "not
    /// present") throws; a registry failure is recorded in `registryError`.
    public func observeImage(_ query: ImageQuery) async throws -> ImageObservation {
        async let inspection = inspectImage(query.reference)
        var observation = ImageObservation(reference: query.reference)
        if query.asksRegistry {
            do {
                let answer = try await distributionInspect(query.reference, auth: query.auth)
                observation.registryDigest = answer.digest
                observation.registryPlatforms = answer.platforms
            } catch let error as EngineError where error.status != nil {
                observation.registryError = error.message
            }
        }
        observation.image = try await inspection
        return observation
    }
}
