import Foundation

/// The config hashes written in `com.docker.compose.config-hash` labels and
/// compared by the reconciler: SHA-256 (hex) of the canonical JSON of the
/// normalized configuration.
///
/// A service hash leaves out what never requires a new container — `build`,
/// `pull_policy`, `scale`, `deploy.replicas`, `depends_on`, `profiles` (and
/// the service's own name) — so scaling or re-ordering dependencies never
/// forces a recreate. Service references (`network_mode`/`ipc`/`pid:
/// service:X`, `volumes_from: X`) are resolved to container ids first; see
/// `resolvingReferences(in:containerID:)`.
public enum ConfigHasher {
    /// The hash of a service whose references are already resolved.
    public static func hash(service: ServiceConfig) -> String {
        // Most services have no fields beyond the model and no `deploy`:
        // their hash input is their JSON's members less the excluded ones,
        // written as they come (in key order). The others flatten fields
        // into it and go the general way; both write the same bytes.
        guard service.otherFields.isEmpty, service.deploy == nil else {
            return sha256Hex(CanonicalJSON.data(hashInput(service: service)))
        }
        return sha256Hex(CanonicalJSON.data(members: service.hashedMembers))
    }

    /// The hash of a network's whole normalized configuration.
    public static func hash(network: NetworkConfig) -> String {
        sha256Hex(CanonicalJSON.data(encode(network)))
    }

    /// The hash of a volume's whole normalized configuration (no driver
    /// counts as `local`, which `VolumeConfig` already applies).
    public static func hash(volume: VolumeConfig) -> String {
        sha256Hex(CanonicalJSON.data(encode(volume)))
    }

    /// The JSON that a service hash covers, for inspection and tests.
    public static func hashInput(service: ServiceConfig) -> JSONValue {
        // The members a hash covers (`ServiceConfig.hashedMembers` names
        // the ones it leaves out), with the extra fields flattened in.
        var members = Dictionary(uniqueKeysWithValues: service.hashedMembers.lazy.map { ($0.key, $0.value) })
        flattenOtherFields(&members)
        if case .object(var deploy)? = members["deploy"] {
            deploy.removeValue(forKey: "replicas")
            flattenOtherFields(&deploy)
            members["deploy"] = .object(deploy)
        }
        return .object(members)
    }

    /// `service` with its service references replaced by container ids:
    /// `network_mode`/`ipc`/`pid: service:X` become `container:<id>` and
    /// `volumes_from: X[:mode]` becomes `<id>[:mode]`, where `<id>` is what
    /// `containerID(X)` returns (the lowest-numbered container of X). A
    /// reference whose service has no container is left as written.
    public static func resolvingReferences(in service: ServiceConfig,
                                           containerID: (String) -> String?) -> ServiceConfig {
        func resolveMode(_ mode: String?) -> String? {
            guard let parent = ServiceConfig.referencedService(inMode: mode), let id = containerID(parent) else { return mode }
            return "container:\(id)"
        }
        let (networkMode, ipc, pid) = (resolveMode(service.networkMode), resolveMode(service.ipc), resolveMode(service.pid))
        let volumesFrom = service.volumesFrom.map { entry in
            guard let parent = ServiceConfig.referencedService(inVolumesFrom: entry), let id = containerID(parent) else {
                return entry
            }
            let parts = entry.split(separator: ":", maxSplits: 1)
            return parts.count == 2 ? "\(id):\(parts[1])" : id
        }
        // A service without references (most) is returned as it is, sharing
        // its storage rather than copying it.
        guard networkMode != service.networkMode || ipc != service.ipc || pid != service.pid
            || volumesFrom != service.volumesFrom else { return service }
        var resolved = service
        (resolved.networkMode, resolved.ipc, resolved.pid, resolved.volumesFrom) = (networkMode, ipc, pid, volumesFrom)
        return resolved
    }

    static func encode<T: Encodable>(_ value: T) -> JSONValue {
        // The model types encode only strings, numbers, booleans, arrays and
        // objects, so encoding cannot fail.
        (try? JSONValueEncoder().encode(value)) ?? .null
    }

    private static func flattenOtherFields(_ members: inout [String: JSONValue]) {
        if case .object(let others)? = members.removeValue(forKey: "x-other-fields") {
            for (key, value) in others { members[key] = value }
        }
    }

    static func sha256Hex(_ bytes: [UInt8]) -> String {
        SHA256Hex.digest(of: bytes)
    }
}
