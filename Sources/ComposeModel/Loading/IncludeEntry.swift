/// One entry of the top-level `include`: `- path.yaml`, or
/// `{path: a.yaml | [a.yaml, b.yaml], project_directory: dir, env_file: x.env | [..]}`,
/// paths as written.
struct IncludeEntry {
    /// The files, merged in order (the first one names the project directory).
    var paths: [String]
    /// `project_directory`, when given.
    var projectDirectory: String?
    /// `env_file`, when given (replaces the project directory's `.env`).
    var envFiles: [String]?
    /// Where the entry is written, for errors.
    var location: SourceLocation

    init(_ node: ConfigNode, index: Int) throws {
        location = node.location
        let reader = NodeReader(node, path: "include[\(index)]")
        if case .scalar = node {
            paths = [try reader.string()]
            return
        }
        paths = []
        for (key, value) in try reader.mapping(allowedKeys: IncludeResolver.entryKeys, what: "include[\(index)]") {
            switch key {
            case "path": paths = try value.stringList()
            case "project_directory": projectDirectory = try value.optionalString()
            default: envFiles = try value.stringList()
            }
        }
        guard !paths.isEmpty else { throw reader.fail("an include needs a path") }
    }
}
