import Engine
import PlanModel

/// What every node of one run shares: the engine, the project's names, the
/// options, the event sink and the run's clock.
struct ExecutionContext: Sendable {
    let engine: any ContainerEngine
    /// The Swarm manager of a stack plan (`--target swarm`); `nil` otherwise.
    var swarm: (any SwarmEngine)?
    let project: ProjectContext
    let options: ExecutorOptions
    let events: AsyncStream<ExecutionEvent>.Continuation?
    let start: ContinuousClock.Instant
    let signal: CancellationSignal
    let configHashes = ConfigHashCache()
    /// Registry credentials, resolved once per registry for the run.
    let credentials: RegistryCredentialCache
    /// Image IDs for the `com.docker.compose.image` labels.
    let images = ImageIdentities()
    /// Network ids: every call addresses a network by id.
    let networks = NetworkIdentities()
    /// Containers the plan removes (scale down, replaced, orphans): waits
    /// ignore them, as they will be gone when the plan is done.
    var removedByPlan: Set<String> = []

    /// Seconds from the start of the run.
    func seconds(at instant: ContinuousClock.Instant = .now) -> Double {
        let elapsed = instant - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func emit(_ event: ExecutionEvent) {
        events?.yield(event)
    }
}

/// What a node's operation gave: its result (a new container's or
/// network's id, a volume's name, a pulled image's ID) and, for a pull,
/// the bytes it downloaded.
struct OperationResult: Sendable {
    var value: String?
    var bytes: Int?
    /// A `WaitConverged`'s samples of the service's tasks.
    var tasks: [ExecutionRecord.TaskSample]?

    init(value: String? = nil, bytes: Int? = nil, tasks: [ExecutionRecord.TaskSample]? = nil) {
        self.tasks = tasks
        self.value = value
        self.bytes = bytes
    }
}

/// Why a node failed, worded for the record and the progress output.
struct NodeFailure: Error, CustomStringConvertible {
    var message: String
    /// The failure is the run's cancellation reaching the node.
    var isCancellation = false
    /// A `WaitConverged`'s samples of the service's tasks up to the failure.
    var tasks: [ExecutionRecord.TaskSample]?

    var description: String { message }

    init(_ message: String, isCancellation: Bool = false) {
        self.message = message
        self.isCancellation = isCancellation
    }

    /// `error` as a failure, cancellations recognised.
    init(_ error: any Error) {
        if let failure = error as? NodeFailure {
            self = failure
        } else if let engineError = error as? EngineError {
            self.init(engineError.description, isCancellation: engineError.kind == .cancelled)
        } else if error is CancellationError {
            self.init("cancelled", isCancellation: true)
        } else {
            self.init(String(describing: error))
        }
    }
}
