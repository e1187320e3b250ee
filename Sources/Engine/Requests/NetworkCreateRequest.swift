import ComposeModel

/// The body of `POST /networks/create` for one compose network.
public struct NetworkCreateRequest: Hashable, Sendable {
    /// The Docker name.
    public var name: String
    /// The Engine API body (`Name`, `CheckDuplicate`, `Driver`, `IPAM`, `Labels`, …).
    public var body: JSONValue

    public init(name: String, body: JSONValue) {
        self.name = name
        self.body = body
    }

    /// The request that creates compose network `key` of `project` under
    /// the Docker name `name`, labelled as docker compose labels it:
    /// the network's own labels plus `com.docker.compose.project`,
    /// `com.docker.compose.network=<key>` and `com.docker.compose.config-hash`
    /// (`ConfigHasher.hash(network:)`, the value the reconciler compares with).
    public init(key: String, name: String, network: NetworkConfig, project: String) {
        var labels = network.labels
        labels[ComposeLabel.project] = project
        labels[ComposeLabel.network] = key
        labels[ComposeLabel.configHash] = ConfigHasher.hash(network: network)
        var body: [String: JSONValue] = [
            "Name": .string(name),
            // Without it, Engine 20.10 accepts a second network of the same name.
            "CheckDuplicate": true,
            "Labels": .object(labels.mapValues(JSONValue.string)),
        ]
        if let driver = network.driver, !driver.isEmpty { body["Driver"] = .string(driver) }
        if !network.driverOpts.isEmpty { body["Options"] = .object(network.driverOpts.mapValues(JSONValue.string)) }
        if let isInternal = network.internal { body["Internal"] = .bool(isInternal) }
        if let attachable = network.attachable { body["Attachable"] = .bool(attachable) }
        if let enableIPv6 = network.enableIPv6 { body["EnableIPv6"] = .bool(enableIPv6) }
        if let ipam = network.ipam {
            var ipamBody: [String: JSONValue] = [:]
            if let driver = ipam.driver, !driver.isEmpty { ipamBody["Driver"] = .string(driver) }
            if !ipam.options.isEmpty { ipamBody["Options"] = .object(ipam.options.mapValues(JSONValue.string)) }
            if !ipam.config.isEmpty {
                ipamBody["Config"] = .array(ipam.config.map { pool in
                    var entry: [String: JSONValue] = [:]
                    if let subnet = pool.subnet { entry["Subnet"] = .string(subnet) }
                    if let range = pool.ipRange { entry["IPRange"] = .string(range) }
                    if let gateway = pool.gateway { entry["Gateway"] = .string(gateway) }
                    if !pool.auxAddresses.isEmpty {
                        entry["AuxiliaryAddresses"] = .object(pool.auxAddresses.mapValues(JSONValue.string))
                    }
                    return .object(entry)
                })
            }
            body["IPAM"] = .object(ipamBody)
        }
        self.init(name: name, body: .object(body))
    }

    /// The labels the network is created with.
    public var labels: [String: String] { body["Labels"]?.stringDictionary ?? [:] }
}
