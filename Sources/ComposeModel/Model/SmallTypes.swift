/// A resource limit (`ulimits:`): one value for both soft and hard, or a pair.
public struct Ulimit: Codable, Hashable, Sendable {
    public var soft: Int
    public var hard: Int

    public init(soft: Int, hard: Int) {
        self.soft = soft
        self.hard = hard
    }
}

/// The `logging:` section of a service.
public struct LoggingConfig: Codable, Hashable, Sendable {
    public var driver: String?
    public var options: [String: String]

    public init(driver: String? = nil, options: [String: String] = [:]) {
        self.driver = driver
        self.options = options
    }
}

/// A device mapped into the container (`devices:`).
public struct DeviceMapping: Codable, Hashable, Sendable {
    public var source: String
    public var target: String
    public var permissions: String

    public init(source: String, target: String, permissions: String = "rwm") {
        self.source = source
        self.target = target
        self.permissions = permissions
    }
}

/// A service's use of a top-level secret or config (long syntax).
public struct ServiceFileReference: Codable, Hashable, Sendable {
    public var source: String
    public var target: String?
    public var uid: String?
    public var gid: String?
    public var mode: Int?

    public init(source: String, target: String? = nil, uid: String? = nil, gid: String? = nil, mode: Int? = nil) {
        self.source = source
        self.target = target
        self.uid = uid
        self.gid = gid
        self.mode = mode
    }
}

/// One `env_file:` entry: an absolute path and whether it must exist.
public struct EnvFileReference: Codable, Hashable, Sendable {
    public var path: String
    public var required: Bool

    public init(path: String, required: Bool = true) {
        self.path = path
        self.required = required
    }
}

/// A Go-style duration (`1m30s`), kept in nanoseconds so `90s` and `1m30s`
/// are the same value.
public struct ComposeDuration: Codable, Hashable, Sendable, Comparable {
    public var nanoseconds: Int64

    public init(nanoseconds: Int64) {
        self.nanoseconds = nanoseconds
    }

    public init(seconds: Double) {
        self.nanoseconds = Int64(seconds * 1e9)
    }

    public var seconds: Double { Double(nanoseconds) / 1e9 }

    public init(from decoder: any Decoder) throws {
        nanoseconds = try decoder.singleValueContainer().decode(Int64.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(Int(nanoseconds))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.nanoseconds < rhs.nanoseconds }
}

/// A size in bytes written as `64m`, `1gb`, `512` in compose files.
public struct ByteCount: Codable, Hashable, Sendable {
    public var bytes: Int

    public init(bytes: Int) {
        self.bytes = bytes
    }

    public init(from decoder: any Decoder) throws {
        bytes = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(bytes)
    }
}
