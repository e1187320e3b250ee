import ComposeModel
import Testing

@Suite("Config hashes")
struct ConfigHashTests {
    static let base = """
        services:
          db: {image: postgres}
          web:
            image: nginx:1.27
            build: {context: .}
            pull_policy: missing
            scale: 1
            profiles: []
            depends_on: [db]
            command: ["nginx", "-g", "daemon off;"]
            environment: {MODE: prod}
            labels: {tier: front}
            ports: ["80:80"]
            volumes: ["data:/data"]
            healthcheck: {test: "curl -f localhost", interval: 10s}
            restart: always
            user: "1000"
        volumes:
          data: {}
        """

    func hash(_ yaml: String, service: String = "web") throws -> String {
        let project = try loadProject(["compose.yaml": yaml]) { $0.projectName = "h" }
        return ConfigHasher.hash(service: try #require(project.services[service] ?? project.disabledServices[service]))
    }

    /// `base` with the `web` line `old` replaced by `new` (appended when `old` is empty).
    func variant(_ old: String, _ new: String) -> String {
        if old.isEmpty {
            return Self.base.replacingOccurrences(of: "    user: \"1000\"", with: "    user: \"1000\"\n    \(new)")
        }
        precondition(Self.base.contains("    \(old)\n"), "base lacks \(old)")
        return Self.base.replacingOccurrences(of: "    \(old)\n", with: new.isEmpty ? "" : "    \(new)\n")
    }

    @Test("Scale, dependencies, profiles, build and pull policy do not change the hash", arguments: [
        ("scale: 1", "scale: 5"), ("depends_on: [db]", ""), ("profiles: []", "profiles: [extra]"),
        ("build: {context: .}", "build: {context: ./other, dockerfile: Alt}"), ("pull_policy: missing", "pull_policy: always"),
        ("scale: 1", "deploy: {replicas: 4}"),
    ])
    func unaffected(old: String, new: String) throws {
        #expect(try hash(variant(old, new)) == hash(Self.base))
    }

    @Test("Anything a container is created from changes the hash", arguments: [
        ("image: nginx:1.27", "image: nginx:1.28"), ("command: [\"nginx\", \"-g\", \"daemon off;\"]", "command: nginx"),
        ("environment: {MODE: prod}", "environment: {MODE: dev}"), ("labels: {tier: front}", "labels: {tier: back}"),
        ("ports: [\"80:80\"]", "ports: [\"8080:80\"]"), ("volumes: [\"data:/data\"]", "volumes: [\"data:/srv\"]"),
        ("healthcheck: {test: \"curl -f localhost\", interval: 10s}", "healthcheck: {test: \"curl -f localhost\", interval: 20s}"),
        ("restart: always", "restart: unless-stopped"), ("user: \"1000\"", "user: root"),
        ("", "entrypoint: [\"/init\"]"), ("", "expose: [\"9000\"]"), ("", "working_dir: /srv"), ("", "hostname: web"),
        ("", "domainname: example.com"), ("", "container_name: web"), ("", "deploy: {resources: {limits: {cpus: \"0.5\"}}}"),
        ("", "stop_grace_period: 30s"), ("", "stop_signal: SIGINT"), ("", "tty: true"), ("", "stdin_open: true"),
        ("", "privileged: true"), ("", "cap_add: [NET_ADMIN]"), ("", "cap_drop: [ALL]"), ("", "extra_hosts: [\"db:10.0.0.1\"]"),
        ("", "dns: [1.1.1.1]"), ("", "sysctls: {net.core.somaxconn: \"1024\"}"), ("", "ulimits: {nofile: 1024}"),
        ("", "logging: {driver: json-file, options: {max-size: 10m}}"), ("", "init: true"), ("", "read_only: true"),
        ("", "shm_size: 64m"), ("", "tmpfs: [/run]"), ("", "devices: [\"/dev/fuse\"]"), ("", "security_opt: [\"no-new-privileges:true\"]"),
        ("", "platform: linux/arm64"), ("", "ipc: host"), ("", "pid: host"), ("", "cpus: 1.5"), ("", "mem_limit: 512m"),
        ("", "volumes_from: [db]"), ("", "networks: [default]\n    network_mode: bridge"),
    ])
    func affected(old: String, new: String) throws {
        let yaml = new.contains("network_mode") ? variant(old, "network_mode: bridge") : variant(old, new)
        #expect(try hash(yaml) != hash(Self.base))
    }

    @Test("The same meaning spelled differently hashes the same")
    func spellings() throws {
        let a = "services:\n  web:\n    image: x\n    environment: [A=1, B=2]\n    stop_grace_period: 90s\n    command: echo hi\n"
        let b = "services:\n  web:\n    image: x\n    environment: {B: \"2\", A: \"1\"}\n    stop_grace_period: 1m30s\n    command: [\"echo\", \"hi\"]\n    privileged: false\n"
        #expect(try hash(a) == hash(b))
    }

    @Test("Service references are resolved to container ids before hashing")
    func references() throws {
        let project = try loadProject(["compose.yaml": "services:\n  vpn: {image: v}\n  web:\n    image: w\n    network_mode: service:vpn\n    volumes_from: [\"vpn:ro\"]\n"]) {
            $0.projectName = "h"
        }
        let web = try #require(project.services["web"])
        let resolved = ConfigHasher.resolvingReferences(in: web) { $0 == "vpn" ? "abc123" : nil }
        #expect(resolved.networkMode == "container:abc123")
        #expect(resolved.volumesFrom == ["abc123:ro"])
        #expect(ConfigHasher.hash(service: resolved) != ConfigHasher.hash(service: web))
        #expect(ConfigHasher.resolvingReferences(in: web) { _ in nil } == web)
    }

    @Test("Network and volume hashes cover their whole config; no driver counts as local")
    func resourceHashes() throws {
        let a = try loadProject(["compose.yaml": "services:\n  w:\n    image: x\n    volumes: [d:/d]\nvolumes:\n  d: {}\n"]) { $0.projectName = "h" }
        let b = try loadProject(["compose.yaml": "services:\n  w:\n    image: x\n    volumes: [d:/d]\nvolumes:\n  d: {driver: local}\n"]) { $0.projectName = "h" }
        let c = try loadProject(["compose.yaml": "services:\n  w:\n    image: x\n    volumes: [d:/d]\nvolumes:\n  d: {labels: {x: y}}\n"]) { $0.projectName = "h" }
        #expect(ConfigHasher.hash(volume: a.volumes["d"]!) == ConfigHasher.hash(volume: b.volumes["d"]!))
        #expect(ConfigHasher.hash(volume: a.volumes["d"]!) != ConfigHasher.hash(volume: c.volumes["d"]!))
        var network = NetworkConfig(name: "h_default")
        let plain = ConfigHasher.hash(network: network)
        network.internal = true
        #expect(ConfigHasher.hash(network: network) != plain)
        #expect(plain.count == 64)
    }

    @Test("Canonical JSON sorts keys and drops empty members")
    func canonicalJSON() {
        let value: JSONValue = ["b": 1, "a": ["z": "", "y": [], "x": false, "w": "v"], "c": ["", "s"], "d": .null]
        #expect(CanonicalJSON.string(value) == #"{"a":{"w":"v"},"b":1,"c":["","s"]}"#)
        #expect(CanonicalJSON.string(["q": "a\"b\\c\n\u{1}"]) == #"{"q":"a\"b\\c\n\u0001"}"#)
    }

    struct Widths: Encodable {
        var wide: Int64 = -5
        var list: [Int64] = [1, Int64.max]
        var bytes: [UInt8] = [0, 255]
        var single = Single()
        var ratio: [Float] = [0.5]

        struct Single: Encodable {
            func encode(to encoder: any Encoder) throws {
                var container = encoder.singleValueContainer()
                try container.encode(UInt32(7))
            }
        }
    }

    @Test("The JSONValue encoder takes integers of every width, in any container")
    func integerWidths() throws {
        // Int64 in an array used to come straight back to the encoder (a
        // stack overflow), as did any integer type other than Int outside
        // keyed containers.
        let value = try JSONValueEncoder().encode(Widths())
        #expect(value == ["wide": -5, "list": [1, .int(Int(Int64.max))], "bytes": [0, 255], "single": 7, "ratio": [.double(0.5)]])
    }
}
