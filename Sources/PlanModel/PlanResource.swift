import ComposeModel

/// What a plan node acts on, as a typed value.
///
/// Its `description` is the resource field of the plan text format
/// (`network:backend`, `service:web:1`, …); nothing reads that text back
/// except the text-format parser (`PlanResource(text:)`). Code that needs
/// to know what a node touches switches over this value. Do not use the
/// description as a key for behaviour: it is for people and for comparing
/// plans line by line.
public enum PlanResource: Hashable, Sendable, CustomStringConvertible {
    /// A project network, by compose key: `network:<key>`.
    case network(key: String)
    /// A project volume, by compose key: `volume:<key>`.
    case volume(key: String)
    /// One replica of a service: `service:<service>:<number>`.
    case container(service: String, number: Int)
    /// A project container whose service is gone (or a finished one-off),
    /// by container name: `orphan:<name>`.
    case orphan(name: String)
    /// A dependency condition that dependents wait for:
    /// `wait:<service>:<condition>`.
    case wait(service: String, condition: DependencyCondition)
    /// An image, by the reference the project names: `image:<reference>`.
    case image(reference: String)
    /// A Swarm service of a stack, by its full name: `service:<stack>_<name>`.
    case stackService(name: String)
    /// A Swarm secret of a stack, by its object name: `secret:<name>`.
    case secret(name: String)
    /// A Swarm config of a stack, by its object name: `config:<name>`.
    case config(name: String)

    public var description: String {
        switch self {
        case .network(let key): "network:\(key)"
        case .volume(let key): "volume:\(key)"
        case .container(let service, let number): "service:\(service):\(number)"
        case .orphan(let name): "orphan:\(name)"
        case .wait(let service, let condition): "wait:\(service):\(condition.rawValue)"
        case .image(let reference): "image:\(reference)"
        case .stackService(let name): "service:\(name)"
        case .secret(let name): "secret:\(name)"
        case .config(let name): "config:\(name)"
        }
    }

    /// The compose service a replica or a wait belongs to; for a Swarm
    /// service, its full name in the stack (`demo_web`).
    public var serviceName: String? {
        switch self {
        case .container(let service, _), .wait(let service, _): service
        case .stackService(let name): name
        default: nil
        }
    }

    /// The compose key of a network resource.
    public var networkKey: String? {
        if case .network(let key) = self { return key }
        return nil
    }

    /// The compose key of a volume resource.
    public var volumeKey: String? {
        if case .volume(let key) = self { return key }
        return nil
    }

    /// The container name of an orphan resource.
    public var orphanName: String? {
        if case .orphan(let name) = self { return name }
        return nil
    }

    /// The replica number of a container resource.
    public var replicaNumber: Int? {
        if case .container(_, let number) = self { return number }
        return nil
    }

    /// Which family of resources this is; the diagram and the report group
    /// nodes by it.
    public var family: Family {
        switch self {
        case .network: .network
        case .volume: .volume
        case .container: .container
        case .orphan: .orphan
        case .wait: .wait
        case .image: .image
        case .stackService: .stackService
        case .secret: .secret
        case .config: .config
        }
    }

    /// The families of resources, in the order diagrams list them.
    public enum Family: String, Codable, Hashable, Sendable, CaseIterable {
        case network, volume, image, container, orphan, wait, stackService, secret, config
    }
}

extension PlanResource: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, key, service, number, name, condition, reference
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(family.rawValue, forKey: .kind)
        switch self {
        case .network(let key), .volume(let key):
            try container.encode(key, forKey: .key)
        case .container(let service, let number):
            try container.encode(service, forKey: .service)
            try container.encode(number, forKey: .number)
        case .orphan(let name), .stackService(let name), .secret(let name), .config(let name):
            try container.encode(name, forKey: .name)
        case .wait(let service, let condition):
            try container.encode(service, forKey: .service)
            try container.encode(condition, forKey: .condition)
        case .image(let reference):
            try container.encode(reference, forKey: .reference)
        }
    }

    /// Reads the typed form (`{"kind": "container", "service": "web",
    /// "number": 1}`) and, for plan files of format version 1, the text form
    /// (`"service:web:1"`).
    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard let resource = PlanResource(text: text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                                                        debugDescription: "not a plan resource: \(text)"))
            }
            self = resource
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kind = try container.decode(String.self, forKey: .kind)
        switch Family(rawValue: kind) {
        case .network: self = .network(key: try container.decode(String.self, forKey: .key))
        case .volume: self = .volume(key: try container.decode(String.self, forKey: .key))
        case .container:
            self = .container(service: try container.decode(String.self, forKey: .service),
                              number: try container.decode(Int.self, forKey: .number))
        case .orphan: self = .orphan(name: try container.decode(String.self, forKey: .name))
        case .wait:
            self = .wait(service: try container.decode(String.self, forKey: .service),
                         condition: try container.decode(DependencyCondition.self, forKey: .condition))
        case .image: self = .image(reference: try container.decode(String.self, forKey: .reference))
        case .stackService: self = .stackService(name: try container.decode(String.self, forKey: .name))
        case .secret: self = .secret(name: try container.decode(String.self, forKey: .name))
        case .config: self = .config(name: try container.decode(String.self, forKey: .name))
        case nil:
            throw DecodingError.dataCorruptedError(forKey: .kind, in: container, debugDescription: "unknown resource kind \(kind)")
        }
    }
}
