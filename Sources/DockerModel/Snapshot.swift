import ComposeModel
import Foundation

/// The live state of a project as the Docker Engine API reported it: the
/// API's own objects, unmodified, so a snapshot is what the daemon said
/// (`observe` output, `--observed` input). Every field is optional when
/// reading; unknown fields are kept.
public struct Snapshot: Codable, Hashable, Sendable {
    /// `GET /version`'s answer, if known.
    public var engine: JSONValue?
    /// `GET /containers/json?all=1` entries.
    public var containers: [JSONValue]
    /// `GET /networks` entries.
    public var networks: [JSONValue]
    /// The `Volumes` entries of `GET /volumes`.
    public var volumes: [JSONValue]
    /// One entry per image the project references (`ImageObservation`'s
    /// shape: the daemon's image inspect answer plus the registry digest).
    /// `nil` (the key absent) means "images unknown: assume every image is
    /// present and unchanged", so snapshots written before images were
    /// observed, and hand-written ones, plan as they always did; do not read
    /// `nil` as "no image is present".
    public var images: [JSONValue]?
    /// `GET /containers/{id}/json` answers for the project's containers
    /// whose config hash differs from the one the compose files give (the
    /// ones a plan may recreate), so that a plan made from the snapshot
    /// explains its changes field by field. Empty: none inspected.
    public var inspections: [JSONValue]
    /// A Swarm's answers (`--target swarm`): `GET /services`, `/tasks`,
    /// `/secrets`, `/configs` and `/nodes`, filtered on the stack. `nil`
    /// when the snapshot was not taken for a stack; absent keys read as
    /// `nil`, so a container snapshot plans exactly as before.
    public var swarm: SwarmObjects?

    public init(engine: JSONValue? = nil, containers: [JSONValue] = [], networks: [JSONValue] = [], volumes: [JSONValue] = [],
                images: [JSONValue]? = nil, inspections: [JSONValue] = [], swarm: SwarmObjects? = nil) {
        self.engine = engine
        self.containers = containers
        self.networks = networks
        self.volumes = volumes
        self.images = images
        self.inspections = inspections
        self.swarm = swarm
    }

    enum CodingKeys: String, CodingKey {
        case engine, containers, networks, volumes, images, inspections
        case services, tasks, secrets, configs, nodes
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encode(containers, forKey: .containers)
        try container.encode(networks, forKey: .networks)
        try container.encode(volumes, forKey: .volumes)
        try container.encodeIfPresent(images, forKey: .images)
        // Absent when nothing was inspected: older readers and hand-written
        // snapshots stay as they were.
        if !inspections.isEmpty { try container.encode(inspections, forKey: .inspections) }
        if let swarm {
            try container.encode(swarm.services, forKey: .services)
            try container.encode(swarm.tasks, forKey: .tasks)
            try container.encode(swarm.secrets, forKey: .secrets)
            try container.encode(swarm.configs, forKey: .configs)
            try container.encode(swarm.nodes, forKey: .nodes)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        engine = try container.decodeIfPresent(JSONValue.self, forKey: .engine)
        containers = try Self.objects(container, .containers)
        networks = try Self.objects(container, .networks)
        volumes = try Self.objects(container, .volumes)
        // Absent or null: unknown.
        let knowsImages = try container.contains(.images) && !container.decodeNil(forKey: .images)
        images = knowsImages ? try Self.objects(container, .images) : nil
        inspections = try Self.objects(container, .inspections)
        let swarmKeys: [CodingKeys] = [.services, .tasks, .secrets, .configs, .nodes]
        if try swarmKeys.contains(where: { try container.contains($0) && !container.decodeNil(forKey: $0) }) {
            swarm = SwarmObjects(services: try Self.objects(container, .services), tasks: try Self.objects(container, .tasks),
                                 secrets: try Self.objects(container, .secrets), configs: try Self.objects(container, .configs),
                                 nodes: try Self.objects(container, .nodes))
        } else {
            swarm = nil
        }
    }

    private static func objects(_ container: KeyedDecodingContainer<CodingKeys>, _ key: CodingKeys) throws -> [JSONValue] {
        guard let values = try container.decodeIfPresent([JSONValue]?.self, forKey: key) ?? nil else { return [] }
        for (index, value) in values.enumerated() {
            guard case .object = value else {
                throw DecodingError.dataCorrupted(.init(codingPath: [key], debugDescription: "\(key.rawValue)[\(index)] is not an object"))
            }
        }
        return values
    }

    /// Reads a snapshot from JSON bytes.
    public static func decode(_ data: Data) throws -> Snapshot {
        if let snapshot = Snapshot(fastReading: data) { return snapshot }
        return try JSONDecoder().decode(Snapshot.self, from: data)
    }

    /// Pretty, key-sorted JSON (the `observe` output).
    public func encoded() throws -> Data {
        try JSONEncoder.prettySorted.encode(self)
    }

    /// Typed views of the containers (on all cores when there are many:
    /// tens of thousands for large projects, each read field by field).
    public var containerSummaries: [ContainerSummary] { containers.concurrentMap(ContainerSummary.init) }
    /// Typed views of the networks.
    public var networkSummaries: [NetworkSummary] { networks.map(NetworkSummary.init) }
    /// Typed views of the volumes.
    public var volumeSummaries: [VolumeSummary] { volumes.map(VolumeSummary.init) }
    /// Typed views of the images, `nil` when the snapshot does not know them.
    public var imageObservations: [ImageObservation]? { images?.map(ImageObservation.init) }

    /// The part of the snapshot that carries `com.docker.compose.project=<project>`.
    public func filtered(toProject project: String) -> Snapshot {
        func belongs(_ object: JSONValue) -> Bool { object["Labels"]?[ComposeLabel.project]?.stringValue == project }
        // Images carry no project label: they are the project's by reference.
        return Snapshot(engine: engine, containers: containers.filter(belongs),
                        networks: networks.filter(belongs), volumes: volumes.filter(belongs), images: images,
                        inspections: inspections.filter { $0["Config"]?["Labels"]?[ComposeLabel.project]?.stringValue == project },
                        swarm: swarm)
    }
}

/// A container as listed by `GET /containers/json`: the daemon's answer
/// in typed form, every field it gives that composeplan reads, labels
/// included. The reconciler's `ObservedContainer` is a different thing on
/// purpose: a container *of the project*, classified (service, number, hash,
/// network ids), with nothing of the raw answer left; the executor and the
/// fingerprint read summaries, the planner reads observed containers.
public struct ContainerSummary: Hashable, Sendable {
    public var id: String
    /// The name without its leading `/`.
    public var name: String
    public var image: String
    /// The labels; the compose ones are also read once into the properties below.
    public private(set) var labels: [String: String]
    /// `created`, `running`, `paused`, `restarting`, `removing`, `exited` or `dead`.
    public var state: String
    /// Creation time, seconds since 1970.
    public var created: Int
    public var mounts: [Mount]
    /// Connected networks: network name → network id.
    public var networks: [String: String]

    /// One mount of a container.
    public struct Mount: Hashable, Sendable {
        public var type: String
        public var name: String
        public var source: String
        public var destination: String

        public init(type: String, name: String = "", source: String = "", destination: String) {
            self.type = type
            self.name = name
            self.source = source
            self.destination = destination
        }
    }

    public init(_ json: JSONValue) {
        id = json["Id"]?.stringValue ?? ""
        let names = json["Names"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let first = names.first ?? (json["Name"]?.stringValue ?? "")
        name = first.hasPrefix("/") ? String(first.dropFirst()) : first
        image = json["Image"]?.stringValue ?? ""
        labels = json["Labels"]?.stringDictionary ?? [:]
        state = json["State"]?.stringValue?.lowercased() ?? ""
        created = json["Created"]?.intValue ?? 0
        mounts = (json["Mounts"]?.arrayValue ?? []).map { mount in
            Mount(type: mount["Type"]?.stringValue ?? "", name: mount["Name"]?.stringValue ?? "",
                  source: mount["Source"]?.stringValue ?? "", destination: mount["Destination"]?.stringValue ?? "")
        }
        var networks: [String: String] = [:]
        for (networkName, settings) in json["NetworkSettings"]?["Networks"]?.objectValue ?? [:] {
            networks[networkName] = settings["NetworkID"]?.stringValue ?? ""
        }
        self.networks = networks
        project = labels[ComposeLabel.project]
        service = labels[ComposeLabel.service]
        number = Int(labels[ComposeLabel.containerNumber] ?? "") ?? 0
        configHash = labels[ComposeLabel.configHash] ?? ""
        isOneOff = labels[ComposeLabel.oneoff] == "True"
        imageLabel = labels[ComposeLabel.image].flatMap { $0.isEmpty ? nil : $0 }
    }

    // The compose labels, read once: a large project's containers are
    // summarized on another core while its files load, and the labels are
    // then looked up for every container by every classification.
    public let project: String?
    public let service: String?
    /// The replica number label, 0 when missing or malformed.
    public let number: Int
    public let configHash: String
    public let isOneOff: Bool
    /// The `com.docker.compose.image` label: the ID of the image the
    /// container was created from; `nil` for containers created without it
    /// (by docker-compose 1.x, or by composeplan before it wrote it).
    public let imageLabel: String?
}

/// A network as listed by `GET /networks`.
public struct NetworkSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    public var driver: String
    public var labels: [String: String]
    /// When the daemon created it (RFC 3339 text, as listed; empty when unknown).
    public var created: String

    public init(_ json: JSONValue) {
        id = json["Id"]?.stringValue ?? json["ID"]?.stringValue ?? ""
        name = json["Name"]?.stringValue ?? ""
        driver = json["Driver"]?.stringValue ?? ""
        labels = json["Labels"]?.stringDictionary ?? [:]
        created = json["Created"]?.stringValue ?? ""
    }

    public var composeKey: String? { labels[ComposeLabel.network] }
    public var configHash: String { labels[ComposeLabel.configHash] ?? "" }
}

/// A volume as listed by `GET /volumes`.
public struct VolumeSummary: Hashable, Sendable {
    public var name: String
    public var driver: String
    public var labels: [String: String]

    public init(_ json: JSONValue) {
        name = json["Name"]?.stringValue ?? ""
        driver = json["Driver"]?.stringValue ?? ""
        labels = json["Labels"]?.stringDictionary ?? [:]
    }

    public var composeKey: String? { labels[ComposeLabel.volume] }
    public var configHash: String { labels[ComposeLabel.configHash] ?? "" }
}
