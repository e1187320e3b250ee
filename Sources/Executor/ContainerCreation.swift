import ComposeModel
import DockerModel
import Engine
import PlanModel

/// Carries out a `CreateContainer` node: resolves the service's `service:X`
/// references against the containers that exist now (possibly created
/// earlier in the same run), computes the config hash exactly as the
/// reconciler does, inherits the replaced container's anonymous volumes,
/// builds the request and creates the container.
struct ContainerCreation: Sendable {
    let node: PlanNode
    let context: ExecutionContext

    func perform() async throws -> String {
        let details = node.details
        guard let service = details.serviceConfig, let number = details.number, let name = details.name else {
            throw NodeFailure("node #\(node.id) (CreateContainer) lacks its service config, number or name in the plan")
        }
        let project = context.project
        var parents: [String: String] = [:]
        if !service.namespaceParents.isEmpty {
            let snapshot = try await context.engine.snapshot(project: project.name)
            for parent in Set(service.namespaceParents) {
                if let id = Self.lowestNumberedContainer(of: parent, in: snapshot) { parents[parent] = id }
            }
        }
        let resolved = ConfigHasher.resolvingReferences(in: service) { parents[$0] }
        let configHash = context.configHashes.hash(of: resolved)
        var inherited: [String: String] = [:]
        if let replaced = details.inheritVolumesFrom {
            inherited = try await context.engine.inspectContainer(replaced.id).anonymousVolumes
        }
        var imageID: String?
        if let image = resolved.imageName(project: project.name) { imageID = await context.images.id(of: image, on: context.engine) }
        var request = try ContainerCreateRequest(service: resolved, project: project, number: number, name: name,
                                                 configHash: configHash, inheritedVolumes: inherited, imageID: imageID)
        var networkIDs: [String: String] = [:]
        for endpoint in request.networks { networkIDs[endpoint.network] = try await context.networks.id(of: endpoint.network, on: context.engine) }
        request = request.addressingNetworks(byID: networkIDs)
        let id = try await context.engine.createContainer(request)
        do {
            try await context.engine.copyFiles(request.files, into: id)
        } catch {
            // A container without its secrets must not stay under its name:
            // the next plan would take it for up to date.
            try? await context.engine.removeContainer(id, force: true)
            throw error
        }
        return id
    }

    /// The id of the lowest-numbered container of `service` among the
    /// project's non-one-off containers (`com.docker.compose.container-number`);
    /// among equal numbers, the most recently created.
    static func lowestNumberedContainer(of service: String, in snapshot: Snapshot) -> String? {
        snapshot.containerSummaries
            .filter { $0.service == service && !$0.isOneOff }
            .min { left, right in
                left.number != right.number ? left.number < right.number : left.created > right.created
            }?.id
    }
}
