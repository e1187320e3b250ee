/// A service's `pull_policy`, parsed: when its image is pulled.
///
/// compose's spellings: `always`, `never`, `missing` (and its synonym
/// `if_not_present`, the default), `build`, and the refresh forms `daily`,
/// `weekly` and `every_<duration>` (`every_12h`), which pull when the
/// image is absent or was last pulled longer ago than the interval.
public enum PullPolicy: Hashable, Sendable, CustomStringConvertible {
    /// Pull on every `up`.
    case always
    /// Never pull: the image must be present.
    case never
    /// Pull when the image is absent (the default).
    case missing
    /// Build the image instead of pulling it.
    case build
    /// Pull when absent or last pulled more than `seconds` ago; `spelling`
    /// is what the compose file says (`daily`, `every_12h`).
    case refresh(seconds: Double, spelling: String)

    /// Parses a `pull_policy` value; `nil` when it is not one.
    public init?(_ text: String) {
        switch text {
        case "always": self = .always
        case "never": self = .never
        case "missing", "if_not_present": self = .missing
        case "build": self = .build
        case "daily": self = .refresh(seconds: 86_400, spelling: text)
        case "weekly": self = .refresh(seconds: 7 * 86_400, spelling: text)
        default:
            guard text.hasPrefix("every_"), let interval = ValueParsers.duration(String(text.dropFirst("every_".count))),
                  interval.nanoseconds > 0 else { return nil }
            self = .refresh(seconds: interval.seconds, spelling: text)
        }
    }

    /// The compose spelling (`missing` for `if_not_present`).
    public var description: String {
        switch self {
        case .always: "always"
        case .never: "never"
        case .missing: "missing"
        case .build: "build"
        case .refresh(_, let spelling): spelling
        }
    }
}

extension ServiceConfig {
    /// The parsed `pull_policy`, `.missing` when absent. (The decoder
    /// rejects values that do not parse.)
    public var effectivePullPolicy: PullPolicy {
        pullPolicy.flatMap(PullPolicy.init) ?? .missing
    }
}
