import Foundation

/// The one-name-per-line answers of `config` (`--services`, `--volumes`,
/// `--networks`, `--profiles`, `--images`, `--hash`), as docker compose
/// prints them, sorted by name.
public enum ConfigListing {
    /// Active services.
    public static func services(_ project: Project) -> [String] {
        project.serviceNames
    }

    /// The project's volumes (those an active service uses), by key.
    public static func volumes(_ project: Project) -> [String] {
        project.volumes.keys.sorted()
    }

    /// The project's networks (those an active service uses), by key.
    public static func networks(_ project: Project) -> [String] {
        project.networks.keys.sorted()
    }

    /// Every profile any service names, active or not.
    public static func profiles(_ project: Project) -> [String] {
        Set((project.services.values.map(\.profiles) + project.disabledServices.values.map(\.profiles)).joined()).sorted()
    }

    /// Each active service's image, or the `<project>-<service>` name
    /// compose gives the image it builds.
    public static func images(_ project: Project) -> [String] {
        project.serviceNames.map { name in project.services[name]!.image ?? "\(project.name)-\(name)" }
    }

    /// `service hash` lines for the services `selection` names (`*`: all
    /// active services; else a comma-separated list), hashes as
    /// `ConfigHasher` computes them with service references unresolved.
    public static func hashes(_ project: Project, selection: String) throws -> [String] {
        let names = selection == "*" ? project.serviceNames : selection.split(separator: ",").map(String.init).sorted()
        return try names.map { name in
            guard let service = project.services[name] else {
                throw ComposeError.project(file: project.configFiles.first.map { ($0 as NSString).lastPathComponent } ?? "",
                                           "no such service: \(name)")
            }
            return "\(name) \(ConfigHasher.hash(service: service))"
        }
    }

    /// The services `--hash` loads: all for `*`, else the named ones (to be
    /// loaded without their dependencies).
    public static func hashSelection(_ selection: String) -> [String] {
        selection == "*" ? [] : selection.split(separator: ",").map(String.init)
    }
}
