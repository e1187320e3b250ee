import ComposeModel
import DockerModel
import Engine
import PlanModel

/// Carries out one node of a stack plan (`--target swarm`) on the Swarm
/// manager: the call its type names, with the body the reconciler put in
/// `details.swarm`. Secret and config references of a service spec get
/// their ids here, since a secret the same run creates has none before.
struct SwarmOperation: Sendable {
    let node: PlanNode
    let swarm: any SwarmEngine
    let context: ExecutionContext

    private var details: SwarmDetails { node.details.swarm ?? SwarmDetails() }

    /// Performs the call; returns the new object's id, if any.
    func perform() async throws -> String? {
        switch node.type {
        case .createNetwork:
            return try await swarm.createSwarmNetwork(try spec())
        case .removeNetwork:
            try await swarm.removeSwarmNetwork(try reference())
        case .createSecret:
            return try await swarm.createSecret(try spec())
        case .createConfig:
            return try await swarm.createConfig(try spec())
        case .removeSecret:
            try await swarm.removeSecret(try reference())
        case .removeConfig:
            try await swarm.removeConfig(try reference())
        case .createService:
            return try await swarm.createService(try await resolvingReferences(try spec()))
        case .updateService:
            guard let version = details.version else { throw missing("service version") }
            try await swarm.updateService(try reference(), version: version, spec: try await resolvingReferences(try spec()))
        case .removeService:
            try await swarm.removeService(try reference())
        default:
            throw NodeFailure("node #\(node.id) (\(node.type.name)) is not a Swarm operation")
        }
        return nil
    }

    /// The spec with the id of every secret and config it references, as
    /// Swarm requires them (the docker CLI looks them up the same way).
    func resolvingReferences(_ spec: JSONValue) async throws -> JSONValue {
        guard case .object(var root) = spec, case .object(var template)? = root["TaskTemplate"],
              case .object(var container)? = template["ContainerSpec"] else { return spec }
        for (field, nameKey, idKey) in [("Secrets", "SecretName", "SecretID"), ("Configs", "ConfigName", "ConfigID")] {
            guard case .array(let references)? = container[field] else { continue }
            var resolved: [JSONValue] = []
            for reference in references {
                guard case .object(var members) = reference, let name = members[nameKey]?.stringValue else {
                    resolved.append(reference)
                    continue
                }
                if members[idKey]?.stringValue?.isEmpty ?? true {
                    let id = field == "Secrets" ? try await swarm.secretID(named: name) : try await swarm.configID(named: name)
                    guard let id else { throw NodeFailure("\(field == "Secrets" ? "secret" : "config") \(name) does not exist") }
                    members[idKey] = .string(id)
                }
                resolved.append(.object(members))
            }
            container[field] = .array(resolved)
        }
        template["ContainerSpec"] = .object(container)
        root["TaskTemplate"] = .object(template)
        return .object(root)
    }

    private func spec() throws -> JSONValue {
        guard let spec = details.spec else { throw missing("request body") }
        return spec
    }

    /// The existing object: by id when observed, else by name.
    private func reference() throws -> String {
        if let id = details.objectID, !id.isEmpty { return id }
        if let name = node.details.name, !name.isEmpty { return name }
        throw missing("object id")
    }

    private func missing(_ what: String) -> NodeFailure {
        NodeFailure("node #\(node.id) (\(node.type.name)) lacks its \(what) in the plan")
    }
}
