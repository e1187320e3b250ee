/// The soak benchmark's compose project as a value: about six busybox
/// services over two networks (and `default`) and two named volumes, with
/// dependencies. `mutate` makes one random small change; `yaml` writes the
/// compose file; `expected` says what the daemon must hold afterwards.
struct SoakModel {
    struct Service {
        var scale: Int
        var version: Int
        var revision: Int
        /// Network keys; empty: the project's `default` network.
        var networks: [String]
        /// Named volume keys, each mounted at `/<key>`.
        var volumes: [String]
        var dependsOn: [String]
    }

    static let image = "composeplan-test/busybox:latest"
    static let networkKeys = ["back", "front"]
    static let volumeKeys = ["cache", "data"]
    static let maximumServices = 9
    static let minimumServices = 3

    var services: [String: Service] = [
        "db": Service(scale: 1, version: 1, revision: 0, networks: ["back"], volumes: ["data"], dependsOn: []),
        "cache": Service(scale: 1, version: 1, revision: 0, networks: ["back"], volumes: ["cache"], dependsOn: []),
        "api": Service(scale: 2, version: 1, revision: 0, networks: ["back", "front"], volumes: [], dependsOn: ["cache", "db"]),
        "web": Service(scale: 1, version: 1, revision: 0, networks: ["front"], volumes: [], dependsOn: ["api"]),
        "worker": Service(scale: 2, version: 1, revision: 0, networks: ["back"], volumes: ["data"], dependsOn: ["db"]),
        "cron": Service(scale: 1, version: 1, revision: 0, networks: [], volumes: [], dependsOn: []),
    ]
    /// `soak.generation` label of each network (a change recreates it).
    var networkGenerations = ["back": 0, "front": 0]
    /// The bridge MTU driver option of each network (a change recreates it).
    var networkMTUs = ["back": 1500, "front": 1500]
    private var nextExtra = 1

    /// Services nothing depends on: they may be removed.
    var leaves: [String] {
        let needed = Set(services.values.flatMap(\.dependsOn))
        return services.keys.filter { !needed.contains($0) }.sorted()
    }

    /// Applies one random small change; says what it changed.
    mutating func mutate(_ random: inout BenchmarkRandom) -> String {
        func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        let names = services.keys.sorted()
        let name = pick(names)
        let roll = Int(random.next() % 100)
        switch roll {
        case 25..<45:
            // Another count between 0 and 3.
            let scale = (services[name]!.scale + 1 + Int(random.next() % 3)) % 4
            services[name]!.scale = scale
            return "scale \(name) to \(scale)"
        case 45..<55 where services.count < Self.maximumServices:
            let added = "x\(nextExtra)"
            nextExtra += 1
            let networks = pick([["front"], ["back"], ["back", "front"], []])
            let dependsOn = random.next() % 2 == 0 ? [pick(names)] : []
            services[added] = Service(scale: 1 + Int(random.next() % 2), version: 1, revision: 0, networks: networks,
                                      volumes: random.next() % 3 == 0 ? [pick(Self.volumeKeys)] : [], dependsOn: dependsOn)
            return "add service \(added)" + (dependsOn.isEmpty ? "" : " (depends on \(dependsOn[0]))")
        case 55..<65 where services.count > Self.minimumServices && !leaves.isEmpty:
            let removed = pick(leaves)
            services[removed] = nil
            return "remove service \(removed)"
        case 65..<78:
            let current = services[name]!.networks
            let choices = [["front"], ["back"], ["back", "front"], []].filter { $0 != current }
            let networks = pick(choices)
            services[name]!.networks = networks
            return "move \(name) to \(networks.isEmpty ? "default" : networks.joined(separator: "+"))"
        case 78..<88:
            let key = pick(Self.volumeKeys)
            if let index = services[name]!.volumes.firstIndex(of: key) {
                services[name]!.volumes.remove(at: index)
                return "unmount \(key) from \(name)"
            }
            services[name]!.volumes.append(key)
            services[name]!.volumes.sort()
            return "mount \(key) in \(name)"
        case 88..<96:
            services[name]!.revision += 1
            return "label \(name) revision \(services[name]!.revision)"
        case 96..<100:
            let network = pick(Self.networkKeys)
            if random.next() % 2 == 0 {
                networkGenerations[network]! += 1
                return "relabel network \(network) (recreate)"
            }
            networkMTUs[network] = networkMTUs[network] == 1500 ? 1400 : 1500
            return "mtu of network \(network) to \(networkMTUs[network]!) (recreate)"
        default:
            services[name]!.version += 1
            return "environment of \(name)"
        }
    }

    /// The compose file.
    var yaml: String {
        var text = "services:\n"
        for name in services.keys.sorted() {
            let service = services[name]!
            text += "  \(name):\n    image: \(Self.image)\n    command: [\"sleep\", \"3600\"]\n    init: true\n"
            text += "    stop_grace_period: 1s\n    scale: \(service.scale)\n"
            text += "    environment:\n      VERSION: \"\(service.version)\"\n"
            text += "    labels:\n      soak.revision: \"\(service.revision)\"\n"
            if !service.networks.isEmpty { text += "    networks: [\(service.networks.joined(separator: ", "))]\n" }
            if !service.volumes.isEmpty {
                text += "    volumes:\n" + service.volumes.map { "      - \($0):/\($0)\n" }.joined()
            }
            if !service.dependsOn.isEmpty { text += "    depends_on: [\(service.dependsOn.joined(separator: ", "))]\n" }
        }
        text += "networks:\n"
        for key in Self.networkKeys {
            text += "  \(key):\n    labels:\n      soak.generation: \"\(networkGenerations[key]!)\"\n"
            text += "    driver_opts:\n      com.docker.network.driver.mtu: \"\(networkMTUs[key]!)\"\n"
        }
        text += "volumes:\n" + Self.volumeKeys.map { "  \($0): {}\n" }.joined()
        return text
    }

    /// What `project` must hold on the daemon now: the replica count per
    /// service, and the network and volume names allowed (every declared
    /// one and `default`; compose leaves an unused network in place).
    func expected(project: String) -> SoakExpectation {
        SoakExpectation(project: project, scales: services.mapValues(\.scale),
                        networks: Set((Self.networkKeys + ["default"]).map { "\(project)_\($0)" }),
                        volumes: Set(Self.volumeKeys.map { "\(project)_\($0)" }))
    }
}

/// What a project's objects on the daemon must be after a converged cycle.
struct SoakExpectation {
    var project: String
    var scales: [String: Int]
    var networks: Set<String>
    var volumes: Set<String>

    /// Nothing at all: after the final teardown.
    static func nothing(project: String) -> SoakExpectation {
        SoakExpectation(project: project, scales: [:], networks: [], volumes: [])
    }
}
