import Foundation

/// Cancels a task on Ctrl-C (SIGINT) so a run stops starting new operations
/// and still writes its record; a second Ctrl-C exits at once.
enum Interrupt {
    static func cancelling<T: Sendable>(_ operation: @escaping @Sendable () async throws -> T) async throws -> T {
        let task = Task { try await operation() }
        signal(SIGINT, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        let count = Counter()
        source.setEventHandler {
            if count.increment() > 1 { exit(130) }
            Terminal.error("\ninterrupted: finishing the operations in flight (Ctrl-C again to quit now)")
            task.cancel()
        }
        source.resume()
        defer {
            source.cancel()
            signal(SIGINT, SIG_DFL)
        }
        return try await task.value
    }

    private final class Counter: @unchecked Sendable {
        private var value = 0
        private let lock = NSLock()
        func increment() -> Int {
            lock.lock()
            defer { lock.unlock() }
            value += 1
            return value
        }
    }
}
