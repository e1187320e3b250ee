import Foundation

/// One normalized compose service: every short syntax expanded to its long
/// form, variables interpolated, `env_file`s read, paths made absolute,
/// implicit dependencies added. It is what a container is created from and
/// what its config hash covers (see `ConfigHasher`).
///
/// Coding keys are the compose file's own keys, so the JSON form of a service
/// reads like the compose file.
public struct ServiceConfig: Codable, Hashable, Sendable {
    /// The service's key in `services:` (not part of the config hash).
    public var name: String

    public var image: String?
    /// Kept as written (normalized to the long form); composeplan never builds.
    public var build: JSONValue?
    public var command: [String]?
    public var entrypoint: [String]?
    /// Environment after `env_file`s are applied; `nil` values are variables
    /// named without a value that the environment did not define.
    public var environment: [String: String?]
    public var envFile: [EnvFileReference]
    public var labels: [String: String]
    public var ports: [ServicePort]
    public var expose: [String]
    public var volumes: [ServiceVolume]
    public var volumesFrom: [String]
    /// Networks the service joins, by compose network key.
    public var networks: [String: ServiceNetworkAttachment]
    public var networkMode: String?
    public var ipc: String?
    public var pid: String?
    public var healthcheck: Healthcheck?
    public var restart: String?
    public var user: String?
    public var workingDir: String?
    public var hostname: String?
    public var domainname: String?
    public var containerName: String?
    public var deploy: DeployConfig?
    public var scale: Int?
    public var stopGracePeriod: ComposeDuration?
    public var stopSignal: String?
    public var tty: Bool?
    public var stdinOpen: Bool?
    public var privileged: Bool?
    public var `init`: Bool?
    public var readOnly: Bool?
    public var capAdd: [String]
    public var capDrop: [String]
    /// `host:ip` entries, in file order.
    public var extraHosts: [String]
    public var dns: [String]
    public var dnsSearch: [String]
    public var dnsOpt: [String]
    public var sysctls: [String: String]
    public var ulimits: [String: Ulimit]
    public var logging: LoggingConfig?
    public var shmSize: ByteCount?
    public var tmpfs: [String]
    public var devices: [DeviceMapping]
    public var securityOpt: [String]
    public var secrets: [ServiceFileReference]
    public var configs: [ServiceFileReference]
    public var platform: String?
    public var pullPolicy: String?
    public var dependsOn: [String: ServiceDependency]
    public var links: [String]
    public var externalLinks: [String]
    public var profiles: [String]
    /// Compose-spec keys that composeplan accepts but does not interpret itself
    /// (`cpus`, `mem_limit`, `runtime`, …), kept as written; they enter the
    /// config hash and, where the Engine API has a matching field, the
    /// container.
    public var otherFields: [String: JSONValue]

    public init(name: String) {
        self.name = name
        environment = [:]
        envFile = []
        labels = [:]
        ports = []
        expose = []
        volumes = []
        volumesFrom = []
        networks = [:]
        capAdd = []
        capDrop = []
        extraHosts = []
        dns = []
        dnsSearch = []
        dnsOpt = []
        sysctls = [:]
        ulimits = [:]
        tmpfs = []
        devices = []
        securityOpt = []
        secrets = []
        configs = []
        dependsOn = [:]
        links = []
        externalLinks = []
        profiles = []
        otherFields = [:]
    }

    enum CodingKeys: String, CodingKey {
        case name, image, build, command, entrypoint, environment
        case envFile = "env_file"
        case labels, ports, expose, volumes
        case volumesFrom = "volumes_from"
        case networks
        case networkMode = "network_mode"
        case ipc, pid, healthcheck, restart, user
        case workingDir = "working_dir"
        case hostname, domainname
        case containerName = "container_name"
        case deploy, scale
        case stopGracePeriod = "stop_grace_period"
        case stopSignal = "stop_signal"
        case tty
        case stdinOpen = "stdin_open"
        case privileged
        case `init`
        case readOnly = "read_only"
        case capAdd = "cap_add"
        case capDrop = "cap_drop"
        case extraHosts = "extra_hosts"
        case dns
        case dnsSearch = "dns_search"
        case dnsOpt = "dns_opt"
        case sysctls, ulimits, logging
        case shmSize = "shm_size"
        case tmpfs, devices
        case securityOpt = "security_opt"
        case secrets, configs, platform
        case pullPolicy = "pull_policy"
        case dependsOn = "depends_on"
        case links
        case externalLinks = "external_links"
        case profiles
        case otherFields = "x-other-fields"
    }
}

extension ServiceConfig {
    /// The number of containers the service should run: `scale`, else
    /// `deploy.replicas`, else 1.
    public var desiredScale: Int {
        scale ?? deploy?.replicas ?? 1
    }

    /// Service names this service shares a namespace or volumes with
    /// (`network_mode`/`ipc`/`pid: service:X`, `volumes_from: X`), in that order.
    public var namespaceParents: [String] {
        var parents: [String] = []
        for mode in [networkMode, ipc, pid] {
            if let parent = Self.referencedService(inMode: mode) { parents.append(parent) }
        }
        for source in volumesFrom {
            if let parent = Self.referencedService(inVolumesFrom: source) { parents.append(parent) }
        }
        return parents
    }

    /// `X` for a mode written `service:X`, else `nil`.
    public static func referencedService(inMode mode: String?) -> String? {
        guard let mode, mode.hasPrefix("service:") else { return nil }
        let name = String(mode.dropFirst("service:".count))
        return name.isEmpty ? nil : name
    }

    /// `X` for a `volumes_from` entry `X` or `X:ro`, `nil` for `container:…`.
    public static func referencedService(inVolumesFrom entry: String) -> String? {
        if entry.hasPrefix("container:") { return nil }
        let name = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? entry
        return name.isEmpty ? nil : name
    }
}
