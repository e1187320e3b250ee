import ArgumentParser
import ComposeModel

/// `--lock-timeout DURATION`: how long `apply` and `up` wait for another
/// composeplan process to release the project's lock (`30s`, `2m`, `1m30s`;
/// a bare number is seconds).
struct LockTimeout: ExpressibleByArgument {
    var duration: Duration

    init?(argument: String) {
        guard let parsed = ValueParsers.duration(argument), parsed.nanoseconds >= 0 else { return nil }
        duration = .nanoseconds(parsed.nanoseconds)
    }
}
