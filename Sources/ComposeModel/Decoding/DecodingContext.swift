import Foundation

/// What decoding needs besides the YAML: where relative paths start, the
/// variables for `environment: [NAME]` entries, and how to read `env_file`s.
struct DecodingContext {
    /// Absolute project directory.
    var workingDirectory: String
    /// Interpolation/resolution environment (process environment over `.env`).
    var environment: [String: String]
    /// Reads a file's text, `nil` when it does not exist.
    var readFile: (String) throws -> String?

    /// An absolute, standardized path for a compose-relative `path`.
    func absolutePath(_ path: String) -> String {
        var expanded = path
        if expanded == "~" || expanded.hasPrefix("~/") {
            let home = environment["HOME"] ?? ProcessInfo.processInfo.environment["HOME"] ?? "/root"
            expanded = home + expanded.dropFirst()
        }
        if !expanded.hasPrefix("/") {
            expanded = workingDirectory + "/" + expanded
        }
        return URL(fileURLWithPath: expanded).standardizedFileURL.path
    }
}
