import ArgumentParser
import ComposeModel

/// The compose options every command that reads compose files shares.
struct ComposeOptions: ParsableArguments {
    @Option(name: [.customShort("f"), .customLong("file")], help: "Compose file (repeatable; later files override earlier ones).")
    var files: [String] = []

    @Option(name: [.customShort("p"), .customLong("project-name")], help: "Project name.")
    var projectName: String?

    @Option(name: .customLong("profile"), help: "Enable a profile (repeatable).")
    var profiles: [String] = []

    @Option(name: .customLong("env-file"), help: "Environment file for interpolation (repeatable; default: the project's .env).")
    var envFiles: [String] = []

    @Option(name: .customLong("project-directory"), help: "Project directory (default: the first compose file's folder).")
    var projectDirectory: String?

    func loadOptions(services: [String] = []) -> LoadOptions {
        LoadOptions(files: files, projectName: projectName, profiles: profiles, envFiles: envFiles,
                    projectDirectory: projectDirectory, selectedServices: services)
    }
}
