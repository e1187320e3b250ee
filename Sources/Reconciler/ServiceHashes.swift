import ComposeModel

/// The config hash of each service of a project that names no other
/// service (`network_mode`/`ipc`/`pid: service:X`, `volumes_from: X`):
/// the hash its containers must carry whatever the live state is.
///
/// Hashing costs some 20 µs a service, and these hashes depend on the
/// project alone: a caller can have them computed on another core while the
/// live state is read, and pass them to ``Reconciler/plan(project:observed:options:hashes:confirm:)``,
/// which computes only what they lack. A hash is used only for the very
/// configuration it was computed from, so the plan is the same with or
/// without them.
public struct ServiceHashes: Sendable {
    /// Each configuration hashed and its hash, by service name.
    private var entries: [String: (config: ServiceConfig, hash: String)]

    /// The hashes of `project`'s services that name no other service, on all cores.
    public init(project: Project) {
        let services = project.services.values.filter { $0.namespaceParents.isEmpty }
        let hashes = services.concurrentMap(chunkSize: 32) { ConfigHasher.hash(service: $0) }
        entries = Dictionary(uniqueKeysWithValues: zip(services, hashes).map { ($0.name, ($0, $1)) })
    }

    /// No hashes: the reconciler computes them all.
    public static let none = ServiceHashes()

    private init() {
        entries = [:]
    }

    /// The hash of `config`, if it is the configuration hashed here for its
    /// service (never one that names another service: those are not hashed here).
    func hash(of config: ServiceConfig) -> String? {
        guard let entry = entries[config.name], entry.config == config else { return nil }
        return entry.hash
    }
}
