import ComposeModel
import DockerModel
import PlanModel

/// Compares the spec composeplan would send for a service with the spec
/// the Swarm manager holds, and names what differs in compose's words
/// (`image`, `replicas`, `environment`, …).
///
/// The manager stores a spec with a few values filled in (the `vip`
/// endpoint mode, one replica, the `default` isolation), network ids where
/// names were sent, secret and config ids beside their names, and an
/// image pinned to its registry digest by the docker CLI. Both sides are
/// brought to one form first: those values are filled into the desired
/// spec, ids are replaced by names, empty values
/// (which the API drops) are dropped, and lists whose order means nothing
/// are sorted. A stack deployed by `docker stack deploy` from the same
/// files therefore compares equal.
struct ServiceSpecComparison {
    /// Network id → name, for the targets the manager stores.
    let networkNames: [String: String]

    /// The fields of `desired` that `observed` does not have, in compose's
    /// words, with their values when they are short.
    func differences(desired: JSONValue, observed: JSONValue) -> [FieldChange] {
        let wanted = Self.normalized(Self.withManagerDefaults(desired))
        let actual = Self.normalized(resolvingIDs(observed, imageLike: desired))
        var changes: [FieldChange] = []
        for field in Self.fields {
            let before = field.value(actual)
            let after = field.value(wanted)
            guard before != after else { continue }
            changes.append(FieldChange(field: field.name, from: before.map(Self.text), to: after.map(Self.text)))
        }
        return changes
    }

    /// A field compared on its own: its compose name and where it sits.
    struct Field {
        let name: String
        let path: [String]

        func value(_ spec: JSONValue) -> JSONValue? {
            var current: JSONValue? = spec
            for key in path { current = current?[key] }
            return current
        }
    }

    /// The spec's fields in the order causes list them. Everything the
    /// docker CLI sets is covered; anything else under ContainerSpec,
    /// TaskTemplate or the spec falls into the last three.
    static let fields: [Field] = [
        Field(name: "image", path: ["TaskTemplate", "ContainerSpec", "Image"]),
        Field(name: "replicas", path: ["Mode", "Replicated", "Replicas"]),
        Field(name: "mode", path: ["Mode", "Global"]),
        Field(name: "command", path: ["TaskTemplate", "ContainerSpec", "Args"]),
        Field(name: "entrypoint", path: ["TaskTemplate", "ContainerSpec", "Command"]),
        Field(name: "environment", path: ["TaskTemplate", "ContainerSpec", "Env"]),
        Field(name: "labels", path: ["TaskTemplate", "ContainerSpec", "Labels"]),
        Field(name: "deploy.labels", path: ["Labels"]),
        Field(name: "secrets", path: ["TaskTemplate", "ContainerSpec", "Secrets"]),
        Field(name: "configs", path: ["TaskTemplate", "ContainerSpec", "Configs"]),
        Field(name: "volumes", path: ["TaskTemplate", "ContainerSpec", "Mounts"]),
        Field(name: "networks", path: ["TaskTemplate", "Networks"]),
        Field(name: "ports", path: ["EndpointSpec", "Ports"]),
        Field(name: "endpoint_mode", path: ["EndpointSpec", "Mode"]),
        Field(name: "resources", path: ["TaskTemplate", "Resources"]),
        Field(name: "restart_policy", path: ["TaskTemplate", "RestartPolicy"]),
        Field(name: "placement", path: ["TaskTemplate", "Placement"]),
        Field(name: "update_config", path: ["UpdateConfig"]),
        Field(name: "rollback_config", path: ["RollbackConfig"]),
        Field(name: "healthcheck", path: ["TaskTemplate", "ContainerSpec", "Healthcheck"]),
        Field(name: "logging", path: ["TaskTemplate", "LogDriver"]),
        Field(name: "container", path: ["TaskTemplate", "ContainerSpec", "x-rest"]),
        Field(name: "task", path: ["TaskTemplate", "x-rest"]),
        Field(name: "service", path: ["x-rest"]),
    ]

    /// What the manager stores for what it was not sent (Engine 20.10,
    /// without `insertDefaults`): the `default` isolation, the `vip`
    /// endpoint mode, one replica, and the zero values of enumerations
    /// (`pause`, `stop-first`, restart condition `any`) in configs that
    /// were sent. Added to the desired spec where it has none.
    static func withManagerDefaults(_ spec: JSONValue) -> JSONValue {
        guard case .object(var root) = spec else { return spec }
        for key in ["UpdateConfig", "RollbackConfig"] {
            guard case .object(var config)? = root[key] else { continue }
            if config["FailureAction"] == nil { config["FailureAction"] = .string("pause") }
            if config["Order"] == nil { config["Order"] = .string("stop-first") }
            root[key] = .object(config)
        }
        var endpoint = root["EndpointSpec"]?.objectValue ?? [:]
        if endpoint["Mode"] == nil { endpoint["Mode"] = .string("vip") }
        root["EndpointSpec"] = .object(endpoint)
        if case .object(var mode)? = root["Mode"], case .object(var replicated)? = mode["Replicated"], replicated["Replicas"] == nil {
            replicated["Replicas"] = .int(1)
            mode["Replicated"] = .object(replicated)
            root["Mode"] = .object(mode)
        }
        if case .object(var template)? = root["TaskTemplate"] {
            if case .object(var container)? = template["ContainerSpec"], container["Isolation"] == nil {
                container["Isolation"] = .string("default")
                template["ContainerSpec"] = .object(container)
            }
            if case .object(var restart)? = template["RestartPolicy"], restart["Condition"] == nil {
                restart["Condition"] = .string("any")
                template["RestartPolicy"] = .object(restart)
            }
            root["TaskTemplate"] = .object(template)
        }
        return .object(root)
    }

    /// The observed spec with network ids replaced by names, secret and
    /// config ids dropped, and the image's registry digest dropped when
    /// the desired image has none (the docker CLI pins it; the
    /// `com.docker.stack.image` label keeps the name).
    func resolvingIDs(_ spec: JSONValue, imageLike desired: JSONValue) -> JSONValue {
        guard case .object(var root) = spec, case .object(var template)? = root["TaskTemplate"] else { return spec }
        if case .array(let networks)? = template["Networks"] {
            template["Networks"] = .array(networks.map { attachment in
                guard case .object(var members) = attachment, let target = members["Target"]?.stringValue else { return attachment }
                members["Target"] = .string(networkNames[target] ?? target)
                return .object(members)
            })
        }
        if case .object(var container)? = template["ContainerSpec"] {
            for (field, idKey) in [("Secrets", "SecretID"), ("Configs", "ConfigID")] {
                guard case .array(let references)? = container[field] else { continue }
                container[field] = .array(references.map { reference in
                    guard case .object(var members) = reference else { return reference }
                    members[idKey] = nil
                    return .object(members)
                })
            }
            let wanted = desired["TaskTemplate"]?["ContainerSpec"]?["Image"]?.stringValue ?? ""
            if let image = container["Image"]?.stringValue, !wanted.contains("@"), let at = image.firstIndex(of: "@") {
                container["Image"] = .string(String(image[..<at]))
            }
            template["ContainerSpec"] = .object(container)
        }
        root["TaskTemplate"] = .object(template)
        return .object(root)
    }

    /// The comparable form: empty values dropped, unordered lists sorted,
    /// and the fields outside ``fields`` gathered under `x-rest` at their
    /// level.
    static func normalized(_ spec: JSONValue) -> JSONValue {
        guard case .object(var root) = CanonicalJSON.pruned(spec) ?? .object([:]) else { return spec }
        if case .object(var template)? = root["TaskTemplate"] {
            if case .object(var container)? = template["ContainerSpec"] {
                for key in ["Env", "Secrets", "Configs", "Mounts"] { container[key] = container[key].map(sorted) }
                let known: Set<String> = ["Image", "Args", "Command", "Env", "Labels", "Secrets", "Configs", "Mounts", "Healthcheck"]
                container = gatherRest(container, known: known)
                template["ContainerSpec"] = .object(container)
            }
            template["Networks"] = template["Networks"].map(sorted)
            template["Runtime"] = template["Runtime"] == .string("container") ? nil : template["Runtime"]
            let known: Set<String> = ["ContainerSpec", "Networks", "Resources", "RestartPolicy", "Placement", "LogDriver"]
            template = gatherRest(template, known: known)
            root["TaskTemplate"] = .object(template)
        }
        if case .object(var endpoint)? = root["EndpointSpec"] {
            endpoint["Ports"] = endpoint["Ports"].map(sorted)
            root["EndpointSpec"] = .object(endpoint)
        }
        root["Name"] = nil
        // The image label follows the image, which is compared on its own.
        if case .object(var labels)? = root["Labels"] {
            labels[StackLabel.image] = nil
            root["Labels"] = labels.isEmpty ? nil : .object(labels)
        }
        let known: Set<String> = ["Labels", "TaskTemplate", "Mode", "UpdateConfig", "RollbackConfig", "EndpointSpec"]
        return .object(gatherRest(root, known: known))
    }

    private static func gatherRest(_ members: [String: JSONValue], known: Set<String>) -> [String: JSONValue] {
        var kept: [String: JSONValue] = [:]
        var rest: [String: JSONValue] = [:]
        for (key, value) in members {
            if known.contains(key) { kept[key] = value } else { rest[key] = value }
        }
        if !rest.isEmpty { kept["x-rest"] = .object(rest) }
        return kept
    }

    private static func sorted(_ value: JSONValue) -> JSONValue {
        guard case .array(let items) = value else { return value }
        return .array(items.sorted { CanonicalJSON.string($0) < CanonicalJSON.string($1) })
    }

    /// A value as a cause shows it: strings plain, numbers plain, the rest
    /// as compact JSON.
    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let text): text
        case .int(let number): String(number)
        default: CanonicalJSON.string(value)
        }
    }
}
