import ComposeModel
import Foundation

/// A service spec as the simulated manager checks and stores it: its
/// references resolved (a network by name or id, a secret or config by
/// id), then the defaults Engine 20.10 fills in.
extension SimulatedEngine {
    /// `spec` checked and stored as the manager stores it, or the
    /// daemon's refusal: no image (400), a network that does not exist
    /// (404) or is not swarm-scoped (403), a secret or config id that does
    /// not exist or names another object (400).
    func storedSpec(_ spec: JSONValue) throws -> JSONValue {
        guard case .object(var root) = spec else { throw Self.rpc(400, "InvalidArgument", "ServiceSpec must be provided") }
        guard case .object(var template)? = root["TaskTemplate"], case .object(let container)? = template["ContainerSpec"],
              let image = container["Image"]?.stringValue, !image.isEmpty else {
            throw Self.rpc(400, "InvalidArgument", "ContainerSpec: image reference must be provided")
        }
        if case .array(let attachments)? = template["Networks"] {
            template["Networks"] = .array(try attachments.map { attachment in
                guard case .object(var members) = attachment, let target = members["Target"]?.stringValue else { return attachment }
                guard let network = try findNetwork(target) else { throw EngineError.networkNotFound(target) }
                guard network.driver == "overlay" else {
                    throw EngineError(status: 403, message: "The network \(network.name) cannot be used with services. Only networks scoped to the swarm can be used, such as those created with the overlay driver.")
                }
                members["Target"] = .string(network.id)
                return .object(members)
            })
        }
        try checkReferences(container["Secrets"], idKey: "SecretID", nameKey: "SecretName", in: secrets, kind: "secret")
        try checkReferences(container["Configs"], idKey: "ConfigID", nameKey: "ConfigName", in: configs, kind: "config")
        if let mode = root["Mode"]?.objectValue, mode["Replicated"] != nil && mode["Global"] != nil {
            throw Self.rpc(400, "InvalidArgument", "only one of replicated or global mode may be set")
        }
        root["TaskTemplate"] = .object(template)
        return Self.withManagerDefaults(.object(root))
    }

    /// swarmkit's `checkSecretExistence` / `checkConfigExistence`: every
    /// reference's id must name an object of the reference's name.
    private func checkReferences(_ references: JSONValue?, idKey: String, nameKey: String,
                                 in files: [String: SimulatedSwarmFile], kind: String) throws {
        let failed = (references?.arrayValue ?? []).compactMap { reference -> String? in
            let id = reference[idKey]?.stringValue ?? ""
            let name = reference[nameKey]?.stringValue ?? ""
            guard let file = files[id], file.name == name else { return name.isEmpty ? id : name }
            return nil
        }
        guard !failed.isEmpty else { return }
        let word = failed.count == 1 ? kind : kind + "s"
        throw Self.rpc(400, "InvalidArgument", "\(word) not found: \(failed.joined(separator: ", "))")
    }

    /// What Engine 20.10 stores for what a spec leaves out, as `GET
    /// /services` returns it (without `insertDefaults`; verified on the
    /// test daemon): the `vip` endpoint mode, one replica, the `default`
    /// isolation, empty privileges, the `container` runtime, a
    /// force-update counter at 0, and in an update, rollback or restart
    /// config that was sent the zero values of its enumerations (failure
    /// action `pause`, order `stop-first`, condition `any`). Configs that
    /// were not sent stay absent; the simulation applies Swarm's defaults
    /// for them when it uses them (a restart 5 s after a failure, one task
    /// at a time).
    static func withManagerDefaults(_ spec: JSONValue) -> JSONValue {
        guard case .object(var root) = spec else { return spec }
        for key in ["UpdateConfig", "RollbackConfig"] {
            guard case .object(var config)? = root[key] else { continue }
            if config["FailureAction"] == nil { config["FailureAction"] = "pause" }
            if config["Order"] == nil { config["Order"] = "stop-first" }
            if config["MaxFailureRatio"] == nil { config["MaxFailureRatio"] = 0 }
            root[key] = .object(config)
        }
        var endpoint = root["EndpointSpec"]?.objectValue ?? [:]
        if endpoint["Mode"] == nil { endpoint["Mode"] = "vip" }
        root["EndpointSpec"] = .object(endpoint)
        var mode = root["Mode"]?.objectValue ?? [:]
        if mode["Global"] == nil {
            var replicated = mode["Replicated"]?.objectValue ?? [:]
            if replicated["Replicas"] == nil { replicated["Replicas"] = 1 }
            mode["Replicated"] = .object(replicated)
        }
        root["Mode"] = .object(mode)
        var template = root["TaskTemplate"]?.objectValue ?? [:]
        var container = template["ContainerSpec"]?.objectValue ?? [:]
        if container["Isolation"] == nil { container["Isolation"] = "default" }
        container["Privileges"] = .object(["CredentialSpec": .null, "SELinuxContext": .null])
        template["ContainerSpec"] = .object(container)
        if case .object(var restart)? = template["RestartPolicy"] {
            if restart["Condition"] == nil { restart["Condition"] = "any" }
            if restart["MaxAttempts"] == nil { restart["MaxAttempts"] = 0 }
            template["RestartPolicy"] = .object(restart)
        }
        if template["ForceUpdate"] == nil { template["ForceUpdate"] = 0 }
        if template["Runtime"] == nil { template["Runtime"] = "container" }
        root["TaskTemplate"] = .object(template)
        return .object(root)
    }

    /// A duration field in nanoseconds as a `Duration`.
    static func nanoseconds(_ value: JSONValue?) -> Duration {
        .nanoseconds(Int64(value?.intValue ?? 0))
    }
}
