import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel

/// The images a project references, and how they are observed: each
/// service's `image` (a service with `build:` and no `image` gets compose's
/// default name, `<project>-<service>`), and the sources of `type: image`
/// volumes.
public enum ProjectImages {
    /// One query per distinct reference, sorted. The registry is asked
    /// unless every use of the image rules pulls out (`pull_policy: never`
    /// or `build`, or a built image's default name, which no registry holds).
    public static func queries(for project: Project) -> [ImageQuery] {
        var asksRegistry: [String: Bool] = [:]
        func add(_ reference: String, pulls: Bool) {
            asksRegistry[reference] = (asksRegistry[reference] ?? false) || pulls
        }
        for service in project.services.values {
            let policy = service.effectivePullPolicy
            if let image = service.image, !image.isEmpty {
                add(image, pulls: policy != .never && policy != .build)
            } else if let built = service.imageName(project: project.name) {
                // A built image's default name, which no registry holds.
                add(built, pulls: false)
            }
            for volume in service.volumes where volume.type == .image {
                if let source = volume.source, !source.isEmpty { add(source, pulls: true) }
            }
        }
        return asksRegistry.keys.sorted().map { ImageQuery(reference: $0, asksRegistry: asksRegistry[$0] ?? false) }
    }

    /// Observes `project`'s images on `engine`, with registry credentials
    /// from the docker CLI's configuration in `environment`. A registry whose
    /// credentials cannot be resolved is recorded as that image's
    /// `RegistryError`, as a registry failure would be.
    public static func observe(_ project: Project, on engine: any ContainerEngine,
                               environment: [String: String] = ProcessInfo.processInfo.environment) async throws -> [ImageObservation] {
        var queries = queries(for: project)
        var credentialErrors: [String: String] = [:]
        let credentials = RegistryCredentials(environment: environment)
        for index in queries.indices where queries[index].asksRegistry {
            guard let reference = try? ImageReference(parsing: queries[index].reference) else { continue }
            do {
                queries[index].auth = try await credentials.auth(for: reference)
            } catch {
                queries[index].asksRegistry = false
                credentialErrors[queries[index].reference] = "cannot look up image \(reference.familiar) in registry \(reference.registry): \(error)"
            }
        }
        var observations = try await engine.observeImages(queries)
        for index in observations.indices {
            if let message = credentialErrors[observations[index].reference] { observations[index].registryError = message }
        }
        return observations
    }
}
