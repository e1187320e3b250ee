import ArgumentParser
import ComposeModel
import PlanModel

/// compose `up`'s flags that change which containers the project wants and
/// what the plan waits for: `--scale SERVICE=N`, `--no-deps`, `--wait`
/// (plan and up).
struct SelectionFlags: ParsableArguments {
    @Option(name: .customLong("scale"), help: ArgumentHelp("Run N containers of SERVICE, overriding scale and deploy.replicas (repeatable).", valueName: "SERVICE=N"))
    var scale: [String] = []

    @Flag(name: .customLong("no-deps"), help: "Plan only the named services, not their dependencies.")
    var noDeps = false

    @Flag(name: .customLong("wait"), help: "End the plan with waits for every started service to be running, or healthy where it has a healthcheck (bounded by --wait-timeout).")
    var wait = false

    func validate() throws {
        _ = try scales()
    }

    /// `--scale` as service → count.
    func scales() throws -> [String: Int] {
        var result: [String: Int] = [:]
        for entry in scale {
            let parts = entry.split(separator: "=", maxSplits: 1).map(String.init)
            guard parts.count == 2, !parts[0].isEmpty, let count = Int(parts[1]), count >= 0 else {
                throw ValidationError("--scale expects SERVICE=N with N a whole number, got \"\(entry)\"")
            }
            result[parts[0]] = count
        }
        return result
    }

    /// `options` with `--wait`.
    func applied(to options: PlanOptions) -> PlanOptions {
        var options = options
        if wait { options.wait = true }
        return options
    }

    /// `load` with the scale overrides and the dependency selection.
    func applied(to load: LoadOptions) -> LoadOptions {
        var load = load
        load.scales = (try? scales()) ?? [:]
        load.selectsDependencies = !noDeps
        return load
    }
}
