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

    /// The name used in the plan text format.
    public var name: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
