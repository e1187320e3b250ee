import ComposeModel
import DockerModel
import Engine
import PlanModel
import Reconciler

/// Explains why containers look changed: finds the project's containers
/// whose config hash label differs from the hash of their service (the ones
/// a plan would recreate), inspects them, and compares each inspect answer
/// with the creation request composeplan would send
/// (``ContainerDifferences``).
///
/// Observation inspects; explaining is a pure function of the project, the
/// observed state and the inspect answers, so plans from a snapshot that
/// carries them (`inspections`) explain exactly as live ones.
public enum ChangeExplainer {
    /// How many inspections run at once against a daemon.
    static let parallelInspections = 64

    /// The IDs of the containers of `project`'s active services whose config
    /// hash differs from the expected one, sorted.
    public static func divergedContainers(project: Project, observed: ObservedState) -> [String] {
        let expected = ExpectedHashes.compute(project: project, observed: observed)
        var diverged: [String] = []
        for (service, containers) in observed.containers {
            guard let hash = expected[service] else { continue }
            diverged += containers.filter { $0.configHash != hash }.map(\.id)
        }
        return diverged.sorted()
    }

    /// Inspects `ids` on `engine`, a few at a time; a container that went
    /// away meanwhile is left out (the plan will say so through staleness).
    public static func inspect(_ ids: [String], on engine: any ContainerEngine) async throws -> [JSONValue] {
        try await inspect(ids, on: engine) { _ in () }.map(\.0)
    }

    /// Inspects `ids`, applying `transform` to each answer in the task that
    /// received it; the answers in the order of `ids`.
    static func inspect<Derived: Sendable>(_ ids: [String], on engine: any ContainerEngine,
                                           transform: @escaping @Sendable (JSONValue) -> Derived) async throws
        -> [(JSONValue, Derived)] {
        try await withThrowingTaskGroup(of: (Int, (JSONValue, Derived)?).self) { group in
            var answers = [(JSONValue, Derived)?](repeating: nil, count: ids.count)
            var next = 0
            func launch() {
                let index = next
                let id = ids[index]
                next += 1
                group.addTask {
                    do {
                        let answer = try await engine.inspectContainer(id).json
                        return (index, (answer, transform(answer)))
                    } catch let error as EngineError where error.status == 404 {
                        return (index, nil)
                    }
                }
            }
            while next < min(ids.count, parallelInspections) { launch() }
            while let (index, answer) = try await group.next() {
                answers[index] = answer
                if next < ids.count { launch() }
            }
            return answers.compactMap { $0 }
        }
    }

    /// The explanation of each inspected container of `project`, by ID.
    public static func explanations(project: Project, observed: ObservedState, inspections: [JSONValue],
                                    images: [ImageObservation]?, showValues: Bool) -> [String: ChangeExplanation] {
        guard !inspections.isEmpty else { return [:] }
        let explainer = Explainer(project: project, observed: observed, images: images, showValues: showValues)
        let explained = inspections.concurrentMap(chunkSize: 8) { explainer.explain($0) }
        return Dictionary(explained.compactMap { $0 }, uniquingKeysWith: { first, _ in first })
    }

    /// Inspects `ids` on `engine` as ``inspect(_:on:)`` does and explains
    /// each answer as soon as it arrives, so the comparisons run while
    /// other inspections wait on the daemon.
    public static func inspectAndExplain(_ ids: [String], on engine: any ContainerEngine, project: Project, observed: ObservedState,
                                         images: [ImageObservation]?, showValues: Bool) async throws
        -> (inspections: [JSONValue], explanations: [String: ChangeExplanation]) {
        let explainer = Explainer(project: project, observed: observed, images: images, showValues: showValues)
        let answers = try await inspect(ids, on: engine) { explainer.explain($0) }
        var explanations: [String: ChangeExplanation] = [:]
        for case (_, let explained?) in answers { explanations[explained.0] = explained.1 }
        return (answers.map(\.0), explanations)
    }

    /// What explaining one container needs, prepared once.
    struct Explainer: Sendable {
        let project: Project
        let observed: ObservedState
        let context: ProjectContext
        let imageConfigs: [String: JSONValue]
        let networkKeys: [String: String]
        let containers: [String: ObservedContainer]
        let showValues: Bool

        init(project: Project, observed: ObservedState, images: [ImageObservation]?, showValues: Bool) {
            self.project = project
            self.observed = observed
            self.showValues = showValues
            context = ProjectContext(project: project)
            imageConfigs = Dictionary((images ?? []).compactMap { observation in
                observation.image.map { (observation.reference, $0.json) }
            }, uniquingKeysWith: { first, _ in first })
            networkKeys = Dictionary(project.networks.map { ($0.value.name, $0.key) }, uniquingKeysWith: { first, _ in first })
            var byID: [String: ObservedContainer] = [:]
            for container in observed.containers.values.joined() { byID[container.id] = container }
            containers = byID
        }

        /// The container's ID and explanation; `nil` for a container not of an active service.
        func explain(_ inspection: JSONValue) -> (String, ChangeExplanation)? {
            guard let id = inspection["Id"]?.stringValue, let container = containers[id],
                  let service = project.services[container.service] else { return nil }
            let resolved = ConfigHasher.resolvingReferences(in: service) { observed.lowestNumberedContainerID(of: $0) }
            let name = project.containerName(service: service, number: container.number)
            let imageName = service.imageName(project: project.name)
            guard let request = try? ContainerCreateRequest(service: resolved, project: context, number: container.number, name: name,
                                                            configHash: "", imageID: nil) else { return nil }
            let changes = ContainerDifferences.changes(request: request, inspection: inspection,
                                                       image: imageName.flatMap { imageConfigs[$0] },
                                                       networkKeys: networkKeys, showValues: showValues)
            let version = inspection["Config"]?["Labels"]?[ComposeLabel.version]?.stringValue
            return (id, ChangeExplanation(changes: changes, hashWrittenBy: changes.isEmpty ? tool(version: version) : nil))
        }
    }

    /// The explanations of the project's networks and volumes whose config
    /// hash label differs from the compose files', by compose key, from the
    /// snapshot's list entries (they hold the whole configuration).
    public static func resourceExplanations(project: Project, snapshot: Snapshot, showValues: Bool)
        -> (networks: [String: ChangeExplanation], volumes: [String: ChangeExplanation]) {
        var networks: [String: ChangeExplanation] = [:]
        for json in snapshot.networks {
            let summary = NetworkSummary(json)
            guard let key = summary.composeKey, let desired = project.networks[key], !desired.external,
                  summary.name == desired.name, !summary.configHash.isEmpty,
                  summary.configHash != ConfigHasher.hash(network: desired) else { continue }
            let request = NetworkCreateRequest(key: key, name: desired.name, network: desired, project: project.name)
            networks[key] = ChangeExplanation(changes: ResourceDifferences.changes(network: request, actual: json, showValues: showValues))
        }
        var volumes: [String: ChangeExplanation] = [:]
        for json in snapshot.volumes {
            let summary = VolumeSummary(json)
            guard let key = summary.composeKey, let desired = project.volumes[key], !desired.external,
                  summary.name == desired.name, !summary.configHash.isEmpty,
                  summary.configHash != ConfigHasher.hash(volume: desired) else { continue }
            let request = VolumeCreateRequest(key: key, name: desired.name, volume: desired, project: project.name)
            volumes[key] = ChangeExplanation(changes: ResourceDifferences.changes(volume: request, actual: json, showValues: showValues))
        }
        return (networks, volumes)
    }

    /// The tool a `com.docker.compose.version` label names.
    static func tool(version: String?) -> String {
        guard let version, !version.isEmpty else { return "a tool that left no com.docker.compose.version label" }
        if version.hasPrefix("1.") { return "docker-compose \(version)" }
        if version == ComposeLabel.composeVersion { return "docker compose \(version) or another composeplan version" }
        return "docker compose \(version)"
    }
}
