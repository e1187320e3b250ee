import ComposeModel
import Engine
import PlanModel
import Testing

/// Networks and volumes: the creation request compared with the daemon's list entry.
@Suite("Network and volume differences")
struct ResourceDifferencesTests {
    static func network(_ config: NetworkConfig) -> NetworkCreateRequest {
        NetworkCreateRequest(key: "back", name: "demo_back", network: config, project: "demo")
    }

    @Test("The daemon's entry of the same network differs in nothing: defaults (bridge, default IPAM, a picked subnet) and bookkeeping labels are not differences")
    func sameNetwork() {
        var config = NetworkConfig(name: "demo_back")
        config.labels = ["team": "db"]
        let entry: JSONValue = [
            "Name": "demo_back", "Driver": "bridge", "Internal": false, "Attachable": false, "EnableIPv6": false,
            "IPAM": ["Driver": "default", "Options": .null, "Config": [["Subnet": "172.20.0.0/16", "Gateway": "172.20.0.1"]]],
            "Options": [:], "Labels": ["team": "db", "com.docker.compose.config-hash": "old", "com.docker.compose.version": "1.29.2"],
        ]
        #expect(ResourceDifferences.changes(network: Self.network(config), actual: entry) == [])
    }

    @Test("internal, a subnet, a driver option and a label, each named; label values withheld")
    func changedNetwork() {
        var config = NetworkConfig(name: "demo_back")
        config.internal = true
        config.ipam = IPAMConfig(config: [IPAMConfig.IPAMPool(subnet: "10.5.0.0/16")])
        config.driverOpts = ["com.docker.network.bridge.name": "br-back"]
        config.labels = ["team": "payments"]
        let entry: JSONValue = [
            "Name": "demo_back", "Driver": "bridge", "Internal": false,
            "IPAM": ["Driver": "default", "Config": [["Subnet": "10.4.0.0/16"]]], "Labels": ["team": "db"],
        ]
        let lines = ResourceDifferences.changes(network: Self.network(config), actual: entry).map(\.description)
        #expect(lines == ["internal: false → true", "ipam.config: 10.4.0.0/16 → 10.5.0.0/16",
                          "driver_opts.com.docker.network.bridge.name: added br-back", "labels.team changed"])
    }

    @Test("A volume: driver and driver options named, bookkeeping labels ignored")
    func volume() {
        var config = VolumeConfig(name: "demo_data")
        config.driverOpts = ["type": "tmpfs", "device": "tmpfs"]
        let request = VolumeCreateRequest(key: "data", name: "demo_data", volume: config, project: "demo")
        let entry: JSONValue = ["Name": "demo_data", "Driver": "local", "Options": ["type": "tmpfs", "device": "tmpfs", "o": "size=1m"],
                                "Labels": ["com.docker.compose.config-hash": "x"]]
        #expect(ResourceDifferences.changes(volume: request, actual: entry).map(\.description) == ["driver_opts.o: removed size=1m"])
    }
}
