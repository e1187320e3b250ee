import PlanModel

/// The Engine API calls composeplan makes, for latency models, fault
/// injection and call logs.
public enum EngineOperation: String, Hashable, Sendable, CaseIterable, Codable {
    /// `GET /containers/json`, `/networks`, `/volumes` (one snapshot).
    case list
    case inspectContainer
    case createNetwork
    case removeNetwork
    case connectNetwork
    case disconnectNetwork
    case createVolume
    case removeVolume
    case createContainer
    case startContainer
    case unpauseContainer
    case stopContainer
    case removeContainer
    case renameContainer
    case copyFiles
    case exec
    /// `GET /images/{name}/json`.
    case inspectImage
    /// `GET /distribution/{name}/json` (the daemon asks the registry).
    case inspectDistribution
    /// `POST /images/create` (a pull).
    case pullImage
    /// `POST /build`.
    case buildImage
    /// `POST /images/create?fromSrc=-` (an import).
    case importImage
    /// Swarm: `POST /services/create`, `/services/{id}/update`, `DELETE
    /// /services/{id}`, secrets and configs, and the polls of a wait.
    case createService
    case updateService
    case removeService
    case createSecret
    case removeSecret
    case createConfig
    case removeConfig
    case inspectService

    /// The call a plan operation makes (`nil` for `WaitCondition`, which polls).
    public init?(_ type: OperationType) {
        switch type {
        case .createNetwork: self = .createNetwork
        case .removeNetwork: self = .removeNetwork
        case .disconnectNetwork: self = .disconnectNetwork
        case .connectNetwork: self = .connectNetwork
        case .createVolume: self = .createVolume
        case .removeVolume: self = .removeVolume
        case .createContainer: self = .createContainer
        case .startContainer: self = .startContainer
        case .stopContainer: self = .stopContainer
        case .removeContainer: self = .removeContainer
        case .renameContainer: self = .renameContainer
        case .waitCondition: return nil
        case .runHook: self = .exec
        case .pullImage: self = .pullImage
        case .buildImage: self = .buildImage
        case .createService: self = .createService
        case .updateService: self = .updateService
        case .removeService: self = .removeService
        case .createSecret: self = .createSecret
        case .removeSecret: self = .removeSecret
        case .createConfig: self = .createConfig
        case .removeConfig: self = .removeConfig
        case .waitConverged: return nil
        }
    }
}
