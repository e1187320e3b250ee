/// Keeps values alive until the process exits.
///
/// A command's last large values (the project, the observed state and the
/// plan of a big project: hundreds of thousands of objects) would otherwise
/// be freed one by one just before `exit`, which frees the whole address
/// space at once; at 10,000 services that is tens of milliseconds of a
/// `plan` for nothing.
enum ProcessLifetime {
    private final class Holder<Value>: @unchecked Sendable {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Never frees `value` (nor what it refers to).
    static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Holder(value))
    }
}
