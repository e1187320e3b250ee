import ComposeModel
import PlanModel

/// The project's part of a ``Snapshot``, parsed once into typed summaries:
/// what the reconciler's observed state and the plan's staleness
/// fingerprint are both computed from, so a plan reads the daemon's
/// answers once.
public struct ProjectState: Hashable, Sendable {
    public var project: String
    public var containers: [ContainerSummary]
    public var networks: [NetworkSummary]
    public var volumes: [VolumeSummary]
    /// The snapshot's `images` entries; `nil` when it does not know them.
    public var images: [ImageObservation]?

    /// The objects of `snapshot` that carry `com.docker.compose.project=<project>`.
    public init(snapshot: Snapshot, project: String) {
        let own = snapshot.filtered(toProject: project)
        self.project = project
        containers = own.containerSummaries
        networks = own.networkSummaries
        volumes = own.volumeSummaries
        images = snapshot.imageObservations
    }
}

extension StateFingerprint {
    /// The fingerprint of a project's observed state: ids, names, states
    /// and config hashes of its containers, networks and volumes.
    public init(state: ProjectState) {
        var entries: [Entry] = []
        for container in state.containers {
            entries.append(Entry(kind: "container", id: container.id, name: container.name, state: container.state,
                                 configHash: container.configHash))
        }
        for network in state.networks {
            entries.append(Entry(kind: "network", id: network.id, name: network.name, configHash: network.configHash))
        }
        for volume in state.volumes {
            entries.append(Entry(kind: "volume", id: volume.name, name: volume.name, configHash: volume.configHash))
        }
        self.init(entries: entries)
    }

    /// The fingerprint of `project`'s part of `snapshot`.
    public init(snapshot: Snapshot, project: String) {
        self.init(state: ProjectState(snapshot: snapshot, project: project))
    }
}
