import ComposeModel

/// Every container, network and volume of a ``Snapshot`` in typed form,
/// whatever project it belongs to: what ``ProjectState`` picks one
/// project's part of.
///
/// It exists so a snapshot file can be parsed before the project's name is
/// known: `plan --observed` reads the file and summarizes it on one core
/// while the compose files load on the other.
public struct SnapshotSummaries: Hashable, Sendable {
    public var containers: [ContainerSummary]
    public var networks: [NetworkSummary]
    public var volumes: [VolumeSummary]
    /// The snapshot's `images` entries; `nil` when it does not know them.
    public var images: [ImageObservation]?

    /// The typed views of every object of `snapshot`.
    public init(snapshot: Snapshot) {
        containers = snapshot.containerSummaries
        networks = snapshot.networkSummaries
        volumes = snapshot.volumeSummaries
        images = snapshot.imageObservations
    }
}

extension ProjectState {
    /// The objects of `summaries` that carry
    /// `com.docker.compose.project=<project>`: the state
    /// ``init(snapshot:project:)`` gives for the snapshot they summarize.
    public init(summaries: SnapshotSummaries, project: String) {
        self.project = project
        containers = summaries.containers.keeping { $0.project == project }
        networks = summaries.networks.keeping { $0.labels[ComposeLabel.project] == project }
        volumes = summaries.volumes.keeping { $0.labels[ComposeLabel.project] == project }
        images = summaries.images
    }
}

extension Array {
    /// `filter(isIncluded)`, but an array whose elements are all kept is
    /// returned as it is, sharing its storage: a snapshot usually holds one
    /// project, and copying tens of thousands of container summaries
    /// retains every string in them.
    func keeping(where isIncluded: (Element) -> Bool) -> [Element] {
        allSatisfy(isIncluded) ? self : filter(isIncluded)
    }
}
