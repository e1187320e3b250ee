import ComposeModel

/// How a container joins one network: the network's Docker name and the
/// Engine API `EndpointSettings` (aliases, static addresses, driver options).
/// Used in a container's `NetworkingConfig` and in `POST /networks/{id}/connect`.
public struct NetworkEndpoint: Hashable, Sendable {
    /// The Docker name of the network.
    public var network: String
    /// The `EndpointSettings` object.
    public var settings: JSONValue

    public init(network: String, settings: JSONValue = .object([:])) {
        self.network = network
        self.settings = settings
    }

    /// The endpoint compose gives replica `containerName` of `service` on a
    /// network: aliases = the service name, the container name, then the
    /// attachment's own aliases (duplicates dropped); static IPv4/IPv6 and
    /// link-local addresses in `IPAMConfig`; MAC address; driver options
    /// (`interface_name` as `com.docker.network.endpoint.ifname`).
    public init(network: String, service: String, containerName: String, attachment: ServiceNetworkAttachment?) {
        var aliases: [String] = []
        for alias in [service, containerName] + (attachment?.aliases ?? []) where !alias.isEmpty && !aliases.contains(alias) {
            aliases.append(alias)
        }
        var settings: [String: JSONValue] = ["Aliases": .array(aliases.map(JSONValue.string))]
        if let attachment {
            var ipam: [String: JSONValue] = [:]
            if let address = attachment.ipv4Address, !address.isEmpty { ipam["IPv4Address"] = .string(address) }
            if let address = attachment.ipv6Address, !address.isEmpty { ipam["IPv6Address"] = .string(address) }
            if !attachment.linkLocalIPs.isEmpty { ipam["LinkLocalIPs"] = .array(attachment.linkLocalIPs.map(JSONValue.string)) }
            if !ipam.isEmpty { settings["IPAMConfig"] = .object(ipam) }
            if let mac = attachment.macAddress, !mac.isEmpty { settings["MacAddress"] = .string(mac) }
            var options = attachment.driverOpts
            if let interface = attachment.interfaceName, !interface.isEmpty {
                options["com.docker.network.endpoint.ifname"] = interface
            }
            if !options.isEmpty { settings["DriverOpts"] = .object(options.mapValues(JSONValue.string)) }
        }
        self.init(network: network, settings: .object(settings))
    }

    /// The endpoint's aliases.
    public var aliases: [String] { settings["Aliases"]?.arrayValue?.compactMap(\.stringValue) ?? [] }
}
