import ComposeModel
import PlanModel

/// Everything needed to create one container: `POST
/// /containers/create?name=<name>` with `body`, then `POST
/// /networks/{network}/connect` for each of `extraNetworks` (Engine API 1.41
/// accepts a single entry in `NetworkingConfig.EndpointsConfig`).
///
/// Built from a compose service by `init(service:project:number:name:configHash:inheritedVolumes:)`,
/// a pure function unit-tested without a daemon.
public struct ContainerCreateRequest: Hashable, Sendable {
    /// The container name to create (a final name, or a recreate's temporary name).
    public var name: String
    /// The Engine API body: `Image`, `Cmd`, `Env`, `Labels`, `HostConfig`,
    /// `NetworkingConfig` (the primary network only), ….
    public var body: JSONValue
    /// The network the container is created on (also in `body`), if any.
    public var primaryNetwork: NetworkEndpoint?
    /// The networks connected right after the creation, in order.
    public var extraNetworks: [NetworkEndpoint]
    /// The `platform` query parameter, if the service names one.
    public var platform: String?
    /// Files to write into the container before it starts: the secrets and
    /// configs defined by `environment:` or `content:` (file-backed ones
    /// are bind mounts in `body`).
    public var files: [ContainerFile]

    public init(name: String, body: JSONValue, primaryNetwork: NetworkEndpoint? = nil,
                extraNetworks: [NetworkEndpoint] = [], platform: String? = nil, files: [ContainerFile] = []) {
        self.name = name
        self.body = body
        self.primaryNetwork = primaryNetwork
        self.extraNetworks = extraNetworks
        self.platform = platform
        self.files = files
    }

    /// The image the container is created from.
    public var image: String { body["Image"]?.stringValue ?? "" }
    /// The labels the container is created with.
    public var labels: [String: String] { body["Labels"]?.stringDictionary ?? [:] }
    /// Every network the container ends up on: the primary one, then the extra ones.
    public var networks: [NetworkEndpoint] { (primaryNetwork.map { [$0] } ?? []) + extraNetworks }

    /// The request docker compose would send for replica `number` of
    /// `service`.
    ///
    /// - Parameters:
    ///   - service: the normalized service, with its `service:X` references
    ///     already resolved to `container:<id>` (`ConfigHasher.resolvingReferences`);
    ///     an unresolved reference is an error.
    ///   - project: names, paths, and the Docker names of the project's
    ///     networks, volumes, secrets and configs (services refer to them by key).
    ///   - name: the container name to create (the temporary name during a
    ///     recreate; the aliases always use the final name).
    ///   - configHash: the `com.docker.compose.config-hash` label.
    ///   - inheritedVolumes: anonymous volumes of a replaced container, by
    ///     destination (`ContainerInspection.anonymousVolumes`): the new
    ///     container mounts them instead of fresh ones.
    ///   - imageID: the ID of the image the container is created from, for
    ///     the `com.docker.compose.image` label (omitted when `nil`).
    /// - Throws: `EngineError.Kind.invalidRequest` for a reference the
    ///   project does not define, an unresolved `service:` reference, a
    ///   service without an image, or an unsupported mount type.
    public init(service: ServiceConfig, project: ProjectContext, number: Int, name: String, configHash: String,
                inheritedVolumes: [String: String] = [:], imageID: String? = nil) throws(EngineError) {
        var builder = ContainerBodyBuilder(service: service, project: project, number: number, configHash: configHash,
                                           imageID: imageID)
        try builder.build(inheritedVolumes: inheritedVolumes)
        self.init(name: name, body: .object(builder.config), primaryNetwork: builder.primaryNetwork,
                  extraNetworks: builder.extraNetworks, platform: service.platform, files: builder.injectedFiles)
    }

    /// The final name of replica `number` of `service`: `container_name`, else
    /// `<project>-<service>-<number>`.
    public static func finalName(service: ServiceConfig, project: String, number: Int) -> String {
        if let explicit = service.containerName, !explicit.isEmpty { return explicit }
        return "\(project)-\(service.name)-\(number)"
    }

    /// The labels docker compose writes on a container: the service's labels,
    /// then (overriding them) `com.docker.compose.project`, `.service`,
    /// `.container-number`, `.oneoff=False`, `.config-hash`,
    /// `.project.working_dir`, `.project.config_files`, `.version`,
    /// `.depends_on`, and `.image` when the image's ID is known.
    public static func labels(service: ServiceConfig, project: ProjectContext, number: Int,
                              configHash: String, imageID: String? = nil) -> [String: String] {
        var labels = service.labels
        labels[ComposeLabel.project] = project.name
        labels[ComposeLabel.service] = service.name
        labels[ComposeLabel.containerNumber] = String(number)
        labels[ComposeLabel.oneoff] = "False"
        labels[ComposeLabel.configHash] = configHash
        labels[ComposeLabel.workingDir] = project.workingDirectory
        labels[ComposeLabel.configFiles] = project.configFiles.joined(separator: ",")
        labels[ComposeLabel.version] = ComposeLabel.composeVersion
        labels[ComposeLabel.dependsOn] = ComposeLabel.dependsOnValue(service.dependsOn)
        if let imageID, !imageID.isEmpty { labels[ComposeLabel.image] = imageID }
        return labels
    }
}
