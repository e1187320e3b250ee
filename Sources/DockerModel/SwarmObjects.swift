import ComposeModel
import PlanModel

/// A Swarm manager's answers about one stack, kept as the daemon gave them
/// (the snapshot's `services`, `tasks`, `secrets`, `configs` and `nodes`
/// arrays). The stack's overlay networks are in the snapshot's `networks`.
public struct SwarmObjects: Codable, Hashable, Sendable {
    public var services: [JSONValue]
    public var tasks: [JSONValue]
    public var secrets: [JSONValue]
    public var configs: [JSONValue]
    public var nodes: [JSONValue]

    public init(services: [JSONValue] = [], tasks: [JSONValue] = [], secrets: [JSONValue] = [], configs: [JSONValue] = [],
                nodes: [JSONValue] = []) {
        self.services = services
        self.tasks = tasks
        self.secrets = secrets
        self.configs = configs
        self.nodes = nodes
    }
}

/// The labels `docker stack deploy` writes, and the one composeplan adds to
/// secrets and configs.
public enum StackLabel {
    /// On every object of a stack: the stack's name.
    public static let namespace = "com.docker.stack.namespace"
    /// On a service: the image as the compose file names it (the spec's
    /// image may carry the registry digest it was pinned to).
    public static let image = "com.docker.stack.image"
    /// On a secret or config composeplan creates: the SHA-256 of its
    /// content. Swarm never returns a secret's content, so this is how a
    /// later plan knows whether the content changed.
    public static let contentDigest = "io.composeplan.content-digest"
}

/// A service as listed by `GET /services`.
public struct SwarmServiceSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    /// The version index an update must be sent with.
    public var version: Int
    public var labels: [String: String]
    /// The whole `Spec`, as the manager stores it (with its defaults).
    public var spec: JSONValue
    /// `UpdateStatus.State` (`updating`, `completed`, `paused`,
    /// `rollback_completed`, …); empty when the service was never updated.
    public var updateState: String
    public var updateMessage: String

    public init(_ json: JSONValue) {
        id = json["ID"]?.stringValue ?? ""
        spec = json["Spec"] ?? .object([:])
        name = spec["Name"]?.stringValue ?? ""
        version = json["Version"]?["Index"]?.intValue ?? 0
        labels = spec["Labels"]?.stringDictionary ?? [:]
        updateState = json["UpdateStatus"]?["State"]?.stringValue ?? ""
        updateMessage = json["UpdateStatus"]?["Message"]?.stringValue ?? ""
    }

    public var stack: String? { labels[StackLabel.namespace] }
    /// Replicas of a replicated service; `nil` for a global one.
    public var replicas: Int? {
        guard let replicated = spec["Mode"]?["Replicated"] else { return nil }
        return replicated["Replicas"]?.intValue ?? 1
    }
    public var isGlobal: Bool { spec["Mode"]?["Global"] != nil }
}

/// A task as listed by `GET /tasks`.
public struct SwarmTaskSummary: Hashable, Sendable {
    public var id: String
    public var serviceID: String
    public var slot: Int
    public var nodeID: String
    /// `running`, `shutdown`, … : what the orchestrator wants.
    public var desiredState: String
    /// `new`, `pending`, `assigned`, `preparing`, `starting`, `running`,
    /// `complete`, `failed`, `rejected`, `shutdown`, `orphaned`.
    public var state: String
    /// The task's error, when it failed or was rejected.
    public var error: String
    /// The status message (`started`, `no suitable node (…)`).
    public var message: String
    /// The service's task template this task runs.
    public var spec: JSONValue

    public init(_ json: JSONValue) {
        id = json["ID"]?.stringValue ?? ""
        serviceID = json["ServiceID"]?.stringValue ?? ""
        slot = json["Slot"]?.intValue ?? 0
        nodeID = json["NodeID"]?.stringValue ?? ""
        desiredState = json["DesiredState"]?.stringValue ?? ""
        state = json["Status"]?["State"]?.stringValue ?? ""
        error = json["Status"]?["Err"]?.stringValue ?? ""
        message = json["Status"]?["Message"]?.stringValue ?? ""
        spec = json["Spec"] ?? .object([:])
    }
}

/// A secret or a config as listed by `GET /secrets` or `GET /configs`.
public struct SwarmFileObjectSummary: Hashable, Sendable {
    public var id: String
    public var name: String
    public var labels: [String: String]
    /// A config's content, base64 (a secret's is never returned).
    public var data: String?

    public init(_ json: JSONValue) {
        id = json["ID"]?.stringValue ?? ""
        name = json["Spec"]?["Name"]?.stringValue ?? ""
        labels = json["Spec"]?["Labels"]?.stringDictionary ?? [:]
        data = json["Spec"]?["Data"]?.stringValue
    }

    public var stack: String? { labels[StackLabel.namespace] }
    public var contentDigest: String? { labels[StackLabel.contentDigest] }
}

/// A node of the Swarm as listed by `GET /nodes`.
public struct SwarmNodeSummary: Hashable, Sendable {
    public var id: String
    public var hostname: String
    /// `manager` or `worker`.
    public var role: String
    /// `active`, `pause` or `drain`.
    public var availability: String
    /// `ready`, `down`, … .
    public var state: String
    public var labels: [String: String]

    public init(_ json: JSONValue) {
        id = json["ID"]?.stringValue ?? ""
        hostname = json["Description"]?["Hostname"]?.stringValue ?? ""
        role = json["Spec"]?["Role"]?.stringValue ?? ""
        availability = json["Spec"]?["Availability"]?.stringValue ?? ""
        state = json["Status"]?["State"]?.stringValue ?? ""
        labels = json["Spec"]?["Labels"]?.stringDictionary ?? [:]
    }
}

/// A stack's part of a snapshot, parsed once: what the stack reconciler and
/// the plan's staleness fingerprint are computed from.
public struct StackState: Hashable, Sendable {
    public var stack: String
    public var services: [SwarmServiceSummary]
    public var tasks: [SwarmTaskSummary]
    public var secrets: [SwarmFileObjectSummary]
    public var configs: [SwarmFileObjectSummary]
    /// Every secret and config of the Swarm, for external ones.
    public var allSecrets: [SwarmFileObjectSummary]
    public var allConfigs: [SwarmFileObjectSummary]
    public var nodes: [SwarmNodeSummary]
    /// The stack's networks (labelled with its namespace), and every other
    /// network, for external ones and for the ids service specs carry.
    public var networks: [NetworkSummary]
    public var allNetworks: [NetworkSummary]

    /// The objects of `snapshot` labelled `com.docker.stack.namespace=<stack>`
    /// (tasks: those of its services; nodes: all).
    public init(snapshot: Snapshot, stack: String) {
        self.stack = stack
        let swarm = snapshot.swarm ?? SwarmObjects()
        services = swarm.services.map(SwarmServiceSummary.init).filter { $0.stack == stack }
        let serviceIDs = Set(services.map(\.id))
        tasks = swarm.tasks.map(SwarmTaskSummary.init).filter { serviceIDs.contains($0.serviceID) }
        allSecrets = swarm.secrets.map(SwarmFileObjectSummary.init)
        allConfigs = swarm.configs.map(SwarmFileObjectSummary.init)
        secrets = allSecrets.filter { $0.stack == stack }
        configs = allConfigs.filter { $0.stack == stack }
        nodes = swarm.nodes.map(SwarmNodeSummary.init)
        allNetworks = snapshot.networkSummaries
        networks = allNetworks.filter { $0.labels[StackLabel.namespace] == stack }
    }
}

extension StateFingerprint {
    /// The fingerprint of a stack's observed state: ids, names and version
    /// indexes of its services, and its secrets, configs and networks.
    public init(stack state: StackState) {
        var entries: [Entry] = []
        for service in state.services {
            entries.append(Entry(kind: "service", id: service.id, name: service.name, configHash: "version \(service.version)"))
        }
        for secret in state.secrets {
            entries.append(Entry(kind: "secret", id: secret.id, name: secret.name, configHash: secret.contentDigest ?? ""))
        }
        for config in state.configs {
            entries.append(Entry(kind: "config", id: config.id, name: config.name, configHash: config.contentDigest ?? ""))
        }
        for network in state.networks {
            entries.append(Entry(kind: "network", id: network.id, name: network.name))
        }
        self.init(entries: entries)
    }
}
