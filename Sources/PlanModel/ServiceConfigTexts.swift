import ComposeModel

/// Service configurations already written the way a plan file's
/// `serviceConfigs` holds them, for ``PlanFile/encoded(configTexts:)``.
///
/// Writing the configurations is the larger half of a plan file, and they
/// are known before the plan: the project's services. A caller that will
/// write a plan file can have them written on another core while the
/// reconciler plans (on one core). The writer takes a configuration's text
/// from here only when the configuration it writes is the same value (an
/// unchanged copy compares equal at once), and writes any other itself, so
/// the file is the same either way.
public struct ServiceConfigTexts: Sendable {
    /// Each configuration and its text, by service name.
    private var entries: [String: (config: ServiceConfig, text: [UInt8])]

    /// The texts of `configs`, written on the calling thread.
    public init(_ configs: some Sequence<ServiceConfig>) {
        var entries: [String: (config: ServiceConfig, text: [UInt8])] = [:]
        for config in configs {
            entries[config.name] = (config, Self.text(of: config))
        }
        self.entries = entries
    }

    /// No texts: the writer writes every configuration.
    public static let none = ServiceConfigTexts([])

    /// The text written for `config`, if it is the configuration written here for its service.
    func text(of config: ServiceConfig) -> [UInt8]? {
        guard let entry = entries[config.name], entry.config == config else { return nil }
        return entry.text
    }

    /// A configuration's JSON at the depth of a `serviceConfigs` member:
    /// its `ServiceConfig.jsonValue`, the value `JSONEncoder` would write
    /// (from its members, already in key order).
    static func text(of config: ServiceConfig) -> [UInt8] {
        var writer = PrettyJSONWriter(depth: 2)
        writer.object(config.jsonMembers)
        return writer.bytes
    }
}
