/// The labels docker compose writes on what it creates; composeplan writes
/// and reads the same ones so each tool sees what the other made.
public enum ComposeLabel {
    public static let project = "com.docker.compose.project"
    public static let service = "com.docker.compose.service"
    public static let containerNumber = "com.docker.compose.container-number"
    public static let oneoff = "com.docker.compose.oneoff"
    public static let configHash = "com.docker.compose.config-hash"
    public static let workingDir = "com.docker.compose.project.working_dir"
    public static let configFiles = "com.docker.compose.project.config_files"
    public static let version = "com.docker.compose.version"
    public static let dependsOn = "com.docker.compose.depends_on"
    public static let network = "com.docker.compose.network"
    public static let volume = "com.docker.compose.volume"
    public static let replace = "com.docker.compose.replace"
    /// The ID of the image a container was created from (`sha256:…`):
    /// a container whose label differs from its image's current ID is
    /// recreated (`image changed`).
    public static let image = "com.docker.compose.image"

    /// The value written in `com.docker.compose.version`.
    public static let composeVersion = "2.40.0"

    /// The `com.docker.compose.depends_on` value: `name:condition:restart`
    /// entries, sorted, comma-separated (docker compose's encoding).
    public static func dependsOnValue(_ dependencies: [String: ServiceDependency]) -> String {
        dependencies.keys.sorted().map { name in
            let dependency = dependencies[name]!
            return "\(name):\(dependency.condition.rawValue):\(dependency.restart)"
        }.joined(separator: ",")
    }
}
