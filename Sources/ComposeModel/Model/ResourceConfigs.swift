/// A top-level network of the project, normalized.
public struct NetworkConfig: Codable, Hashable, Sendable {
    /// The Docker name: `name:` if given, else `<project>_<key>` (for an
    /// external network, `name:` or the key).
    public var name: String
    public var driver: String?
    public var driverOpts: [String: String]
    public var ipam: IPAMConfig?
    public var `internal`: Bool?
    public var attachable: Bool?
    public var enableIPv6: Bool?
    public var enableIPv4: Bool?
    public var labels: [String: String]
    public var external: Bool

    public init(name: String, external: Bool = false) {
        self.name = name
        self.driverOpts = [:]
        self.labels = [:]
        self.external = external
    }

    enum CodingKeys: String, CodingKey {
        case name, driver
        case driverOpts = "driver_opts"
        case ipam
        case `internal`
        case attachable
        case enableIPv6 = "enable_ipv6"
        case enableIPv4 = "enable_ipv4"
        case labels, external
    }
}

/// A network's `ipam:` section.
public struct IPAMConfig: Codable, Hashable, Sendable {
    public var driver: String?
    public var config: [IPAMPool]
    public var options: [String: String]

    public init(driver: String? = nil, config: [IPAMPool] = [], options: [String: String] = [:]) {
        self.driver = driver
        self.config = config
        self.options = options
    }

    /// One address pool.
    public struct IPAMPool: Codable, Hashable, Sendable {
        public var subnet: String?
        public var ipRange: String?
        public var gateway: String?
        public var auxAddresses: [String: String]

        public init(subnet: String? = nil, ipRange: String? = nil, gateway: String? = nil, auxAddresses: [String: String] = [:]) {
            self.subnet = subnet
            self.ipRange = ipRange
            self.gateway = gateway
            self.auxAddresses = auxAddresses
        }

        enum CodingKeys: String, CodingKey {
            case subnet
            case ipRange = "ip_range"
            case gateway
            case auxAddresses = "aux_addresses"
        }
    }
}

/// A top-level volume of the project, normalized.
public struct VolumeConfig: Codable, Hashable, Sendable {
    /// The Docker name: `name:` if given, else `<project>_<key>`.
    public var name: String
    /// The driver; `local` when the file names none.
    public var driver: String
    public var driverOpts: [String: String]
    public var labels: [String: String]
    public var external: Bool

    public init(name: String, driver: String = "local", external: Bool = false) {
        self.name = name
        self.driver = driver
        self.driverOpts = [:]
        self.labels = [:]
        self.external = external
    }

    enum CodingKeys: String, CodingKey {
        case name, driver
        case driverOpts = "driver_opts"
        case labels, external
    }
}

/// A top-level secret or config backed by a file, an environment variable or
/// inline content.
public struct FileObjectConfig: Codable, Hashable, Sendable {
    public var name: String?
    /// Absolute path of the file.
    public var file: String?
    /// The environment variable holding the content (`environment:`).
    public var environment: String?
    /// The value of that variable when the project was loaded: the content
    /// written into containers. A secret's value: never print it.
    public var environmentValue: String?
    public var content: String?
    public var external: Bool

    public init(name: String? = nil, file: String? = nil, environment: String? = nil, environmentValue: String? = nil,
                content: String? = nil, external: Bool = false) {
        self.name = name
        self.file = file
        self.environment = environment
        self.environmentValue = environmentValue
        self.content = content
        self.external = external
    }
}
