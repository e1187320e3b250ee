@testable import ComposeModel
import Foundation
import Testing

@Suite("Large values freed on a background thread")
struct BackgroundReleaseTests {
    /// Tells, when freed, on which thread it was.
    final class Witness: @unchecked Sendable {
        let freed: (Bool) -> Void
        init(freed: @escaping (Bool) -> Void) { self.freed = freed }
        deinit { freed(Thread.isMainThread) }
    }

    @Test("A value handed over is freed once, not on the caller's thread, and only once nothing else holds it")
    func freedElsewhere() async throws {
        let (stream, continuation) = AsyncStream.makeStream(of: Bool.self)
        // From the main thread, so "not the caller's thread" can be told.
        let kept = await MainActor.run { () -> Witness in
            let kept = Witness { continuation.yield($0) }
            let released = Witness { onMain in
                continuation.yield(onMain)
                continuation.finish()
            }
            BackgroundRelease.release((released, [1, 2, 3], "text"))
            BackgroundRelease.release(kept)
            return kept
        }
        var freed: [Bool] = []
        for await onMain in stream { freed.append(onMain) }
        // Only `released` was freed (on the queue); `kept` is still held here.
        #expect(freed == [false])
        withExtendedLifetime(kept) {}
    }
}
