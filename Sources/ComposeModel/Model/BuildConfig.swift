/// A service's `build:` section, typed: what the classic builder (`POST
/// /build`, API 1.41) is asked to do.
///
/// Read from the normalized long form that ``ServiceConfig/build`` keeps
/// (`context` absolute, `args` values from the environment already filled
/// in where the file gave none). Keys the classic builder cannot honour are
/// an error naming the key, never silently dropped.
public struct BuildConfig: Hashable, Sendable {
    /// The context folder (absolute).
    public var context: String
    /// The Dockerfile, relative to the context (`Dockerfile` by default).
    public var dockerfile: String
    /// `dockerfile_inline`: the Dockerfile's text, sent inside the context.
    public var dockerfileInline: String?
    /// `args`: build arguments; `nil` values are left unset.
    public var args: [String: String?]
    public var target: String?
    public var labels: [String: String]
    /// Extra names to tag the built image with.
    public var tags: [String]
    /// The network `RUN` steps use.
    public var network: String?
    /// `host:ip` entries.
    public var extraHosts: [String]
    /// `shm_size` in bytes.
    public var shmSize: Int?
    public var noCache: Bool
    /// Always pull the base images.
    public var pull: Bool
    public var cacheFrom: [String]

    /// The keys the classic builder cannot honour.
    public static let unsupportedKeys = ["ssh", "secrets", "additional_contexts", "entitlements", "privileged", "cache_to"]

    /// Reads `build` of `service`.
    ///
    /// - Throws: ``BuildConfigError`` for a key the classic builder cannot
    ///   honour, several `platforms`, a remote context, or a malformed value.
    public init(_ json: JSONValue, service: String) throws(BuildConfigError) {
        guard case .object(let members) = json else { throw BuildConfigError(service: service, message: "build is not a mapping") }
        for key in Self.unsupportedKeys where members[key] != nil && members[key] != .null {
            throw BuildConfigError(service: service, message: "build.\(key) is not supported by the classic builder composeplan uses (POST /build)")
        }
        if let platforms = members["platforms"]?.arrayValue, platforms.count > 1 {
            throw BuildConfigError(service: service, message: "build.platforms names \(platforms.count) platforms; the classic builder builds one")
        }
        guard let context = members["context"]?.stringValue, !context.isEmpty else {
            throw BuildConfigError(service: service, message: "build has no context")
        }
        if PathResolver.isRemoteContext(context) {
            throw BuildConfigError(service: service, message: "build.context \(context) is not a local folder; composeplan builds from local folders only")
        }
        self.context = context
        dockerfile = members["dockerfile"]?.stringValue ?? "Dockerfile"
        dockerfileInline = members["dockerfile_inline"]?.stringValue
        args = Self.optionalMap(members["args"])
        target = members["target"]?.stringValue
        labels = Self.optionalMap(members["labels"]).mapValues { $0 ?? "" }
        tags = members["tags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        network = members["network"]?.stringValue
        extraHosts = Self.hosts(members["extra_hosts"])
        shmSize = members["shm_size"].flatMap { value in
            value.intValue ?? value.stringValue.flatMap { ValueParsers.byteCount($0)?.bytes }
        }
        noCache = members["no_cache"]?.boolValue ?? false
        pull = members["pull"]?.boolValue ?? false
        cacheFrom = members["cache_from"]?.arrayValue?.compactMap(\.stringValue) ?? []
    }

    /// A map or a `KEY=VALUE` / `KEY` list.
    private static func optionalMap(_ value: JSONValue?) -> [String: String?] {
        switch value {
        case .object(let members)?:
            return members.mapValues { $0.stringValue ?? $0.intValue.map(String.init) ?? $0.boolValue.map(String.init) }
        case .array(let items)?:
            var result: [String: String?] = [:]
            for item in items.compactMap(\.stringValue) {
                if let equals = item.firstIndex(of: "=") {
                    result[String(item[..<equals])] = String(item[item.index(after: equals)...])
                } else {
                    result[item] = .some(nil)
                }
            }
            return result
        default:
            return [:]
        }
    }

    /// `extra_hosts` as `host:ip` entries, from a list or a map.
    private static func hosts(_ value: JSONValue?) -> [String] {
        switch value {
        case .object(let members)?: members.keys.sorted().compactMap { key in members[key]?.stringValue.map { "\(key):\($0)" } }
        case .array(let items)?: items.compactMap(\.stringValue).map { $0.replacingOccurrences(of: "=", with: ":") }
        default: []
        }
    }
}

/// A `build:` section composeplan cannot carry out.
public struct BuildConfigError: Error, Hashable, CustomStringConvertible {
    public var service: String
    public var message: String
    public var description: String { "service \"\(service)\": \(message)" }
}

extension ServiceConfig {
    /// The typed `build` section, `nil` when the service has none.
    public func buildConfig() throws(BuildConfigError) -> BuildConfig? {
        guard let build, build != .null else { return nil }
        return try BuildConfig(build, service: name)
    }

    /// The image the service runs: its `image`, else the name compose gives
    /// a built image, `<project>-<service>`.
    public func imageName(project: String) -> String? {
        if let image, !image.isEmpty { return image }
        return build == nil ? nil : "\(project)-\(name)"
    }
}
