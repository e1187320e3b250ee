/// A position in a compose file, for error messages.
public struct SourceLocation: Hashable, Sendable, CustomStringConvertible {
    /// The file as the user named it (relative paths stay relative).
    public var file: String
    /// 1-based line, or 0 when unknown.
    public var line: Int
    /// 1-based column, or 0 when unknown.
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String {
        line > 0 ? "\(file):\(line):\(column)" : file
    }
}

/// Why a compose project could not be loaded. Every case renders as one line
/// naming the file (and line and column for YAML problems).
public enum ComposeError: Error, Equatable, Sendable, CustomStringConvertible {
    /// No compose file was given and none of the default names exists.
    case noComposeFile(directory: String)
    /// A file could not be read.
    case unreadableFile(path: String, reason: String)
    /// A YAML syntax error.
    case syntax(SourceLocation, String)
    /// A value of the wrong type or form, an unknown key, a bad reference.
    case invalid(SourceLocation, String)
    /// A problem with the project as a whole (cycles, unknown services, names).
    case project(file: String, String)

    public var description: String {
        switch self {
        case .noComposeFile(let directory):
            return "no compose file found in \(directory) (looked for compose.yaml, compose.yml, docker-compose.yaml, docker-compose.yml); name one with -f"
        case .unreadableFile(let path, let reason):
            return "\(path): cannot read file: \(reason)"
        case .syntax(let location, let message):
            return "\(location): YAML syntax error: \(message)"
        case .invalid(let location, let message):
            return "\(location): \(message)"
        case .project(let file, let message):
            return "\(file): \(message)"
        }
    }
}
