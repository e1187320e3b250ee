/// The stored members of a ``ServiceConfig`` and the storage it shares
/// between copies.
extension ServiceConfig {
    /// The members of a configuration; ``ServiceConfig`` documents each.
    struct Fields: Codable, Hashable, Sendable {
        var name: String
        var image: String?
        var build: JSONValue?
        var command: [String]?
        var entrypoint: [String]?
        var environment: [String: String?]
        var envFile: [EnvFileReference]
        var labels: [String: String]
        var ports: [ServicePort]
        var expose: [String]
        var volumes: [ServiceVolume]
        var volumesFrom: [String]
        var networks: [String: ServiceNetworkAttachment]
        var networkMode: String?
        var ipc: String?
        var pid: String?
        var healthcheck: Healthcheck?
        var restart: String?
        var user: String?
        var workingDir: String?
        var hostname: String?
        var domainname: String?
        var containerName: String?
        var deploy: DeployConfig?
        var scale: Int?
        var stopGracePeriod: ComposeDuration?
        var stopSignal: String?
        var tty: Bool?
        var stdinOpen: Bool?
        var privileged: Bool?
        var `init`: Bool?
        var readOnly: Bool?
        var capAdd: [String]
        var capDrop: [String]
        var extraHosts: [String]
        var dns: [String]
        var dnsSearch: [String]
        var dnsOpt: [String]
        var sysctls: [String: String]
        var ulimits: [String: Ulimit]
        var logging: LoggingConfig?
        var shmSize: ByteCount?
        var tmpfs: [String]
        var devices: [DeviceMapping]
        var securityOpt: [String]
        var secrets: [ServiceFileReference]
        var configs: [ServiceFileReference]
        var platform: String?
        var pullPolicy: String?
        var dependsOn: [String: ServiceDependency]
        var links: [String]
        var externalLinks: [String]
        var profiles: [String]
        var otherFields: [String: JSONValue]

        init(name: String) {
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

    /// The fields one or more copies of a configuration share; a copy that
    /// modifies them first takes its own storage (copy on write), so the
    /// fields are never written while shared.
    final class Storage: @unchecked Sendable {
        var fields: Fields

        init(_ fields: Fields) {
            self.fields = fields
        }
    }
}
