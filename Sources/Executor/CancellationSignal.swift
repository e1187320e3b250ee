import Foundation

/// Carries a cancellation request from the caller's task (Ctrl-C) to the
/// scheduler, which runs in its own task so that in-flight engine calls are
/// not cancelled with it: a flag checked before each launch, and a stream
/// that wakes the scheduler up.
final class CancellationSignal: @unchecked Sendable {
    private let lock = NSLock()
    private var cancelled = false
    let stream: AsyncStream<Void>
    private let continuation: AsyncStream<Void>.Continuation

    init() {
        (stream, continuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    var isCancelled: Bool {
        lock.lock()
        defer { lock.unlock() }
        return cancelled
    }

    func cancel() {
        lock.lock()
        let first = !cancelled
        cancelled = true
        lock.unlock()
        if first {
            continuation.yield()
            continuation.finish()
        }
    }

    /// Returns when `cancel()` is called — or when the waiting task is cancelled.
    func wait() async -> Bool {
        for await _ in stream { return true }
        return isCancelled
    }
}
