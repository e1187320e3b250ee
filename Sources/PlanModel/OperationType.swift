/// The atomic engine operations a plan is made of; each maps to one Docker
/// Engine API call (or, for `waitCondition`, a polling loop; for
/// `runHook`, an exec in the container).
public enum OperationType: String, Codable, Hashable, Sendable, CaseIterable, Comparable {
    case createNetwork = "CreateNetwork"
    case removeNetwork = "RemoveNetwork"
    case disconnectNetwork = "DisconnectNetwork"
    case connectNetwork = "ConnectNetwork"
    case createVolume = "CreateVolume"
    case removeVolume = "RemoveVolume"
    case createContainer = "CreateContainer"
    case startContainer = "StartContainer"
    case stopContainer = "StopContainer"
    case removeContainer = "RemoveContainer"
    case renameContainer = "RenameContainer"
    case waitCondition = "WaitCondition"
    /// A service's lifecycle hook run in its container (`post_start` after
    /// a start, `pre_stop` before a stop).
    case runHook = "RunHook"
    /// Pulls an image from its registry (`POST /images/create`); resource
    /// `image:<reference>`.
    case pullImage = "PullImage"
    /// Builds an image with the classic builder (`POST /build`); resource
    /// `image:<name>`.
    case buildImage = "BuildImage"
    /// Creates a Swarm service (`POST /services/create`); resource
    /// `service:<stack>_<name>`.
    case createService = "CreateService"
    /// Updates a Swarm service to a new spec at the version index it was
    /// observed with (`POST /services/{id}/update`).
    case updateService = "UpdateService"
    /// Removes a Swarm service (`DELETE /services/{id}`).
    case removeService = "RemoveService"
    /// Creates a Swarm secret; resource `secret:<name>`. Secrets are
    /// immutable: changed content is a new object under a new name.
    case createSecret = "CreateSecret"
    /// Creates a Swarm config; resource `config:<name>`. Immutable too.
    case createConfig = "CreateConfig"
    /// Removes a Swarm secret.
    case removeSecret = "RemoveSecret"
    /// Removes a Swarm config.
    case removeConfig = "RemoveConfig"
    /// Waits until every task of a service runs its current spec at the
    /// desired count (a polling loop, as `docker service create
    /// --detach=false` waits).
    case waitConverged = "WaitConverged"

    /// The name used in the plan text format.
    public var name: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
