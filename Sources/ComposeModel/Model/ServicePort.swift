/// One published or exposed port of a service (the long `ports:` syntax; a
/// short entry with a range becomes one value per port).
public struct ServicePort: Codable, Hashable, Sendable {
    /// The container port.
    public var target: Int
    /// The host port or host port range (`"8080"`, `"8000-8010"`); `nil` lets
    /// the engine pick one.
    public var published: String?
    public var hostIP: String?
    /// `tcp`, `udp` or `sctp`.
    public var `protocol`: String
    public var mode: String?
    public var name: String?
    public var appProtocol: String?

    public init(target: Int, published: String? = nil, hostIP: String? = nil, protocol: String = "tcp",
                mode: String? = nil, name: String? = nil, appProtocol: String? = nil) {
        self.target = target
        self.published = published
        self.hostIP = hostIP
        self.protocol = `protocol`
        self.mode = mode
        self.name = name
        self.appProtocol = appProtocol
    }

    enum CodingKeys: String, CodingKey {
        case target, published
        case hostIP = "host_ip"
        case `protocol`, mode, name
        case appProtocol = "app_protocol"
    }
}
