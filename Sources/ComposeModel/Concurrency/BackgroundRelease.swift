import Dispatch

/// Frees large values on a background thread instead of the caller's.
///
/// Freeing a tree of tens of thousands of nodes (a parsed compose file, the
/// reconciler's working tables) takes milliseconds that the caller, on the
/// critical path of a plan, need not wait for. A value handed here is no
/// longer the caller's: it is dropped on a utility queue, where its memory
/// is freed once nothing else holds it. Only for values nothing else
/// mutates: refcounts are atomic, but a `deinit` runs on that queue.
package enum BackgroundRelease {
    private static let queue = DispatchQueue(label: "composeplan.background-release", qos: .utility)

    /// Ends the caller's ownership of `value`; it is freed on a background thread.
    package static func release<Value>(_ value: consuming Value) {
        let box = Box(value)
        queue.async { withExtendedLifetime(box) {} }
    }

    /// The value in transit. Nothing reads it: it only travels to the
    /// queue, where it is dropped, hence `@unchecked`.
    private final class Box<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: consuming Value) { self.value = value }
    }
}
