/// A fault injected into `SimulatedEngine`: calls matching an operation, a
/// target name (a container, network or volume name, or an id) and/or a
/// predicate fail with a chosen error, hang until cancelled, or take longer.
public struct SimulatedFault: Sendable {
    /// What happens to a matching call.
    public enum Effect: Sendable {
        /// After its latency, the call throws this error (the state is unchanged).
        case fail(EngineError)
        /// The call never answers; it ends only when its task is cancelled
        /// (then it throws `EngineError.Kind.cancelled`).
        case hang
        /// The call takes this much longer, then proceeds normally.
        case delay(Duration)
    }

    /// The operation to match; `nil` matches every operation.
    public var operation: EngineOperation?
    /// A name or id the call must concern; `nil` matches every target.
    public var target: String?
    /// An extra condition on the operation and the call's subjects (names and ids).
    public var predicate: (@Sendable (EngineOperation, [String]) -> Bool)?
    public var effect: Effect
    /// How many calls it affects; `nil`: all of them.
    public var remaining: Int?

    public init(operation: EngineOperation? = nil, target: String? = nil, effect: Effect, times: Int? = nil,
                where predicate: (@Sendable (EngineOperation, [String]) -> Bool)? = nil) {
        self.operation = operation
        self.target = target
        self.effect = effect
        self.remaining = times
        self.predicate = predicate
    }

    /// `operation` on `target` fails with `error` (default: a 500 "injected failure").
    public static func failing(_ operation: EngineOperation?, target: String? = nil,
                               with error: EngineError = EngineError(status: 500, message: "injected failure"),
                               times: Int? = nil) -> SimulatedFault {
        SimulatedFault(operation: operation, target: target, effect: .fail(error), times: times)
    }

    /// `operation` on `target` hangs until cancelled.
    public static func hanging(_ operation: EngineOperation?, target: String? = nil) -> SimulatedFault {
        SimulatedFault(operation: operation, target: target, effect: .hang)
    }

    func matches(_ operation: EngineOperation, subjects: [String]) -> Bool {
        if let expected = self.operation, expected != operation { return false }
        if let target, !subjects.contains(target) { return false }
        if let predicate, !predicate(operation, subjects) { return false }
        return remaining.map { $0 > 0 } ?? true
    }
}

/// How a simulated container behaves once started: when its health check
/// reports healthy (or unhealthy), and whether its process exits by itself.
public struct ContainerBehavior: Hashable, Sendable {
    /// The health a container with a health check reaches.
    public enum Health: Hashable, Sendable {
        /// `starting`, then `healthy` this long after the start.
        case healthy(after: Duration)
        /// `starting`, then `unhealthy` this long after the start.
        case unhealthy(after: Duration)
        /// `starting` for ever.
        case starting
    }

    public var health: Health
    /// The process exits with `code` this long after the start; `nil`: it runs until stopped.
    public var exit: (code: Int, after: Duration)? {
        get { exitCode.map { ($0, exitAfter) } }
        set {
            exitCode = newValue?.code
            exitAfter = newValue?.after ?? .zero
        }
    }
    private var exitCode: Int?
    private var exitAfter: Duration = .zero

    public init(health: Health = .healthy(after: .milliseconds(50)), exit: (code: Int, after: Duration)? = nil) {
        self.health = health
        self.exit = exit
    }

    /// Runs, and becomes healthy after `delay` when it has a health check.
    public static func healthy(after delay: Duration) -> ContainerBehavior { ContainerBehavior(health: .healthy(after: delay)) }

    /// Runs, and becomes unhealthy after `delay` when it has a health check.
    public static func unhealthy(after delay: Duration) -> ContainerBehavior { ContainerBehavior(health: .unhealthy(after: delay)) }

    /// Exits with `code` `delay` after it starts (a one-shot job).
    public static func exits(code: Int, after delay: Duration) -> ContainerBehavior {
        ContainerBehavior(exit: (code, delay))
    }
}

/// A call that `SimulatedEngine` rejected because a real daemon would have
/// (a name conflict, removing a running container, …). Tests assert that a
/// correct plan causes none.
public struct SimulatedViolation: Hashable, Sendable, CustomStringConvertible {
    public var operation: EngineOperation
    /// The reference or name the call was about.
    public var target: String
    public var error: EngineError

    public var description: String { "\(operation.rawValue) \(target): \(error)" }
}

/// One call made to `SimulatedEngine`, with its times on the engine's clock
/// (seconds from the engine's creation) and how it ended.
public struct SimulatedCall: Hashable, Sendable {
    public var operation: EngineOperation
    public var target: String
    public var start: Double
    public var end: Double
    /// `nil` on success.
    public var error: EngineError?
}
