import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// The live state of a project, classified against its compose model:
/// containers by service, orphans, and the networks and volumes carrying the
/// compose labels grouped by compose key.
public struct ObservedState: Sendable {
    public var projectName: String
    /// Containers of each service of the project (active or disabled), sorted
    /// by replica number, then name.
    public var containers: [String: [ObservedContainer]]
    /// Project containers of unknown services, and exited or dead one-off
    /// containers, sorted by name.
    public var orphans: [ObservedContainer]
    /// Live networks by the `com.docker.compose.network` key.
    public var networks: [String: [ObservedNetwork]]
    /// Live volumes by the `com.docker.compose.volume` key.
    public var volumes: [String: [ObservedVolume]]
    /// The images the project references, by reference as the project
    /// writes it; `nil` when the images are unknown (a snapshot without an
    /// `images` array): every image is then taken as present and unchanged,
    /// and nothing is pulled. A reference missing from a known map is
    /// likewise unknown.
    public var images: [String: ImageObservation]?
    /// When the state was observed: the refresh pull policies (`daily`,
    /// `weekly`, `every_…`) compare images' last pull time with it. `nil`
    /// treats every image as freshly pulled.
    public var time: Date?
    /// Why containers whose config hash differs differ, by container ID:
    /// the fields, from comparing the creation request with the
    /// container's inspect answer (`ChangeExplainer` in Workflows). The
    /// plan carries them on the nodes that replace those containers, and
    /// `--adopt` keeps a container whose explanation lists no field.
    /// Containers without an entry are not explained.
    public var explanations: [String: ChangeExplanation] = [:]
    /// Why networks and volumes whose config hash differs differ, by
    /// compose key: the creation request compared with the daemon's entry.
    public var networkExplanations: [String: ChangeExplanation] = [:]
    public var volumeExplanations: [String: ChangeExplanation] = [:]

    public init(projectName: String, containers: [String: [ObservedContainer]] = [:], orphans: [ObservedContainer] = [],
                networks: [String: [ObservedNetwork]] = [:], volumes: [String: [ObservedVolume]] = [:],
                images: [String: ImageObservation]? = nil, time: Date? = nil) {
        self.projectName = projectName
        self.containers = containers
        self.orphans = orphans
        self.networks = networks
        self.volumes = volumes
        self.images = images
        self.time = time
    }

    /// Classifies the project's part of `snapshot` against `project`;
    /// `time` is when it was observed.
    public init(snapshot: Snapshot, project: Project, time: Date? = nil) {
        self.init(state: ProjectState(snapshot: snapshot, project: project.name), project: project, time: time)
    }

    /// Classifies the project's observed state against `project`; `time`
    /// is when it was observed.
    public init(state own: ProjectState, project: Project, time: Date? = nil) {
        self.init(projectName: project.name, time: time)
        if let observations = own.images {
            images = Dictionary(observations.map { ($0.reference, $0) }, uniquingKeysWith: { first, _ in first })
        }
        // Each container read from its labels and endpoints on all cores
        // (tens of thousands for large projects), then classified: moved
        // out from the last, as both lists are sorted below.
        var observedContainers = own.containers.concurrentMap(chunkSize: 256, ObservedContainer.init)
        while let container = observedContainers.popLast() {
            let summary = own.containers[observedContainers.count]
            let service = container.service
            if !summary.isOneOff && project.knowsService(service) {
                containers[service, default: []].append(container)
            } else if summary.isOneOff ? (summary.state == "exited" || summary.state == "dead") : true {
                orphans.append(container)
            }
        }
        // In place: iterating the keys while writing through them would
        // copy the table, and with it every service's list.
        for index in containers.indices {
            containers.values[index].sort { ($0.number, $0.name) < ($1.number, $1.name) }
        }
        orphans.sort { ($0.name, $0.id) < ($1.name, $1.id) }
        for summary in own.networks {
            guard let key = summary.composeKey, !key.isEmpty else { continue }
            networks[key, default: []].append(ObservedNetwork(id: summary.id, name: summary.name, configHash: summary.configHash,
                                                              created: Self.creationDate(summary.created)))
        }
        for summary in own.volumes {
            guard let key = summary.composeKey, !key.isEmpty else { continue }
            volumes[key, default: []].append(ObservedVolume(name: summary.name, configHash: summary.configHash, driver: summary.driver))
        }
    }

    /// Every project container connected to the network with id
    /// `networkID` — of any service, orphans included — sorted by name.
    public func containers(connectedTo networkID: String) -> [ObservedContainer] {
        allContainers { $0.networkIDs.contains(networkID) }
    }

    /// Every project container mounting the volume named `volumeName` — of
    /// any service, orphans included — sorted by name.
    public func containers(mounting volumeName: String) -> [ObservedContainer] {
        allContainers { $0.mounts.contains { $0.type == "volume" && $0.name == volumeName } }
    }

    private func allContainers(where matches: (ObservedContainer) -> Bool) -> [ObservedContainer] {
        (containers.values.joined() + orphans).filter(matches).sorted { ($0.name, $0.id) < ($1.name, $1.id) }
    }

    /// The id of the lowest-numbered container of `service`, the target of
    /// `service:X` references when hashing.
    public func lowestNumberedContainerID(of service: String) -> String? {
        containers[service]?.first?.id
    }

    /// The live network selected for compose key `key`: one named
    /// `desiredName` if present, else one of the smallest name. Docker does
    /// not keep network names unique (two creates that race both succeed),
    /// so several networks can carry the selected name: the one with
    /// endpoints is kept, else the oldest, and the others are returned as
    /// duplicates. Networks of the key with other names are leftovers.
    func selectNetwork(key: String, desiredName: String)
        -> (selected: ObservedNetwork, duplicates: [ObservedNetwork], leftovers: [ObservedNetwork])? {
        guard let (named, leftovers) = select(networks[key] ?? [], desiredName: desiredName, name: \.name) else { return nil }
        let sameName = (networks[key] ?? []).filter { $0.name == named.name }
        guard sameName.count > 1 else { return (named, [], leftovers) }
        let used = Set(sameName.filter { !containers(connectedTo: $0.id).isEmpty }.map(\.id))
        let ranked = sameName.sorted { left, right in
            if used.contains(left.id) != used.contains(right.id) { return used.contains(left.id) }
            return (left.created ?? .distantFuture, left.id) < (right.created ?? .distantFuture, right.id)
        }
        return (ranked[0], Array(ranked.dropFirst()), leftovers)
    }

    /// A daemon's `Created` text (RFC 3339, fractional seconds or not) as a date.
    static func creationDate(_ text: String) -> Date? {
        guard !text.isEmpty else { return nil }
        let withFraction = ISO8601DateFormatter()
        withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return withFraction.date(from: text) ?? ISO8601DateFormatter().date(from: text)
    }

    /// The volume counterpart of `selectNetwork`.
    func selectVolume(key: String, desiredName: String) -> (selected: ObservedVolume, leftovers: [ObservedVolume])? {
        select(volumes[key] ?? [], desiredName: desiredName, name: \.name)
    }

    private func select<T>(_ candidates: [T], desiredName: String, name: KeyPath<T, String>) -> (selected: T, leftovers: [T])? {
        let sorted = candidates.sorted { $0[keyPath: name] < $1[keyPath: name] }
        guard let first = sorted.first else { return nil }
        let selected = sorted.first(where: { $0[keyPath: name] == desiredName }) ?? first
        return (selected, sorted.filter { $0[keyPath: name] != selected[keyPath: name] })
    }
}

/// One observed container, with its compose labels parsed.
public struct ObservedContainer: Hashable, Sendable {
    public var id: String
    public var name: String
    public var service: String
    public var state: String
    public var configHash: String
    public var number: Int
    /// Ids of the networks the container is connected to.
    public var networkIDs: Set<String>
    /// Names of the networks it has an endpoint on (a stopped container's
    /// endpoints may carry no network id).
    public var networkNames: Set<String>
    public var mounts: [ContainerSummary.Mount]
    public var created: Int
    /// The `com.docker.compose.image` label (`nil` when absent).
    public var imageID: String?

    public init(_ summary: ContainerSummary) {
        id = summary.id
        name = summary.name
        service = summary.service ?? ""
        state = summary.state
        configHash = summary.configHash
        number = summary.number
        networkIDs = Set(summary.networks.values)
        networkNames = Set(summary.networks.keys)
        mounts = summary.mounts
        created = summary.created
        imageID = summary.imageLabel
    }

    public var reference: ContainerReference { ContainerReference(id: id, name: name) }
}

/// One observed network carrying a compose network label.
public struct ObservedNetwork: Hashable, Sendable {
    public var id: String
    public var name: String
    public var configHash: String
    /// When the daemon created it, if the listing said.
    public var created: Date?

    public init(id: String, name: String, configHash: String, created: Date? = nil) {
        self.id = id
        self.name = name
        self.configHash = configHash
        self.created = created
    }
}

/// One observed volume carrying a compose volume label.
public struct ObservedVolume: Hashable, Sendable {
    public var name: String
    public var configHash: String
    public var driver: String
}
