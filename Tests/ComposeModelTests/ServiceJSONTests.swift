@testable import ComposeModel
import Foundation
import TestSupport
import Testing

/// `ServiceConfig.jsonValue` must be exactly what `JSONValueEncoder` makes
/// of the Codable conformances: config hashes and plan files are built on it.
@Suite("Service configurations to JSON without Codable")
struct ServiceJSONTests {
    /// Every field of every nested type set, with hostile strings and
    /// values of every JSON kind in the opaque fields.
    static var populated: ServiceConfig {
        var config = ServiceConfig(name: "web \" \\ é")
        config.image = "nginx:1.27"
        config.build = ["context": ".", "args": ["A": "1"], "x": .null, "n": .double(2.5), "flag": true]
        config.command = ["sh", "-c", "echo \"hi\"\n", ""]
        config.entrypoint = []
        config.environment = ["MODE": "prod", "UNSET": nil, "EMPTY": ""]
        config.envFile = [EnvFileReference(path: "/srv/.env"), EnvFileReference(path: "/srv/opt.env", required: false)]
        config.labels = ["tier": "front", "": ""]
        config.ports = [ServicePort(target: 80), ServicePort(target: 443, published: "8443", hostIP: "127.0.0.1", protocol: "udp",
                                                           mode: "host", name: "https", appProtocol: "h2")]
        var bound = ServiceVolume(type: .bind, source: "/srv/data", target: "/data", readOnly: true)
        bound.consistency = "cached"
        bound.bind = .init(propagation: "rprivate", createHostPath: false, selinux: "z")
        var named = ServiceVolume(type: .volume, source: "data", target: "/var/lib")
        named.volume = .init(nocopy: true, subpath: "sub")
        var memory = ServiceVolume(type: .tmpfs, source: nil, target: "/tmp")
        memory.tmpfs = .init(size: ByteCount(bytes: 1 << 20), mode: 0o1777)
        var bare = ServiceVolume(type: .volume, source: nil, target: "/anon")
        bare.bind = .init()
        bare.volume = .init()
        bare.tmpfs = .init()
        config.volumes = [bound, named, memory, bare]
        config.volumesFrom = ["db:ro", "container:abc"]
        var attachment = ServiceNetworkAttachment()
        attachment.aliases = ["a"]
        attachment.ipv4Address = "10.0.0.2"
        attachment.ipv6Address = "fe80::2"
        attachment.linkLocalIPs = ["169.254.0.2"]
        attachment.macAddress = "02:42:ac:11:00:02"
        attachment.driverOpts = ["k": "v"]
        attachment.priority = 10
        attachment.gwPriority = -1
        attachment.interfaceName = "eth1"
        config.networks = ["front": attachment, "default": ServiceNetworkAttachment()]
        config.networkMode = "service:db"
        config.ipc = "shareable"
        config.pid = "host"
        var healthcheck = Healthcheck(test: ["CMD", "true"])
        healthcheck.interval = ComposeDuration(seconds: 1.5)
        healthcheck.timeout = ComposeDuration(nanoseconds: 7)
        healthcheck.startPeriod = ComposeDuration(seconds: 0)
        healthcheck.startInterval = ComposeDuration(seconds: 3)
        healthcheck.retries = 3
        healthcheck.disable = false
        config.healthcheck = healthcheck
        config.restart = "always"
        config.user = "1000:1000"
        config.workingDir = "/app"
        config.hostname = "web"
        config.domainname = "example.org"
        config.containerName = "web-1"
        config.deploy = DeployConfig(replicas: 2, resources: .init(
            limits: .init(cpus: "0.5", memory: ByteCount(bytes: 512 << 20), pids: 100, devices: [["driver": "nvidia"]]),
            reservations: .init()), otherFields: ["mode": "replicated", "labels": [:]])
        config.scale = 2
        config.stopGracePeriod = ComposeDuration(seconds: 10)
        config.stopSignal = "SIGINT"
        config.tty = true
        config.stdinOpen = false
        config.privileged = true
        config.`init` = true
        config.readOnly = false
        config.capAdd = ["NET_ADMIN"]
        config.capDrop = ["ALL"]
        config.extraHosts = ["host:10.0.0.1"]
        config.dns = ["8.8.8.8"]
        config.dnsSearch = ["example.org"]
        config.dnsOpt = ["ndots:2"]
        config.sysctls = ["net.core.somaxconn": "1024"]
        config.ulimits = ["nofile": Ulimit(soft: 1024, hard: 2048)]
        config.logging = LoggingConfig(driver: "json-file", options: ["max-size": "1m"])
        config.shmSize = ByteCount(bytes: 64 << 20)
        config.tmpfs = ["/run"]
        config.devices = [DeviceMapping(source: "/dev/fuse", target: "/dev/fuse")]
        config.securityOpt = ["no-new-privileges"]
        config.secrets = [ServiceFileReference(source: "s"), ServiceFileReference(source: "t", target: "/t", uid: "1", gid: "2", mode: 0o400)]
        config.configs = [ServiceFileReference(source: "c", target: "/c")]
        config.platform = "linux/amd64"
        config.pullPolicy = "always"
        config.dependsOn = ["db": ServiceDependency(), "cache": ServiceDependency(condition: .healthy, required: false, restart: true)]
        config.links = ["db:database"]
        config.externalLinks = ["other"]
        config.profiles = ["debug"]
        config.otherFields = ["cpus": .double(1.5), "mem_limit": "512m", "x-flags": [true, .null, 3, [:], []]]
        return config
    }

    @Test("A fully populated configuration, a bare one, and the examples' services: the value JSONValueEncoder makes")
    func sameAsEncoder() throws {
        var configs = [Self.populated, ServiceConfig(name: "bare")]
        var logging = ServiceConfig(name: "logging")
        logging.logging = LoggingConfig()
        logging.healthcheck = Healthcheck()
        logging.deploy = DeployConfig(resources: .init())
        configs.append(logging)
        for name in ["drifted", "fresh", "healthchecks"] {
            let directory = CommandRunner.repositoryRoot + "/examples/\(name)"
            let project = try ProjectLoader().load(LoadOptions(files: [directory + "/compose.yaml"], environment: [:],
                                                               currentDirectory: directory))
            configs.append(contentsOf: project.services.values)
        }
        for config in configs {
            #expect(config.jsonValue == (try JSONValueEncoder().encode(config)), "\(config.name)")
        }
    }

    /// Every service of the examples and of the corpus, the populated
    /// configuration, and variants that take each way of hashing.
    static func manyConfigs() throws -> [ServiceConfig] {
        var configs = [Self.populated, ServiceConfig(name: "bare")]
        var withoutExtras = Self.populated
        withoutExtras.otherFields = [:]
        withoutExtras.deploy = nil
        configs.append(withoutExtras)
        var files: [String] = []
        for root in [CommandRunner.repositoryRoot + "/examples", CommandRunner.sharedDirectory + "/corpus"] {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in walker where path.hasSuffix("compose.yaml") || path.hasSuffix("compose.yml") {
                files.append(root + "/" + path)
            }
        }
        for file in files {
            let directory = (file as NSString).deletingLastPathComponent
            guard let project = try? ProjectLoader().load(LoadOptions(files: [file], environment: [:], currentDirectory: directory))
            else { continue }
            configs.append(contentsOf: project.services.values)
        }
        return configs
    }

    @Test("jsonMembers are jsonValue's members, each once, in the key order writers use")
    func membersInKeyOrder() throws {
        let configs = try Self.manyConfigs()
        #expect(configs.count > 100)
        for config in configs {
            let keys = config.jsonMembers.map(\.key)
            #expect(keys == JSONKeyOrder.sorted(keys), "\(config.name)")
            #expect(Set(keys).count == keys.count, "\(config.name)")
            let unhashed: Set = ["name", "build", "pull_policy", "scale", "depends_on", "profiles"]
            #expect(config.hashedMembers.map(\.key) == keys.filter { !unhashed.contains($0) }, "\(config.name)")
            guard case .object(let members) = config.jsonValue else { Issue.record("not an object"); continue }
            #expect(JSONKeyOrder.sorted(members.keys) == keys, "\(config.name)")
            var pretty = PrettyJSONWriter(depth: 2)
            pretty.object(config.jsonMembers)
            var reference = PrettyJSONWriter(depth: 2)
            reference.value(config.jsonValue)
            #expect(pretty.bytes == reference.bytes, "\(config.name)")
        }
    }

    @Test("A service's hash is the digest of its hash input's canonical JSON, whichever way it is written")
    func hashesFromMembers() throws {
        var (hashedFromMembers, hashedFromTree) = (0, 0)
        for config in try Self.manyConfigs() {
            let reference = SHA256Hex.digest(of: CanonicalJSON.data(ConfigHasher.hashInput(service: config)))
            #expect(ConfigHasher.hash(service: config) == reference, "\(config.name)")
            if config.otherFields.isEmpty && config.deploy == nil { hashedFromMembers += 1 } else { hashedFromTree += 1 }
        }
        #expect(hashedFromMembers > 50)
        #expect(hashedFromTree >= 5)
    }

    @Test("jsonValue knows every stored property of the types it writes")
    func coversEveryProperty() {
        func properties(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label).sorted() }
        let listed = ServiceConfig.jsonProperties
        let config = Self.populated
        #expect(properties(config) == listed["ServiceConfig"])
        #expect(properties(config.envFile[0]) == listed["EnvFileReference"])
        #expect(properties(config.ports[0]) == listed["ServicePort"])
        #expect(properties(config.volumes[0]) == listed["ServiceVolume"])
        #expect(properties(config.volumes[0].bind!) == listed["ServiceVolume.BindOptions"])
        #expect(properties(config.volumes[1].volume!) == listed["ServiceVolume.VolumeOptions"])
        #expect(properties(config.volumes[2].tmpfs!) == listed["ServiceVolume.TmpfsOptions"])
        #expect(properties(config.networks["front"]!) == listed["ServiceNetworkAttachment"])
        #expect(properties(config.healthcheck!) == listed["Healthcheck"])
        #expect(properties(config.deploy!) == listed["DeployConfig"])
        #expect(properties(config.deploy!.resources!) == listed["DeployConfig.Resources"])
        #expect(properties(config.deploy!.resources!.limits!) == listed["DeployConfig.Limits"])
        #expect(properties(config.ulimits["nofile"]!) == listed["Ulimit"])
        #expect(properties(config.logging!) == listed["LoggingConfig"])
        #expect(properties(config.devices[0]) == listed["DeviceMapping"])
        #expect(properties(config.secrets[0]) == listed["ServiceFileReference"])
        #expect(properties(config.dependsOn["db"]!) == listed["ServiceDependency"])
        #expect(properties(config.stopGracePeriod!) == listed["ComposeDuration"])
        #expect(properties(config.shmSize!) == listed["ByteCount"])
    }
}
