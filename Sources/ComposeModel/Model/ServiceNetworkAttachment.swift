/// How a service joins one network (the map form of `networks:`).
public struct ServiceNetworkAttachment: Codable, Hashable, Sendable {
    public var aliases: [String]
    public var ipv4Address: String?
    public var ipv6Address: String?
    public var linkLocalIPs: [String]
    public var macAddress: String?
    public var driverOpts: [String: String]
    /// Higher priorities are connected first.
    public var priority: Int?
    public var gwPriority: Int?
    public var interfaceName: String?

    public init() {
        aliases = []
        linkLocalIPs = []
        driverOpts = [:]
    }

    enum CodingKeys: String, CodingKey {
        case aliases
        case ipv4Address = "ipv4_address"
        case ipv6Address = "ipv6_address"
        case linkLocalIPs = "link_local_ips"
        case macAddress = "mac_address"
        case driverOpts = "driver_opts"
        case priority
        case gwPriority = "gw_priority"
        case interfaceName = "interface_name"
    }
}
