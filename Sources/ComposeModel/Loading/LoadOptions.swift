import Foundation

/// Everything that decides which compose project is loaded: the options
/// docker compose shares between its commands.
public struct LoadOptions: Sendable {
    /// `-f` files as given (relative to `currentDirectory`); empty means the
    /// default file names (or `COMPOSE_FILE`).
    public var files: [String]
    /// `-p`.
    public var projectName: String?
    /// `--profile` (repeatable); empty means `COMPOSE_PROFILES`.
    public var profiles: [String]
    /// `--env-file` (repeatable); empty means the project's `.env`, if any.
    public var envFiles: [String]
    /// `--project-directory`.
    public var projectDirectory: String?
    /// Services named on the command line; they and their dependencies are
    /// planned, whatever their profiles, and the others are left alone.
    public var selectedServices: [String]
    /// The process environment (injectable for tests).
    public var environment: [String: String]
    /// The folder relative paths start from.
    public var currentDirectory: String
    /// `--scale SERVICE=N`: replica counts that override `scale` and
    /// `deploy.replicas` (as compose's `up --scale` does).
    public var scales: [String: Int] = [:]
    /// `false` for `--no-deps`: only the named services are selected, not
    /// their dependencies (which are then neither planned nor waited for).
    public var selectsDependencies: Bool = true
    /// Whether `${VAR}` references are replaced (`false` for `config
    /// --no-interpolate`, which prints the model as written).
    public var interpolates: Bool = true

    public init(files: [String] = [], projectName: String? = nil, profiles: [String] = [], envFiles: [String] = [],
                projectDirectory: String? = nil, selectedServices: [String] = [],
                environment: [String: String] = ProcessInfo.processInfo.environment,
                currentDirectory: String = FileManager.default.currentDirectoryPath) {
        self.files = files
        self.projectName = projectName
        self.profiles = profiles
        self.envFiles = envFiles
        self.projectDirectory = projectDirectory
        self.selectedServices = selectedServices
        self.environment = environment
        self.currentDirectory = currentDirectory
    }
}
