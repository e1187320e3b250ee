import ComposeModel
import Foundation

/// Loads compose YAML written inline in a test, in a temporary project folder.
public enum ProjectFixture {
    /// Loads `yaml` as `compose.yaml` of project `name` (plus `extraFiles`),
    /// with an environment containing only `environment`.
    public static func load(_ yaml: String, name: String = "demo", environment: [String: String] = [:],
                            extraFiles: [String: String] = [:], profiles: [String] = [],
                            services: [String] = []) throws -> Project {
        let directory = try TemporaryDirectory(prefix: name)
        defer { directory.remove() }
        try directory.write("compose.yaml", yaml)
        for (file, contents) in extraFiles { try directory.write(file, contents) }
        return try ProjectLoader().load(LoadOptions(projectName: name, profiles: profiles, selectedServices: services,
                                                    environment: environment, currentDirectory: directory.path))
    }
}
