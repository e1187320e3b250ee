import Foundation

/// The patterns of a build context's `.dockerignore`, matched as the docker
/// CLI matches them (moby's `patternmatcher`):
///
/// - one pattern per line; lines starting with `#` are comments; blank
///   lines are skipped; surrounding whitespace is trimmed;
/// - a pattern is cleaned like a path (`./a//b/` is `a/b`) and a leading
///   `/` is dropped: patterns are relative to the context's root;
/// - `*` matches any run of characters except `/`, `?` one character
///   except `/`, `[…]` a class, `\` escapes the next character, and `**`
///   any number of folders (also none);
/// - `!pattern` is an exception that brings back what earlier patterns
///   excluded; the last matching pattern decides;
/// - a path is excluded when it, or one of its parent folders, matches.
public struct DockerIgnore: Hashable, Sendable {
    /// One cleaned pattern.
    public struct Pattern: Hashable, Sendable {
        /// The cleaned pattern, without its `!`.
        public var text: String
        /// `!pattern`: an exception.
        public var isException: Bool
        /// The regular expression `text` compiles to (anchored at both ends).
        var expression: String

        init(text: String, isException: Bool) {
            self.text = text
            self.isException = isException
            expression = Self.compile(text)
        }

        /// Whether `path` (relative, `/`-separated) matches.
        func matches(_ path: String) -> Bool {
            path.range(of: expression, options: .regularExpression) != nil
        }

        /// The pattern as an anchored regular expression, as moby's
        /// `Pattern.compile` writes it.
        static func compile(_ pattern: String) -> String {
            var expression = "^"
            var characters = Array(pattern)[...]
            while let character = characters.popFirst() {
                switch character {
                case "*":
                    if characters.first == "*" {
                        characters.removeFirst()
                        // `**/` is `**`.
                        if characters.first == "/" { characters.removeFirst() }
                        expression += characters.isEmpty ? ".*" : "(.*/)?"
                    } else {
                        expression += "[^/]*"
                    }
                case "?":
                    expression += "[^/]"
                case ".", "$", "+", "(", ")", "{", "}", "^", "|":
                    expression += "\\" + String(character)
                case "\\":
                    if let next = characters.popFirst() {
                        expression += "\\" + String(next)
                    } else {
                        expression += "\\\\"
                    }
                default:
                    expression += String(character)
                }
            }
            return expression + "$"
        }
    }

    /// The patterns in file order.
    public var patterns: [Pattern]

    /// Parses the contents of a `.dockerignore` file.
    public init(contents: String) {
        patterns = contents.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).compactMap { line in
            var text = line.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, !text.hasPrefix("#") else { return nil }
            var isException = false
            if text.hasPrefix("!") {
                isException = true
                text = String(text.dropFirst()).trimmingCharacters(in: .whitespaces)
            }
            if !text.isEmpty { text = Self.clean(text) }
            if text.count > 1, text.hasPrefix("/") { text.removeFirst() }
            return Pattern(text: text, isException: isException)
        }
    }

    /// The `.dockerignore` of the context folder `directory`; no patterns
    /// when it has none.
    public init(contextDirectory directory: String) throws {
        let path = (directory as NSString).appendingPathComponent(".dockerignore")
        guard FileManager.default.fileExists(atPath: path) else {
            self.init(contents: "")
            return
        }
        self.init(contents: try String(contentsOfFile: path, encoding: .utf8))
    }

    /// Whether `path` (relative to the context, `/`-separated) is left out
    /// of the context: the last pattern matching it or one of its parent
    /// folders decides.
    public func excludes(_ path: String) -> Bool {
        let parents = path.split(separator: "/").dropLast().map(String.init)
        var excluded = false
        for pattern in patterns where pattern.isException == excluded {
            var matched = pattern.matches(path)
            if !matched {
                for depth in parents.indices {
                    if pattern.matches(parents[...depth].joined(separator: "/")) {
                        matched = true
                        break
                    }
                }
            }
            if matched { excluded = !pattern.isException }
        }
        return excluded
    }

    /// These patterns plus the exceptions that keep the `.dockerignore` and
    /// the Dockerfile in the context even when a pattern excludes them (the
    /// builder needs both), as the docker CLI adds them.
    public func keepingBuildFiles(dockerfile: String) -> DockerIgnore {
        var result = self
        if excludes(".dockerignore") { result.patterns.append(Pattern(text: ".dockerignore", isException: true)) }
        let dockerfile = Self.clean(dockerfile)
        if excludes(dockerfile) { result.patterns.append(Pattern(text: dockerfile, isException: true)) }
        return result
    }

    /// Whether a folder can be skipped whole: it is excluded and no
    /// exception could bring back something inside it.
    public func skipsFolder(_ path: String) -> Bool {
        excludes(path) && !patterns.contains(where: \.isException)
    }

    /// `path` cleaned as Go's `filepath.Clean` does: no empty, `.` or
    /// resolvable `..` components, no trailing `/`.
    static func clean(_ path: String) -> String {
        let rooted = path.hasPrefix("/")
        var parts: [Substring] = []
        for part in path.split(separator: "/", omittingEmptySubsequences: true) {
            if part == "." { continue }
            if part == "..", let last = parts.last, last != ".." {
                parts.removeLast()
                continue
            }
            if part == "..", rooted { continue }
            parts.append(part)
        }
        let joined = parts.joined(separator: "/")
        if rooted { return "/" + joined }
        return joined.isEmpty ? "." : joined
    }
}
