import PlanModel

/// One step of a run, for progress output: a node started, reported
/// progress (a wait's state), or finished with its status; or the run was
/// asked to stop. Codable, so `--progress json` can print one per line.
public struct ExecutionEvent: Codable, Hashable, Sendable {
    /// What happened.
    public enum Kind: String, Codable, Hashable, Sendable {
        /// The node's operation began (`time` is its start).
        case started
        /// A wait reported a change (`message`: the replicas' states).
        case progress
        /// The node ended (`status`); also sent for nodes that never ran
        /// (`skipped`, `cancelled`).
        case finished
        /// The run was cancelled (Ctrl-C): nothing new starts; in-flight
        /// operations finish or time out.
        case cancelling
    }

    public var kind: Kind
    /// The plan node; `nil` for `cancelling`.
    public var node: Int?
    /// Seconds from the start of the run (monotonic clock).
    public var time: Double
    /// The outcome, for `finished`.
    public var status: ExecutionRecord.Status?
    /// The engine call's result (a new container's id), for `finished`.
    public var result: String?
    /// The error of a failed or warned node, or the text of a `progress` event.
    public var message: String?
    /// A pull's bytes downloaded so far (`progress`), or in all (`finished`).
    public var completedBytes: Int?
    /// A pull's bytes to download, over the layers known so far (`progress`).
    public var totalBytes: Int?

    public init(kind: Kind, node: Int?, time: Double, status: ExecutionRecord.Status? = nil,
                result: String? = nil, message: String? = nil, completedBytes: Int? = nil, totalBytes: Int? = nil) {
        self.kind = kind
        self.node = node
        self.time = time
        self.status = status
        self.result = result
        self.message = message
        self.completedBytes = completedBytes
        self.totalBytes = totalBytes
    }
}
