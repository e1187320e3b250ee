import Foundation

/// One normalized compose service: every short syntax expanded to its long
/// form, variables interpolated, `env_file`s read, paths made absolute,
/// implicit dependencies added. It is what a container is created from and
/// what its config hash covers (see `ConfigHasher`).
///
/// Coding keys are the compose file's own keys, so the JSON form of a service
/// reads like the compose file.
///
/// A configuration has some sixty members, so its values live in one shared
/// copy-on-write storage (``Fields``): copying a service — into a plan node,
/// out of `Project.services` — costs one reference count, not sixty, and two
/// copies of one configuration compare equal at once. The members read and
/// write like stored properties; a member is modified in place when the
/// storage is not shared.
public struct ServiceConfig: Codable, Hashable, Sendable {
    private var storage: Storage

    /// The service's key in `services:` (not part of the config hash).
    public var name: String {
        get { storage.fields.name }
        _modify { yield &uniqueFields.name }
    }
    public var image: String? {
        get { storage.fields.image }
        _modify { yield &uniqueFields.image }
    }
    /// Kept as written (normalized to the long form); composeplan never builds.
    public var build: JSONValue? {
        get { storage.fields.build }
        _modify { yield &uniqueFields.build }
    }
    public var command: [String]? {
        get { storage.fields.command }
        _modify { yield &uniqueFields.command }
    }
    public var entrypoint: [String]? {
        get { storage.fields.entrypoint }
        _modify { yield &uniqueFields.entrypoint }
    }
    /// Environment after `env_file`s are applied; `nil` values are variables
    /// named without a value that the environment did not define.
    public var environment: [String: String?] {
        get { storage.fields.environment }
        _modify { yield &uniqueFields.environment }
    }
    public var envFile: [EnvFileReference] {
        get { storage.fields.envFile }
        _modify { yield &uniqueFields.envFile }
    }
    public var labels: [String: String] {
        get { storage.fields.labels }
        _modify { yield &uniqueFields.labels }
    }
    public var ports: [ServicePort] {
        get { storage.fields.ports }
        _modify { yield &uniqueFields.ports }
    }
    public var expose: [String] {
        get { storage.fields.expose }
        _modify { yield &uniqueFields.expose }
    }
    public var volumes: [ServiceVolume] {
        get { storage.fields.volumes }
        _modify { yield &uniqueFields.volumes }
    }
    public var volumesFrom: [String] {
        get { storage.fields.volumesFrom }
        _modify { yield &uniqueFields.volumesFrom }
    }
    /// Networks the service joins, by compose network key.
    public var networks: [String: ServiceNetworkAttachment] {
        get { storage.fields.networks }
        _modify { yield &uniqueFields.networks }
    }
    public var networkMode: String? {
        get { storage.fields.networkMode }
        _modify { yield &uniqueFields.networkMode }
    }
    public var ipc: String? {
        get { storage.fields.ipc }
        _modify { yield &uniqueFields.ipc }
    }
    public var pid: String? {
        get { storage.fields.pid }
        _modify { yield &uniqueFields.pid }
    }
    public var healthcheck: Healthcheck? {
        get { storage.fields.healthcheck }
        _modify { yield &uniqueFields.healthcheck }
    }
    public var restart: String? {
        get { storage.fields.restart }
        _modify { yield &uniqueFields.restart }
    }
    public var user: String? {
        get { storage.fields.user }
        _modify { yield &uniqueFields.user }
    }
    public var workingDir: String? {
        get { storage.fields.workingDir }
        _modify { yield &uniqueFields.workingDir }
    }
    public var hostname: String? {
        get { storage.fields.hostname }
        _modify { yield &uniqueFields.hostname }
    }
    public var domainname: String? {
        get { storage.fields.domainname }
        _modify { yield &uniqueFields.domainname }
    }
    public var containerName: String? {
        get { storage.fields.containerName }
        _modify { yield &uniqueFields.containerName }
    }
    public var deploy: DeployConfig? {
        get { storage.fields.deploy }
        _modify { yield &uniqueFields.deploy }
    }
    public var scale: Int? {
        get { storage.fields.scale }
        _modify { yield &uniqueFields.scale }
    }
    public var stopGracePeriod: ComposeDuration? {
        get { storage.fields.stopGracePeriod }
        _modify { yield &uniqueFields.stopGracePeriod }
    }
    public var stopSignal: String? {
        get { storage.fields.stopSignal }
        _modify { yield &uniqueFields.stopSignal }
    }
    public var tty: Bool? {
        get { storage.fields.tty }
        _modify { yield &uniqueFields.tty }
    }
    public var stdinOpen: Bool? {
        get { storage.fields.stdinOpen }
        _modify { yield &uniqueFields.stdinOpen }
    }
    public var privileged: Bool? {
        get { storage.fields.privileged }
        _modify { yield &uniqueFields.privileged }
    }
    public var `init`: Bool? {
        get { storage.fields.`init` }
        _modify { yield &uniqueFields.`init` }
    }
    public var readOnly: Bool? {
        get { storage.fields.readOnly }
        _modify { yield &uniqueFields.readOnly }
    }
    public var capAdd: [String] {
        get { storage.fields.capAdd }
        _modify { yield &uniqueFields.capAdd }
    }
    public var capDrop: [String] {
        get { storage.fields.capDrop }
        _modify { yield &uniqueFields.capDrop }
    }
    /// `host:ip` entries, in file order.
    public var extraHosts: [String] {
        get { storage.fields.extraHosts }
        _modify { yield &uniqueFields.extraHosts }
    }
    public var dns: [String] {
        get { storage.fields.dns }
        _modify { yield &uniqueFields.dns }
    }
    public var dnsSearch: [String] {
        get { storage.fields.dnsSearch }
        _modify { yield &uniqueFields.dnsSearch }
    }
    public var dnsOpt: [String] {
        get { storage.fields.dnsOpt }
        _modify { yield &uniqueFields.dnsOpt }
    }
    public var sysctls: [String: String] {
        get { storage.fields.sysctls }
        _modify { yield &uniqueFields.sysctls }
    }
    public var ulimits: [String: Ulimit] {
        get { storage.fields.ulimits }
        _modify { yield &uniqueFields.ulimits }
    }
    public var logging: LoggingConfig? {
        get { storage.fields.logging }
        _modify { yield &uniqueFields.logging }
    }
    public var shmSize: ByteCount? {
        get { storage.fields.shmSize }
        _modify { yield &uniqueFields.shmSize }
    }
    public var tmpfs: [String] {
        get { storage.fields.tmpfs }
        _modify { yield &uniqueFields.tmpfs }
    }
    public var devices: [DeviceMapping] {
        get { storage.fields.devices }
        _modify { yield &uniqueFields.devices }
    }
    public var securityOpt: [String] {
        get { storage.fields.securityOpt }
        _modify { yield &uniqueFields.securityOpt }
    }
    public var secrets: [ServiceFileReference] {
        get { storage.fields.secrets }
        _modify { yield &uniqueFields.secrets }
    }
    public var configs: [ServiceFileReference] {
        get { storage.fields.configs }
        _modify { yield &uniqueFields.configs }
    }
    public var platform: String? {
        get { storage.fields.platform }
        _modify { yield &uniqueFields.platform }
    }
    public var pullPolicy: String? {
        get { storage.fields.pullPolicy }
        _modify { yield &uniqueFields.pullPolicy }
    }
    public var dependsOn: [String: ServiceDependency] {
        get { storage.fields.dependsOn }
        _modify { yield &uniqueFields.dependsOn }
    }
    public var links: [String] {
        get { storage.fields.links }
        _modify { yield &uniqueFields.links }
    }
    public var externalLinks: [String] {
        get { storage.fields.externalLinks }
        _modify { yield &uniqueFields.externalLinks }
    }
    public var profiles: [String] {
        get { storage.fields.profiles }
        _modify { yield &uniqueFields.profiles }
    }
    /// Compose-spec keys that composeplan accepts but does not interpret itself
    /// (`cpus`, `mem_limit`, `runtime`, …), kept as written; they enter the
    /// config hash and, where the Engine API has a matching field, the
    /// container.
    public var otherFields: [String: JSONValue] {
        get { storage.fields.otherFields }
        _modify { yield &uniqueFields.otherFields }
    }

    public init(name: String) {
        storage = Storage(Fields(name: name))
    }

    /// The fields, copied first when the storage is shared.
    private var uniqueFields: Fields {
        get { storage.fields }
        _modify {
            if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
            yield &storage.fields
        }
    }

    public init(from decoder: any Decoder) throws {
        storage = Storage(try Fields(from: decoder))
    }

    public func encode(to encoder: any Encoder) throws {
        try storage.fields.encode(to: encoder)
    }

    public static func == (lhs: ServiceConfig, rhs: ServiceConfig) -> Bool {
        lhs.storage === rhs.storage || lhs.storage.fields == rhs.storage.fields
    }

    public func hash(into hasher: inout Hasher) {
        storage.fields.hash(into: &hasher)
    }
}

extension ServiceConfig: CustomReflectable {
    /// The members, as if they were stored properties.
    public var customMirror: Mirror { Mirror(reflecting: storage.fields) }
}

extension ServiceConfig {
    /// The number of containers the service should run: `scale`, else
    /// `deploy.replicas`, else 1.
    public var desiredScale: Int {
        scale ?? deploy?.replicas ?? 1
    }

    /// Service names this service shares a namespace or volumes with
    /// (`network_mode`/`ipc`/`pid: service:X`, `volumes_from: X`), in that order.
    public var namespaceParents: [String] {
        var parents: [String] = []
        for mode in [networkMode, ipc, pid] {
            if let parent = Self.referencedService(inMode: mode) { parents.append(parent) }
        }
        for source in volumesFrom {
            if let parent = Self.referencedService(inVolumesFrom: source) { parents.append(parent) }
        }
        return parents
    }

    /// `X` for a mode written `service:X`, else `nil`.
    public static func referencedService(inMode mode: String?) -> String? {
        guard let mode, mode.hasPrefix("service:") else { return nil }
        let name = String(mode.dropFirst("service:".count))
        return name.isEmpty ? nil : name
    }

    /// `X` for a `volumes_from` entry `X` or `X:ro`, `nil` for `container:…`.
    public static func referencedService(inVolumesFrom entry: String) -> String? {
        if entry.hasPrefix("container:") { return nil }
        let name = entry.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init) ?? entry
        return name.isEmpty ? nil : name
    }
}
