import ComposeModel
import DockerModel
import PlanModel

/// The fields in which an existing container differs from the container
/// composeplan would create: the creation request compared with the
/// daemon's inspect answer (`GET /containers/{id}/json`), field by field,
/// with the daemon's defaults normalised away.
///
/// A pure function. What the image contributes (its `Env`, `Cmd`,
/// `Labels`, `Volumes`, …) is subtracted when the image's inspect answer is
/// known; without it, values the request does not set are not compared.
/// Values that the daemon fills in on its own (the hostname, the memory
/// swap limit, the short ID among the aliases) are compared only when the
/// request sets them. Labels under `com.docker.compose.` are compose's
/// bookkeeping, not configuration, and are never compared: a container
/// another tool created with the same configuration shows no difference.
///
/// Field names follow the compose file (`image`, `environment.KEY`,
/// `ports`, `mem_limit`, `networks.front.aliases`); API fields without a
/// compose name keep their API name.
public struct ContainerDifferences {
    let request: ContainerCreateRequest
    let actual: JSONValue
    let image: JSONValue?
    let networkKeys: [String: String]
    let showValues: Bool
    var changes: [FieldChange] = []

    /// The changes that turn the inspected container into the requested one.
    ///
    /// - Parameters:
    ///   - request: what composeplan would send to create the container.
    ///   - inspection: the daemon's inspect answer for the existing container.
    ///   - image: the daemon's inspect answer for the image the container
    ///     is created from, when known (`GET /images/{name}/json`).
    ///   - networkKeys: compose keys of the project's networks by Docker
    ///     name, for field names (`networks.front`).
    ///   - showValues: keep environment and label values; otherwise only
    ///     their keys are named.
    public static func changes(request: ContainerCreateRequest, inspection: JSONValue, image: JSONValue? = nil,
                               networkKeys: [String: String] = [:], showValues: Bool = false) -> [FieldChange] {
        var differences = ContainerDifferences(request: request, actual: inspection, image: image?["Config"],
                                               networkKeys: networkKeys, showValues: showValues)
        differences.compareConfig()
        differences.compareHostConfig()
        differences.compareMounts()
        differences.compareNetworks()
        return differences.changes
    }

    var requested: JSONValue { request.body }
    var requestedHost: JSONValue { request.body["HostConfig"] ?? .object([:]) }
    var actualConfig: JSONValue { actual["Config"] ?? .object([:]) }
    var actualHost: JSONValue { actual["HostConfig"] ?? .object([:]) }

    mutating func note(_ field: String, _ before: String?, _ after: String?) {
        guard before != after else { return }
        changes.append(FieldChange(field: field, from: before, to: after))
    }

    /// A change whose values are shown only with `--show-values`.
    mutating func noteSensitive(_ field: String, _ before: String?, _ after: String?) {
        guard before != after else { return }
        let change = FieldChange(field: field, from: before, to: after)
        changes.append(showValues ? change : change.withheld)
    }

    // MARK: - Config

    mutating func compareConfig() {
        compareImage()
        for (key, field) in [("Entrypoint", "entrypoint"), ("Cmd", "command")] {
            guard let expected = requested[key] ?? image.map({ $0[key] ?? .null }) else { continue }
            note(field, Self.list(actualConfig[key]), Self.list(expected))
        }
        compareKeyValues("environment", expected: Self.environment(requested["Env"]),
                         actual: Self.environment(actualConfig["Env"]), fromImage: image.map { Self.environment($0["Env"]) })
        let bookkeeping = { (key: String) in key.hasPrefix("com.docker.compose.") }
        compareKeyValues("labels", expected: (requested["Labels"]?.stringDictionary ?? [:]).filter { !bookkeeping($0.key) },
                         actual: (actualConfig["Labels"]?.stringDictionary ?? [:]).filter { !bookkeeping($0.key) },
                         fromImage: image.map { $0["Labels"]?.stringDictionary ?? [:] })
        for (key, field) in [("User", "user"), ("WorkingDir", "working_dir"), ("StopSignal", "stop_signal")] {
            guard let expected = requested[key] ?? image.map({ $0[key] ?? .null }) else { continue }
            note(field, Self.text(actualConfig[key]), Self.text(expected))
        }
        for (key, field) in [("Hostname", "hostname"), ("Domainname", "domainname"), ("MacAddress", "mac_address")] {
            guard let expected = requested[key] else { continue }
            note(field, Self.text(actualConfig[key]), Self.text(expected))
        }
        // Tools that pass the stop timeout at stop time leave it unset.
        if let current = actualConfig["StopTimeout"]?.intValue {
            note("stop_grace_period", "\(current)s", requested["StopTimeout"]?.intValue.map { "\($0)s" })
        }
        for (key, field) in [("Tty", "tty"), ("OpenStdin", "stdin_open")] {
            note(field, String(actualConfig[key]?.boolValue ?? false), String(requested[key]?.boolValue ?? false))
        }
        compareHealthcheck()
        compareExposedPorts()
    }

    mutating func compareImage() {
        let expected = requested["Image"]?.stringValue ?? ""
        let current = actualConfig["Image"]?.stringValue ?? ""
        if Self.canonicalImage(expected) != Self.canonicalImage(current) { note("image", current, expected) }
    }

    /// Environment variables or labels: compared by key; what the image
    /// sets counts as set by the image, not by the container.
    mutating func compareKeyValues(_ family: String, expected: [String: String], actual: [String: String],
                                   fromImage: [String: String]?) {
        var actual = actual
        if let fromImage {
            for (key, value) in fromImage where expected[key] == nil && actual[key] == value { actual[key] = nil }
        } else {
            // Without the image's, a key only the container has may be the image's.
            actual = actual.filter { expected[$0.key] != nil }
        }
        for key in Set(expected.keys).union(actual.keys).sorted() {
            noteSensitive("\(family).\(key)", actual[key], expected[key])
        }
    }

    mutating func compareHealthcheck() {
        guard let expected = requested["Healthcheck"] ?? image.map({ $0["Healthcheck"] ?? .null }) else { return }
        let current = actualConfig["Healthcheck"] ?? .null
        let disabled = { (value: JSONValue) in value["Test"]?.arrayValue?.first?.stringValue == "NONE" }
        note("healthcheck.test", Self.list(disabled(current) ? nil : current["Test"]), Self.list(disabled(expected) ? nil : expected["Test"]))
        for (key, field) in [("Interval", "interval"), ("Timeout", "timeout"), ("StartPeriod", "start_period"),
                             ("StartInterval", "start_interval")] {
            note("healthcheck.\(field)", Self.duration(current[key]), Self.duration(expected[key]))
        }
        note("healthcheck.retries", Self.number(current["Retries"]), Self.number(expected["Retries"]))
    }

    /// `expose`: the exposed ports that no published port implies (a
    /// changed `ports` entry is reported once, under `ports`).
    mutating func compareExposedPorts() {
        let published = { (host: JSONValue) in Set(host["PortBindings"]?.objectValue?.keys.map { $0 } ?? []) }
        let expected = Set(requested["ExposedPorts"]?.objectValue?.keys.map { $0 } ?? []).subtracting(published(requestedHost))
        var current = Set(actualConfig["ExposedPorts"]?.objectValue?.keys.map { $0 } ?? []).subtracting(published(actualHost))
        // The image's own ports, or (not knowing them) any the request does not ask for.
        let fromImage = image.map { Set($0["ExposedPorts"]?.objectValue?.keys.map { $0 } ?? []) }
        current = current.filter { expected.contains($0) || !(fromImage?.contains($0) ?? true) }
        note("expose", Self.set(current), Self.set(expected))
    }

    // MARK: - Values for people

    static func text(_ value: JSONValue?) -> String? {
        switch value {
        case .string(let text)?: text.isEmpty ? nil : text
        case .int(let number)?: String(number)
        case .double(let number)?: String(number)
        case .bool(let flag)?: String(flag)
        case nil, .null?: nil
        case let other?: CanonicalJSON.string(other)
        }
    }

    static func number(_ value: JSONValue?) -> String? {
        guard let number = value?.intValue, number != 0 else { return nil }
        return String(number)
    }

    /// `[sleep, 3600]`; `nil` for null or empty.
    static func list(_ value: JSONValue?) -> String? {
        guard let items = value?.arrayValue, !items.isEmpty else { return nil }
        return "[" + items.map { $0.stringValue ?? CanonicalJSON.string($0) }.joined(separator: ", ") + "]"
    }

    /// Sorted and comma-separated; `nil` for none.
    static func set(_ items: Set<String>) -> String? {
        items.isEmpty ? nil : items.sorted().joined(separator: ", ")
    }

    /// Nanoseconds as compose writes durations (`30s`, `1m30s`, `500ms`); `nil` for 0.
    static func duration(_ value: JSONValue?) -> String? {
        guard let nanoseconds = value?.intValue, nanoseconds != 0 else { return nil }
        if nanoseconds % 1_000_000_000 != 0 { return "\(nanoseconds / 1_000_000)ms" }
        let seconds = nanoseconds / 1_000_000_000
        let (hours, minutes, rest) = (seconds / 3600, seconds % 3600 / 60, seconds % 60)
        return (hours > 0 ? "\(hours)h" : "") + (minutes > 0 ? "\(minutes)m" : "") + (rest > 0 || seconds == 0 ? "\(rest)s" : "")
    }

    /// Bytes as compose writes sizes (`64m`, `1g`); `nil` for 0.
    static func bytes(_ value: JSONValue?) -> String? {
        guard let bytes = value?.intValue, bytes > 0 else { return nil }
        for (unit, size) in [("g", 1 << 30), ("m", 1 << 20), ("k", 1 << 10)] where bytes % size == 0 {
            return "\(bytes / size)\(unit)"
        }
        return "\(bytes)b"
    }

    /// `KEY=VALUE` entries as a dictionary (a bare `KEY` has an empty value).
    static func environment(_ value: JSONValue?) -> [String: String] {
        var result: [String: String] = [:]
        for entry in value?.arrayValue?.compactMap(\.stringValue) ?? [] {
            if let equals = entry.firstIndex(of: "=") {
                result[String(entry[..<equals])] = String(entry[entry.index(after: equals)...])
            } else {
                result[entry] = ""
            }
        }
        return result
    }

    /// The reference with Docker Hub's defaults spelled out, so `nginx`
    /// and `docker.io/library/nginx:latest` compare equal.
    static func canonicalImage(_ reference: String) -> String {
        (try? ImageReference(parsing: reference))?.canonical ?? reference
    }
}
