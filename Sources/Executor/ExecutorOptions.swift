import Foundation
import PlanModel

/// How the executor runs a plan.
public struct ExecutorOptions: Sendable {
    /// The most nodes in flight at once (`--parallel N`); `nil`: unbounded.
    public var parallelism: Int?
    /// How often a `WaitCondition` inspects the replicas it waits for.
    public var pollInterval: Duration
    /// After a cancellation (Ctrl-C), how long in-flight engine calls may
    /// still take before they are cancelled too (and their nodes recorded as
    /// `cancelled`). Waits stop at once.
    public var cancellationGracePeriod: Duration
    /// The expected duration of a node, in seconds: with a parallelism bound,
    /// ready nodes on the longest remaining chain start first. Defaults to
    /// costs measured on Docker Engine 20.10.
    public var estimatedDuration: @Sendable (PlanNode) -> Double
    /// The environment registry credentials are resolved from
    /// (`DOCKER_CONFIG`, `HOME`, and `PATH` for credential helpers).
    public var environment: [String: String]

    public init(parallelism: Int? = nil, pollInterval: Duration = .milliseconds(500),
                cancellationGracePeriod: Duration = .seconds(30),
                estimatedDuration: @escaping @Sendable (PlanNode) -> Double = ExecutorOptions.typicalDuration,
                environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
        self.parallelism = parallelism.map { max(1, $0) }
        self.pollInterval = pollInterval
        self.cancellationGracePeriod = cancellationGracePeriod
        self.estimatedDuration = estimatedDuration
    }

    /// Typical seconds per operation against Docker Engine 20.10.
    @Sendable public static func typicalDuration(_ node: PlanNode) -> Double {
        switch node.type {
        case .startContainer: 0.35
        case .removeNetwork: 0.18
        case .stopContainer: 0.5
        case .createNetwork: 0.08
        case .createContainer: 0.04
        case .connectNetwork, .disconnectNetwork, .removeContainer: 0.03
        case .createVolume, .removeVolume, .renameContainer: 0.005
        case .waitCondition: 1.0
        case .runHook: 0.2
        case .pullImage: 5.0
        case .buildImage: 20.0
        case .createService, .updateService: 0.1
        case .removeService: 0.05
        case .createSecret, .createConfig, .removeSecret, .removeConfig: 0.01
        case .waitConverged: 3.0
        }
    }
}
