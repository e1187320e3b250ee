import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel

/// Carries out a `BuildImage` node: archives the service's build context
/// (honouring its `.dockerignore`), sends it to the classic builder with
/// the build's parameters and every configured registry's credentials (for
/// the base images), streams the builder's output as `progress` events,
/// and records the built image's ID for the labels of the containers
/// created from it.
struct ImageBuild: Sendable {
    let node: PlanNode
    let context: ExecutionContext

    func perform() async throws -> OperationResult {
        guard case .image(let image) = node.resource, let service = node.details.serviceConfig else {
            throw NodeFailure("node #\(node.id) (BuildImage) lacks its image or service config in the plan")
        }
        let build: BuildConfig
        do {
            guard let config = try service.buildConfig() else {
                throw NodeFailure("node #\(node.id) (BuildImage): service \(service.name) has no build section")
            }
            build = config
        } catch let error as BuildConfigError {
            throw NodeFailure(error.description)
        }
        let auths = await context.credentials.allConfigured()
        let request: ImageBuildRequest
        do {
            request = try ImageBuildRequest(image: image, build: build, registryConfig: auths)
        } catch {
            throw NodeFailure("build of image \(image) failed: \(error)")
        }
        let context = self.context
        let id = node.id
        let built = try await context.engine.buildImage(request) { line in
            context.emit(ExecutionEvent(kind: .progress, node: id, time: context.seconds(), message: line))
        }
        await context.images.record(built.id, for: image)
        return OperationResult(value: built.id, bytes: request.context.count)
    }
}
