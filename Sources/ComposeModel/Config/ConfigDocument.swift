/// The normalized project as `docker compose config` shows it: the top-level
/// `name`, then `services`, `networks`, `volumes`, `secrets` and `configs`,
/// each value in compose's long form with the compose file's own keys.
///
/// Like compose it leaves out what is empty or unset and the `env_file`s
/// (their values are already in `environment`, as compose's
/// `WithDiscardEnvFile` does), writes durations as Go durations (`1m30s`)
/// and a network joined without options as `null`. For people to read and
/// for `-f` reuse; not the hashed form (`ConfigHasher` is).
public enum ConfigDocument {
    /// The document for `project`'s active services and their resources.
    public static func model(of project: Project) -> JSONValue {
        var document: [String: JSONValue] = ["name": .string(project.name)]
        var services: [String: JSONValue] = [:]
        for (name, service) in project.services {
            services[name] = self.service(service, directory: project.workingDirectory)
        }
        document["services"] = .object(services)
        document["networks"] = section(project.networks.mapValues { ConfigHasher.encode($0) })
        document["volumes"] = section(project.volumes.mapValues { ConfigHasher.encode($0) })
        document["secrets"] = section(project.secrets.mapValues(Self.fileObject))
        document["configs"] = section(project.configs.mapValues(Self.fileObject))
        return .object(document.filter { !$0.value.isEmptyCollection })
    }

    /// A secret or config as written: the environment variable's name, never
    /// the value read from it.
    static func fileObject(_ object: FileObjectConfig) -> JSONValue {
        var withoutValue = object
        withoutValue.environmentValue = nil
        return ConfigHasher.encode(withoutValue)
    }

    /// Fields given in Go duration form.
    static let durationFields: Set<String> = ["stop_grace_period"]
    static let healthcheckDurations: Set<String> = ["interval", "timeout", "start_period", "start_interval"]

    static func service(_ service: ServiceConfig, directory: String) -> JSONValue {
        guard case .object(var members) = ConfigHasher.encode(service) else { return .null }
        // A local build context as an absolute path, as compose prints it.
        if case .object(var build)? = members["build"], let context = build["context"]?.stringValue {
            build["context"] = .string(PathResolver(directory: directory).absoluteContext(context))
            members["build"] = .object(build)
        }
        members.removeValue(forKey: "name")
        members.removeValue(forKey: "env_file")
        if case .object(let others)? = members.removeValue(forKey: "x-other-fields") {
            for (key, value) in others { members[key] = value }
        }
        for key in durationFields {
            if let nanoseconds = members[key]?.intValue { members[key] = .string(GoDuration.format(nanoseconds: nanoseconds)) }
        }
        if case .object(var check)? = members["healthcheck"] {
            for key in healthcheckDurations {
                if let nanoseconds = check[key]?.intValue { check[key] = .string(GoDuration.format(nanoseconds: nanoseconds)) }
            }
            members["healthcheck"] = .object(check)
        }
        if case .object(let networks)? = members["networks"] {
            members["networks"] = .object(networks.mapValues { attachment in
                let pruned = pruned(attachment)
                return pruned.isEmptyCollection ? .null : pruned
            })
        }
        var result: [String: JSONValue] = [:]
        for (key, value) in members {
            // environment values and network attachments keep their nulls.
            let kept = key == "environment" || key == "networks" ? value : pruned(value)
            if !kept.isEmptyCollection && kept != .null { result[key] = kept }
        }
        return .object(result)
    }

    /// Resources without `external: false` and empty fields.
    private static func section(_ resources: [String: JSONValue]) -> JSONValue {
        .object(resources.mapValues { resource in
            guard case .object(var members) = resource else { return resource }
            if members["external"] == .bool(false) { members.removeValue(forKey: "external") }
            return pruned(.object(members))
        })
    }

    /// `value` without nulls and empty arrays or objects, recursively.
    static func pruned(_ value: JSONValue) -> JSONValue {
        switch value {
        case .object(let members):
            var result: [String: JSONValue] = [:]
            for (key, member) in members {
                let kept = pruned(member)
                if kept != .null && !kept.isEmptyCollection { result[key] = kept }
            }
            return .object(result)
        case .array(let items):
            return .array(items.map(pruned))
        default:
            return value
        }
    }
}

extension JSONValue {
    /// Whether this is an empty array or object.
    var isEmptyCollection: Bool {
        switch self {
        case .array(let items): return items.isEmpty
        case .object(let members): return members.isEmpty
        default: return false
        }
    }
}

/// Go's `time.Duration.String()` form, which compose prints: `1m30s`,
/// `500ms`, `1h0m0s`, `0s`.
enum GoDuration {
    static func format(nanoseconds: Int) -> String {
        if nanoseconds == 0 { return "0s" }
        let sign = nanoseconds < 0 ? "-" : ""
        let value = nanoseconds.magnitude
        if value < 1_000 { return "\(sign)\(value)ns" }
        if value < 1_000_000 { return sign + decimal(value, unit: 1_000) + "µs" }
        if value < 1_000_000_000 { return sign + decimal(value, unit: 1_000_000) + "ms" }
        let hours = value / 3_600_000_000_000
        let minutes = (value / 60_000_000_000) % 60
        let seconds = decimal(value % 60_000_000_000, unit: 1_000_000_000) + "s"
        if hours > 0 { return "\(sign)\(hours)h\(minutes)m\(seconds)" }
        if minutes > 0 { return "\(sign)\(minutes)m\(seconds)" }
        return sign + seconds
    }

    /// `value / unit` with the fraction's trailing zeros dropped.
    private static func decimal(_ value: UInt, unit: UInt) -> String {
        let whole = value / unit
        var fraction = value % unit
        guard fraction > 0 else { return String(whole) }
        var digits = String(unit).count - 1
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        let text = String(fraction)
        return "\(whole)." + String(repeating: "0", count: digits - text.count) + text
    }
}
