import ComposeModel
import Foundation
import Reconciler

/// The `hash` command's output: the config hashes `plan` compares with the
/// `com.docker.compose.config-hash` labels.
public struct ConfigHashReport: Codable, Equatable, Sendable {
    public var services: [String: String]
    public var networks: [String: String]
    public var volumes: [String: String]

    /// The hashes of `project`'s active services (references resolved
    /// against `observed`) and of its non-external networks and volumes.
    public init(project: Project, observed: ObservedState?) {
        services = project.services.mapValues { service in
            ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: service) { parent in
                observed?.lowestNumberedContainerID(of: parent)
            })
        }
        networks = project.networks.filter { !$0.value.external }.mapValues(ConfigHasher.hash(network:))
        volumes = project.volumes.filter { !$0.value.external }.mapValues(ConfigHasher.hash(volume:))
    }

    /// The hashes of `project`, with service references resolved against
    /// the snapshot at `snapshotPath` when one is given.
    public init(project: Project, snapshotPath: String?) throws(WorkflowError) {
        let observed = try snapshotPath.map { path throws(WorkflowError) in
            ObservedState(snapshot: try SnapshotFile.read(at: path), project: project)
        }
        self.init(project: project, observed: observed)
    }

    /// Pretty, key-sorted JSON.
    public func encoded() throws -> Data {
        try JSONEncoder.prettySorted.encode(self)
    }
}
