import ComposeModel

/// The project-wide facts the executor needs to create containers without
/// the compose files: names, paths for labels, and the Docker names of the
/// networks, volumes, secrets and configs services refer to by key.
///
/// Why not the `Project`: a plan file must hold what `apply` needs and no
/// more. The services travel in the nodes that create their containers
/// (each configuration once), and a project's disabled services, warnings
/// and file digests mean nothing to a run. `init(project:)` is the one
/// place the two meet.
public struct ProjectContext: Codable, Hashable, Sendable {
    public var name: String
    public var workingDirectory: String
    public var configFiles: [String]
    public var networks: [String: NetworkConfig]
    public var volumes: [String: VolumeConfig]
    public var secrets: [String: FileObjectConfig]
    public var configs: [String: FileObjectConfig]

    public init(name: String, workingDirectory: String, configFiles: [String] = [],
                networks: [String: NetworkConfig] = [:], volumes: [String: VolumeConfig] = [:],
                secrets: [String: FileObjectConfig] = [:], configs: [String: FileObjectConfig] = [:]) {
        self.name = name
        self.workingDirectory = workingDirectory
        self.configFiles = configFiles
        self.networks = networks
        self.volumes = volumes
        self.secrets = secrets
        self.configs = configs
    }

    public init(project: Project) {
        self.init(name: project.name, workingDirectory: project.workingDirectory, configFiles: project.configFiles,
                  networks: project.networks, volumes: project.volumes, secrets: project.secrets, configs: project.configs)
    }
}
