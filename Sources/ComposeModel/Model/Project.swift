/// A loaded compose project: the desired state the reconciler plans towards.
///
/// `services` holds the active services only; services switched off by
/// profiles (or not selected on the command line) are in `disabledServices`,
/// so their containers are neither planned nor mistaken for orphans.
public struct Project: Codable, Hashable, Sendable {
    /// The normalized project name (`[a-z0-9_-]`, starting with a letter or digit).
    public var name: String
    /// Absolute path of the project directory.
    public var workingDirectory: String
    /// Absolute paths of the compose files, in load order.
    public var configFiles: [String]
    public var services: [String: ServiceConfig]
    public var disabledServices: [String: ServiceConfig]
    public var networks: [String: NetworkConfig]
    public var volumes: [String: VolumeConfig]
    public var secrets: [String: FileObjectConfig]
    public var configs: [String: FileObjectConfig]
    /// Non-fatal remarks made while loading (obsolete `version:`, …).
    public var warnings: [String]
    /// SHA-256 (hex) of the compose files as they were read, by absolute
    /// path (a plan file records them; nothing reads the files twice).
    public var configFileDigests: [String: String] = [:]

    public init(name: String, workingDirectory: String, configFiles: [String] = [],
                services: [String: ServiceConfig] = [:], disabledServices: [String: ServiceConfig] = [:],
                networks: [String: NetworkConfig] = [:], volumes: [String: VolumeConfig] = [:],
                secrets: [String: FileObjectConfig] = [:], configs: [String: FileObjectConfig] = [:],
                warnings: [String] = []) {
        self.name = name
        self.workingDirectory = workingDirectory
        self.configFiles = configFiles
        self.services = services
        self.disabledServices = disabledServices
        self.networks = networks
        self.volumes = volumes
        self.secrets = secrets
        self.configs = configs
        self.warnings = warnings
    }

    /// Active service names, sorted.
    public var serviceNames: [String] { services.keys.sorted() }

    /// Whether `name` is a service of the project, active or disabled.
    public func knowsService(_ name: String) -> Bool {
        services[name] != nil || disabledServices[name] != nil
    }

    /// The container name of replica `number` of `service`:
    /// `container_name` if set, else `<project>-<service>-<number>`.
    public func containerName(service: ServiceConfig, number: Int) -> String {
        if let explicit = service.containerName, !explicit.isEmpty { return explicit }
        return "\(name)-\(service.name)-\(number)"
    }
}
