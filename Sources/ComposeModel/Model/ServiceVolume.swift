/// One mount of a service (the long `volumes:` syntax).
public struct ServiceVolume: Codable, Hashable, Sendable {
    /// What is mounted.
    public enum Kind: String, Codable, Hashable, Sendable {
        case volume, bind, tmpfs, npipe, image, cluster
    }

    public var type: Kind
    /// Volume key for a named volume (empty for an anonymous volume), absolute
    /// host path for a bind.
    public var source: String?
    public var target: String
    public var readOnly: Bool?
    public var consistency: String?
    public var bind: BindOptions?
    public var volume: VolumeOptions?
    public var tmpfs: TmpfsOptions?

    public init(type: Kind, source: String?, target: String, readOnly: Bool? = nil) {
        self.type = type
        self.source = source
        self.target = target
        self.readOnly = readOnly
    }

    /// Whether this mounts a named volume of the project (`volume:` with a source).
    public var isNamedVolume: Bool { type == .volume && !(source ?? "").isEmpty }

    /// Whether this is an anonymous volume (`volume:` without a source).
    public var isAnonymousVolume: Bool { type == .volume && (source ?? "").isEmpty }

    enum CodingKeys: String, CodingKey {
        case type, source, target
        case readOnly = "read_only"
        case consistency, bind, volume, tmpfs
    }

    /// Options of a bind mount.
    public struct BindOptions: Codable, Hashable, Sendable {
        public var propagation: String?
        public var createHostPath: Bool?
        public var selinux: String?

        public init(propagation: String? = nil, createHostPath: Bool? = nil, selinux: String? = nil) {
            self.propagation = propagation
            self.createHostPath = createHostPath
            self.selinux = selinux
        }

        enum CodingKeys: String, CodingKey {
            case propagation
            case createHostPath = "create_host_path"
            case selinux
        }
    }

    /// Options of a volume mount.
    public struct VolumeOptions: Codable, Hashable, Sendable {
        public var nocopy: Bool?
        public var subpath: String?

        public init(nocopy: Bool? = nil, subpath: String? = nil) {
            self.nocopy = nocopy
            self.subpath = subpath
        }
    }

    /// Options of a tmpfs mount.
    public struct TmpfsOptions: Codable, Hashable, Sendable {
        public var size: ByteCount?
        public var mode: Int?

        public init(size: ByteCount? = nil, mode: Int? = nil) {
            self.size = size
            self.mode = mode
        }
    }
}
