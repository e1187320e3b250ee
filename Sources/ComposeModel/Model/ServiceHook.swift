/// One lifecycle hook of a service (compose 2.30+): a command run inside
/// the container right after it starts (`post_start`) or right before it
/// stops (`pre_stop`), as `docker exec` would run it.
public struct ServiceHook: Codable, Hashable, Sendable {
    /// When a hook runs.
    public enum Moment: String, Codable, Hashable, Sendable, CaseIterable {
        case postStart = "post_start"
        case preStop = "pre_stop"
    }

    public var command: [String]
    public var user: String?
    public var privileged: Bool
    public var workingDir: String?
    /// `KEY=VALUE` entries, sorted by key.
    public var environment: [String]

    public init(command: [String], user: String? = nil, privileged: Bool = false, workingDir: String? = nil,
                environment: [String] = []) {
        self.command = command
        self.user = user
        self.privileged = privileged
        self.workingDir = workingDir
        self.environment = environment
    }

    /// Why a service's hooks cannot be read.
    public struct DecodingError: Error, Hashable, CustomStringConvertible {
        public var description: String
    }
}

extension ServiceConfig {
    /// The service's `post_start` or `pre_stop` hooks, in order. They are
    /// kept as written (they enter the config hash like any service field)
    /// and read here, where a plan needs them.
    public func hooks(_ moment: ServiceHook.Moment) throws(ServiceHook.DecodingError) -> [ServiceHook] {
        guard let value = otherFields[moment.rawValue], value != .null else { return [] }
        func fail(_ reason: String) -> ServiceHook.DecodingError {
            ServiceHook.DecodingError(description: "service \"\(name)\": \(moment.rawValue) \(reason)")
        }
        guard let entries = value.arrayValue else { throw fail("must be a list of hooks") }
        var hooks: [ServiceHook] = []
        for (index, entry) in entries.enumerated() {
            guard let fields = entry.objectValue else { throw fail("entry \(index + 1) must be a mapping") }
            let allowed: Set<String> = ["command", "user", "privileged", "working_dir", "environment"]
            if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
                throw fail("entry \(index + 1) has an unknown key \"\(unknown)\"")
            }
            var command: [String] = []
            switch fields["command"] {
            case .string(let text)?:
                guard let words = ValueParsers.shellWords(text) else { throw fail("entry \(index + 1): unterminated quote in \"\(text)\"") }
                command = words
            case .array(let items)?:
                command = items.compactMap(\.stringValue)
                guard command.count == items.count else { throw fail("entry \(index + 1): command items must be strings") }
            default:
                throw fail("entry \(index + 1) needs a command")
            }
            guard !command.isEmpty else { throw fail("entry \(index + 1) has an empty command") }
            var environment: [String] = []
            switch fields["environment"] {
            case .object(let members)?:
                environment = members.keys.sorted().map { key in
                    members[key]?.stringValue.map { "\(key)=\($0)" } ?? members[key]?.intValue.map { "\(key)=\($0)" } ?? key
                }
            case .array(let items)?:
                environment = items.compactMap(\.stringValue).sorted()
            case nil, .null?:
                break
            default:
                throw fail("entry \(index + 1): environment must be a mapping or a list")
            }
            hooks.append(ServiceHook(command: command, user: fields["user"]?.stringValue,
                                     privileged: fields["privileged"]?.boolValue ?? false,
                                     workingDir: fields["working_dir"]?.stringValue, environment: environment))
        }
        return hooks
    }
}
