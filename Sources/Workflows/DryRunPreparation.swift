import Engine
import PlanModel

/// Makes a dry run's simulated engine stand for the project's surroundings:
/// external networks and volumes exist (they are not part of a project's
/// snapshot, and the real run requires them), and the services others wait
/// on with `service_completed_successfully` are one-shot jobs that exit with
/// 0, as the real ones are meant to; and the registry holds the digests
/// the pulls were planned with.
enum DryRunPreparation {
    static func prepare(_ engine: SimulatedEngine, for planFile: PlanFile) async {
        let project = planFile.project
        for network in project.networks.values.sorted(by: { $0.name < $1.name }) where network.external {
            _ = await engine.addNetwork(name: network.name)
        }
        for volume in project.volumes.values.sorted(by: { $0.name < $1.name }) where volume.external {
            await engine.addVolume(name: volume.name)
        }
        let jobs = Set(planFile.nodes.filter { $0.type == .waitCondition && $0.details.condition == .completedSuccessfully }
            .compactMap { $0.details.service })
        for service in jobs.sorted() {
            await engine.setBehavior(.exits(code: 0, after: .milliseconds(200)), forService: service)
        }
        // The registry holds what each pull was planned with, unless the
        // simulation was told what it holds (a seed's registry digests).
        let modelled = await engine.modelsImages
        for node in planFile.nodes where node.type == .pullImage {
            guard case .image(let reference) = node.resource, let digest = node.details.digest else { continue }
            let held = await engine.registryImage(for: reference)
            guard !modelled || held == nil else { continue }
            try? await engine.holdInRegistry(reference, digest: digest)
        }
    }
}
