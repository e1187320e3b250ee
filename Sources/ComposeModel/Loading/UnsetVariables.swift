/// The variables a load used without a value and without a default, in
/// first-use order, each once: from the compose files (every file read,
/// including `extends` and `include` files), the `.env` and `include`
/// env files, and the `env_file`s of the services that are resolved.
///
/// docker compose warns at every use ("The "TIMEZONE" variable is not set.
/// Defaulting to a blank string."); composeplan warns once per variable.
/// A reference type because nested loads (`include`, `extends`) share one.
final class UnsetVariables {
    /// Names in first-use order.
    private(set) var names: [String] = []
    /// The same names, for the once-only check.
    private var seen: Set<String> = []

    /// Records `name` unless it is already recorded.
    func record(_ name: String) {
        if seen.insert(name).inserted { names.append(name) }
    }

    /// Records every name of `list`, in order.
    func record(_ list: [String]) {
        for name in list { record(name) }
    }

    /// One warning per variable.
    var warnings: [String] {
        names.map(Self.warning(for:))
    }

    /// The warning for one variable.
    static func warning(for name: String) -> String {
        "the \(name) variable is not set, defaulting to a blank string"
    }
}
