import ComposeModel
import DockerModel
import Foundation
import PlanModel
import Reconciler

extension PlanningWorkflow {
    /// Plans the project as a Swarm stack (`--target swarm`): observes the
    /// stack on the manager, reads the secret and config files, converts
    /// the project as `docker stack deploy` would, and reconciles.
    func planStack(_ project: Project, in session: EngineSession) async throws -> Outcome {
        let observation = try await session.observeStack(project.name, images: project)
        let state = StackState(snapshot: observation.snapshot, stack: project.name)
        // Each image's registry digest, which the specs pin as the docker CLI does.
        var digests: [String: String] = [:]
        var platforms: [String: [JSONValue]] = [:]
        for image in observation.snapshot.imageObservations ?? [] {
            if let digest = image.registryDigest { digests[image.reference] = digest }
            platforms[image.reference] = image.registryPlatforms
        }
        let plan: Plan
        do {
            let definition = try StackConverter(project: project, fileContents: try Self.stackFiles(of: project),
                                                imageDigests: digests, imagePlatforms: platforms).definition()
            plan = try StackReconciler.plan(definition: definition, state: state, options: options)
        } catch let error as ReconcileError {
            throw WorkflowError.reconcile(error)
        }
        let planFile = PlanFile(toolVersion: ToolVersion.current, project: ProjectContext(project: project),
                                composeFiles: project.configFileDigests, options: options, engine: observation.engine,
                                fingerprint: StateFingerprint(stack: state), plan: plan)
        let wanted = Set(project.services.keys.map { "\(project.name)_\($0)" })
        return Outcome(project: project, snapshot: observation.snapshot,
                       observed: ObservedState(projectName: project.name), plan: plan, planFile: planFile, configTexts: .none,
                       summarizedServices: project.services.keys.map { "\(project.name)_\($0)" },
                       orphansLeft: options.removeOrphans ? [] : state.services.map(\.name).filter { !wanted.contains($0) }.sorted())
    }

    /// The content of each file-backed secret and config the services use,
    /// by absolute path.
    static func stackFiles(of project: Project) throws(WorkflowError) -> [String: [UInt8]] {
        var used: [FileObjectConfig] = []
        for service in project.services.values {
            used += service.secrets.compactMap { project.secrets[$0.source] }
            used += service.configs.compactMap { project.configs[$0.source] }
        }
        var contents: [String: [UInt8]] = [:]
        for object in used where !object.external {
            guard let path = object.file, contents[path] == nil else { continue }
            contents[path] = [UInt8](try FileAccess.read(path, kind: .swarmObject))
        }
        return contents
    }
}
