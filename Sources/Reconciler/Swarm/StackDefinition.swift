import ComposeModel
import DockerModel
import PlanModel

/// What `docker stack deploy` would create from a project: the stack's
/// networks, secrets, configs and services, each with the Engine API body
/// that creates it. Made by ``StackConverter``; the stack reconciler
/// compares it with a ``StackState`` (DockerModel).
public struct StackDefinition: Hashable, Sendable {
    /// The stack's name: the project's name. Objects are named
    /// `<stack>_<key>` unless the files give a `name:`.
    public var stack: String
    /// The networks the services use, by Swarm name.
    public var networks: [String: StackNetwork]
    /// Secrets and configs the services use, by compose key.
    public var secrets: [String: StackFileObject]
    public var configs: [String: StackFileObject]
    /// The services, by compose name.
    public var services: [String: StackService]
    /// Compose keys Swarm ignores, one line per service, as the docker CLI
    /// warns about them.
    public var warnings: [String]
}

/// A network of a stack.
public struct StackNetwork: Hashable, Sendable {
    /// The Swarm name (`demo_default`).
    public var name: String
    /// Declared `external: true`: must exist, never created.
    public var external: Bool
    /// The `POST /networks/create` body (overlay unless the files say).
    public var request: JSONValue
}

/// A secret or a config of a stack: its content and the body that creates it.
public struct StackFileObject: Hashable, Sendable {
    /// The compose key (`db_password`).
    public var key: String
    /// The Swarm name the docker CLI gives it (`demo_db_password`, or the
    /// files' `name:`). A changed content gets a versioned name: see
    /// ``versionedName``.
    public var name: String
    /// Declared `external: true`: must exist, never created.
    public var external: Bool
    /// SHA-256 (hex) of the content; empty for an external object.
    public var digest: String
    /// The content, base64 (the API's `Data`); empty for an external object.
    public var data: String

    /// The name of the version holding this content when the plain name
    /// holds another one: `<name>-<first 12 hex digits of the digest>`.
    public var versionedName: String { "\(name)-\(digest.prefix(12))" }

    /// The `POST /secrets/create` or `/configs/create` body for `name`.
    public func request(named name: String, stack: String) -> JSONValue {
        .object([
            "Name": .string(name),
            "Labels": .object([StackLabel.namespace: .string(stack), StackLabel.contentDigest: .string(digest)]),
            "Data": .string(data),
        ])
    }
}

/// A service of a stack.
public struct StackService: Hashable, Sendable {
    /// The compose name (`web`).
    public var key: String
    /// The Swarm name (`demo_web`).
    public var name: String
    /// The image as the files name it (the `com.docker.stack.image` label).
    public var image: String
    /// Replicas of a replicated service; `nil` for a global one.
    public var replicas: Int?
    /// The networks (Swarm names), secrets and configs (compose keys) it uses.
    public var networks: [String]
    public var secrets: [String]
    public var configs: [String]
    /// `update_config`: tasks replaced at a time (0: all) and the order.
    public var updateParallelism: Int
    public var updateOrder: String
    /// The `ServiceSpec`, with secret and config references by the names
    /// the docker CLI gives them; ``spec(renaming:)`` puts other versions in.
    public var spec: JSONValue

    /// The spec with the secret and config references of `names` (the
    /// plain Swarm name → the version to use) renamed.
    public func spec(renaming names: [String: String]) -> JSONValue {
        guard !names.isEmpty, case .object(var root) = spec, case .object(var template)? = root["TaskTemplate"],
              case .object(var container)? = template["ContainerSpec"] else { return spec }
        for (field, nameKey) in [("Secrets", "SecretName"), ("Configs", "ConfigName")] {
            guard case .array(let references)? = container[field] else { continue }
            container[field] = .array(references.map { reference in
                guard case .object(var members) = reference, let name = members[nameKey]?.stringValue,
                      let renamed = names[name] else { return reference }
                members[nameKey] = .string(renamed)
                return .object(members)
            })
        }
        template["ContainerSpec"] = .object(container)
        root["TaskTemplate"] = .object(template)
        return .object(root)
    }
}

