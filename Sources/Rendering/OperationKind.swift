import PlanModel

/// What an operation does, as the diagram tells it at a glance: each kind
/// has its own shape and colour (``DiagramPalette``).
public enum OperationKind: String, Sendable, Hashable, CaseIterable, Comparable {
    /// A new network, volume or container (`CreateContainer` other than a replacement).
    case create
    /// The new container of a recreate (a `CreateContainer` that
    /// ``PlanNode/isReplacement``).
    case replace
    case start
    case stop
    /// A removed container, network or volume.
    case remove
    case rename
    case connect
    case disconnect
    case wait
    /// A lifecycle hook run in a container (`RunHook`).
    case hook
    /// An image pulled from its registry (`PullImage`).
    case pull
    /// An image built (`BuildImage`).
    case build
    /// A Swarm service moved to a new spec (`UpdateService`): its tasks
    /// are replaced in rolling waves.
    case update

    /// The kind of `node`'s operation.
    public init(_ node: PlanNode) {
        switch node.type {
        case .createNetwork, .createVolume, .createService, .createSecret, .createConfig: self = .create
        case .createContainer: self = node.isReplacement ? .replace : .create
        case .startContainer: self = .start
        case .stopContainer: self = .stop
        case .removeContainer, .removeNetwork, .removeVolume, .removeService, .removeSecret, .removeConfig: self = .remove
        case .renameContainer: self = .rename
        case .connectNetwork: self = .connect
        case .disconnectNetwork: self = .disconnect
        case .waitCondition, .waitConverged: self = .wait
        case .runHook: self = .hook
        case .pullImage: self = .pull
        case .buildImage: self = .build
        case .updateService: self = .update
        }
    }

    /// The word shown in the legend.
    public var title: String {
        switch self {
        case .create: "create"
        case .replace: "replace (create new)"
        case .start: "start"
        case .stop: "stop"
        case .remove: "remove"
        case .rename: "rename"
        case .connect: "connect network"
        case .disconnect: "disconnect network"
        case .wait: "wait for condition"
        case .hook: "run hook"
        case .pull: "pull image"
        case .build: "build image"
        case .update: "update service (rolling)"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
