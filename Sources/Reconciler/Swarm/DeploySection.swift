import ComposeModel

/// A service's `deploy:` section read as Swarm reads it: the mode and
/// replicas, resources, restart policy, placement, update and rollback
/// configs, endpoint mode and service labels, each as the Engine API
/// value the docker CLI sends. A malformed value is an error naming the
/// service and the key.
struct DeploySection {
    let service: String
    private let deploy: DeployConfig?
    private var fields: [String: JSONValue] { deploy?.otherFields ?? [:] }

    /// Replicas of a replicated service (default 1); `nil` for a global one.
    let replicas: Int?
    /// `Mode`: `{"Replicated": {"Replicas": n}}` or `{"Global": {}}`.
    let mode: JSONValue
    /// `update_config.parallelism` (default 1) and `order` (default `stop-first`).
    let updateParallelism: Int
    let updateOrder: String

    init(service config: ServiceConfig) throws(ReconcileError) {
        service = config.name
        deploy = config.deploy
        let fields = config.deploy?.otherFields ?? [:]
        switch fields["mode"]?.stringValue ?? "replicated" {
        case "replicated":
            let count = config.deploy?.replicas
            replicas = count ?? 1
            mode = .object(["Replicated": .object(count.map { ["Replicas": .int($0)] } ?? [:])])
        case "global":
            if config.deploy?.replicas != nil {
                throw ReconcileError("service \(config.name): deploy.replicas can only be used with mode replicated")
            }
            replicas = nil
            mode = .object(["Global": .object([:])])
        case let other:
            throw ReconcileError("service \(config.name): deploy.mode \(other) is not supported (replicated or global)")
        }
        let update = fields["update_config"]?.objectValue ?? [:]
        updateParallelism = update["parallelism"].flatMap(Self.integer) ?? 1
        updateOrder = update["order"]?.stringValue ?? "stop-first"
    }

    /// `deploy.labels` (a mapping or a list of `key=value`).
    var labels: [String: String] {
        switch fields["labels"] {
        case .object(let members)?: return members.compactMapValues { $0.stringValue ?? $0.intValue.map(String.init) }
        case .array(let items)?:
            var labels: [String: String] = [:]
            for item in items.compactMap(\.stringValue) {
                let parts = item.split(separator: "=", maxSplits: 1).map(String.init)
                labels[parts[0]] = parts.count > 1 ? parts[1] : ""
            }
            return labels
        default: return [:]
        }
    }

    /// `deploy.endpoint_mode` (`vip` or `dnsrr`), lower-cased.
    var endpointMode: String? { fields["endpoint_mode"]?.stringValue?.lowercased() }

    /// `TaskTemplate.Resources`; `nil` without `deploy.resources`.
    var resources: JSONValue? {
        guard let resources = deploy?.resources else { return nil }
        func side(_ limits: DeployConfig.Limits?, pids: Bool) -> JSONValue? {
            guard let limits else { return nil }
            var members: [String: JSONValue] = [:]
            if let cpus = limits.cpus, let value = Double(cpus) { members["NanoCPUs"] = .int(Int((value * 1e9).rounded())) }
            if let memory = limits.memory { members["MemoryBytes"] = .int(memory.bytes) }
            if pids, let count = limits.pids { members["Pids"] = .int(count) }
            return .object(members)
        }
        var members: [String: JSONValue] = [:]
        if let limits = side(resources.limits, pids: true) { members["Limits"] = limits }
        if let reservations = side(resources.reservations, pids: false) { members["Reservations"] = reservations }
        return .object(members)
    }

    /// `TaskTemplate.RestartPolicy` from `deploy.restart_policy`, else from
    /// the service's `restart:` (`always`/`unless-stopped`: any,
    /// `on-failure[:n]`), else `nil` (Swarm's default: any).
    func restartPolicy(fallback restart: String?) throws(ReconcileError) -> JSONValue? {
        if let policy = fields["restart_policy"] {
            guard let members = policy.objectValue else { throw invalid("restart_policy", "a mapping") }
            var result: [String: JSONValue] = [:]
            if let condition = members["condition"]?.stringValue {
                guard ["none", "on-failure", "any"].contains(condition) else { throw invalid("restart_policy.condition", "none, on-failure or any") }
                result["Condition"] = .string(condition)
            }
            if let delay = members["delay"] { result["Delay"] = .int(try duration(delay, "restart_policy.delay")) }
            if let attempts = members["max_attempts"] {
                guard let count = Self.integer(attempts), count >= 0 else { throw invalid("restart_policy.max_attempts", "a number") }
                result["MaxAttempts"] = .int(count)
            }
            if let window = members["window"] { result["Window"] = .int(try duration(window, "restart_policy.window")) }
            return .object(result)
        }
        guard let restart, !restart.isEmpty else { return nil }
        let parts = restart.split(separator: ":", maxSplits: 1).map(String.init)
        let attempts = parts.count > 1 ? Int(parts[1]).flatMap { $0 > 0 ? $0 : nil } : nil
        switch parts[0] {
        case "no": return nil
        case "always", "unless-stopped":
            return .object(["Condition": .string("any")].merging(attempts.map { ["MaxAttempts": .int($0)] } ?? [:]) { $1 })
        case "on-failure":
            return .object(["Condition": .string("on-failure")].merging(attempts.map { ["MaxAttempts": .int($0)] } ?? [:]) { $1 })
        default: throw ReconcileError("service \(service): restart \(restart) is not a restart policy")
        }
    }

    /// `TaskTemplate.Placement`: constraints, spread preferences and the
    /// maximum replicas per node.
    var placement: JSONValue? {
        guard let placement = fields["placement"]?.objectValue else { return nil }
        var members: [String: JSONValue] = [:]
        if let constraints = placement["constraints"]?.arrayValue {
            members["Constraints"] = .array(constraints.filter { $0.stringValue != nil })
        }
        if let preferences = placement["preferences"]?.arrayValue {
            members["Preferences"] = .array(preferences.compactMap { preference in
                preference["spread"]?.stringValue.map { .object(["Spread": .object(["SpreadDescriptor": .string($0)])]) }
            })
        }
        if let maximum = placement["max_replicas_per_node"].flatMap(Self.integer) { members["MaxReplicas"] = .int(maximum) }
        return .object(members)
    }

    /// `UpdateConfig` from `deploy.update_config`.
    var updateConfig: JSONValue? {
        get throws(ReconcileError) { try rolloutConfig("update_config") }
    }

    /// `RollbackConfig` from `deploy.rollback_config`.
    var rollbackConfig: JSONValue? {
        get throws(ReconcileError) { try rolloutConfig("rollback_config") }
    }

    /// An update or rollback config as the docker CLI converts it:
    /// parallelism 1 unless given, the other fields as written.
    private func rolloutConfig(_ key: String) throws(ReconcileError) -> JSONValue? {
        guard let value = fields[key] else { return nil }
        guard let members = value.objectValue else { throw invalid(key, "a mapping") }
        var result: [String: JSONValue] = ["Parallelism": .int(members["parallelism"].flatMap(Self.integer) ?? 1)]
        if let delay = members["delay"] { result["Delay"] = .int(try duration(delay, "\(key).delay")) }
        if let monitor = members["monitor"] { result["Monitor"] = .int(try duration(monitor, "\(key).monitor")) }
        if let action = members["failure_action"]?.stringValue {
            guard ["pause", "continue", "rollback"].contains(action) else { throw invalid("\(key).failure_action", "pause, continue or rollback") }
            result["FailureAction"] = .string(action)
        }
        if let ratio = members["max_failure_ratio"]?.doubleValue ?? members["max_failure_ratio"]?.stringValue.flatMap(Double.init) {
            result["MaxFailureRatio"] = .double(ratio)
        }
        if let order = members["order"]?.stringValue {
            guard ["stop-first", "start-first"].contains(order) else { throw invalid("\(key).order", "stop-first or start-first") }
            result["Order"] = .string(order)
        }
        return .object(result)
    }

    private func duration(_ value: JSONValue, _ key: String) throws(ReconcileError) -> Int {
        if let seconds = value.doubleValue { return Int(seconds * 1e9) }
        guard let text = value.stringValue, let parsed = ValueParsers.duration(text) else { throw invalid(key, "a duration") }
        return Int(parsed.nanoseconds)
    }

    private func invalid(_ key: String, _ expected: String) -> ReconcileError {
        ReconcileError("service \(service): deploy.\(key) must be \(expected)")
    }

    private static func integer(_ value: JSONValue) -> Int? {
        value.intValue ?? value.stringValue.flatMap { Int($0) }
    }
}
