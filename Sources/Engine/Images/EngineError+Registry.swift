import DockerModel
import PlanModel

/// What composeplan asked of a registry through the daemon, for messages.
public enum RegistryAction: String, Hashable, Sendable {
    /// `POST /images/create`.
    case pull
    /// `GET /distribution/{name}/json`.
    case lookUp = "look up"
}

/// The ways a registry request fails, told apart by the daemon's message.
public enum RegistryProblem: String, Hashable, Sendable {
    /// The registry has no such repository or tag (`manifest unknown`,
    /// `repository does not exist`, `name unknown`).
    case unknownImage
    /// Credentials are missing or refused (`unauthorized`, `no basic auth credentials`, `denied`).
    case unauthorized
    /// The registry could not be reached (connection refused, unknown host, timeout).
    case unreachable
}

extension EngineError {
    /// What the daemon's message says went wrong with the registry; `nil`
    /// for other failures.
    public var registryProblem: RegistryProblem? {
        let text = message.lowercased()
        if text.contains("manifest unknown") || text.contains("repository does not exist")
            || text.contains("name unknown") || text.contains("not found: manifest") {
            return .unknownImage
        }
        if text.contains("unauthorized") || text.contains("no basic auth credentials") || text.contains("authentication required")
            || text.contains("denied") {
            return .unauthorized
        }
        if text.contains("connection refused") || text.contains("no such host") || text.contains("i/o timeout")
            || text.contains("dial tcp") || text.contains("no route to host") || text.contains("server misbehaving") {
            return .unreachable
        }
        return nil
    }

    /// The daemon's error for `action` on `image`, reworded to name the
    /// image, the registry and what the problem means, keeping the daemon's
    /// own message at the end. Daemon-side failures (unreachable daemon,
    /// timeouts, cancellation) are returned unchanged.
    ///
    /// - Parameter user: the user whose credentials were sent, `nil` when none were.
    func explainingRegistryFailure(_ action: RegistryAction, image: ImageReference, user: String?) -> EngineError {
        guard status != nil else { return self }
        let registry = image.registry
        let explanation: String
        switch registryProblem {
        case .unknownImage:
            explanation = "the registry has no such repository or tag"
        case .unauthorized:
            explanation = user.map { "the registry refused the credentials of user \($0)" }
                ?? "the registry requires credentials and none are configured for \(registry) (docker login \(registry), or an auths entry in $DOCKER_CONFIG/config.json)"
        case .unreachable:
            explanation = "the registry is unreachable"
        case nil:
            explanation = ""
        }
        let head = "cannot \(action.rawValue) image \(image.familiar) \(action == .pull ? "from" : "in") registry \(registry)"
        let text = explanation.isEmpty ? "\(head): \(message)" : "\(head): \(explanation): \(message)"
        return EngineError(kind: kind, status: status, message: text)
    }
}
