/// Reads `.env` and `env_file` files with the dotenv rules docker compose
/// follows: `KEY=VALUE` lines, optional `export `, `#` comments (inline after
/// a space in unquoted values), single quotes literal, double quotes with
/// escapes (`\n`, `\"`, `\\`) and `${VAR}` expansion, multi-line quoted values.
public enum DotEnv {
    /// Why a dotenv file could not be read.
    public struct ParseError: Error, Equatable {
        public var line: Int
        public var message: String

        public init(line: Int, message: String) {
            self.line = line
            self.message = message
        }
    }

    /// Parses `text`, expanding `${VAR}` references with earlier keys of the
    /// file first and then `lookup`.
    public static func parse(_ text: String, lookup: @escaping (String) -> String? = { _ in nil }) throws(ParseError) -> [(key: String, value: String?)] {
        try parse(text, lookup: lookup, onUnset: { _ in })
    }

    /// Parses `text` like `parse(_:lookup:)`, calling `onUnset` with each
    /// variable a value uses while it is neither an earlier key nor known to
    /// `lookup` (it expands to a blank string, as in docker compose).
    public static func parse(_ text: String, lookup: @escaping (String) -> String?,
                             onUnset: (String) -> Void) throws(ParseError) -> [(key: String, value: String?)] {
        var result: [(key: String, value: String?)] = []
        var known: [String: String] = [:]
        let resolve: (String) -> String? = { name in known[name] ?? lookup(name) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? String($0.dropLast()) : String($0)
        }
        var index = 0
        while index < lines.count {
            let lineNumber = index + 1
            var line = Substring(lines[index])
            index += 1
            line = line.drop(while: { $0 == " " || $0 == "\t" })
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = line.dropFirst("export ".count).drop(while: { $0 == " " }) }
            guard let separator = line.firstIndex(of: "=") else {
                // A bare name: take the value from the environment, if any.
                let key = line.trimmingTrailingWhitespace()
                guard isValidKey(key) else { throw ParseError(line: lineNumber, message: "invalid variable name \"\(key)\"") }
                result.append((key, nil))
                continue
            }
            let key = String(line[..<separator]).trimmingTrailingWhitespace()
            guard isValidKey(key) else { throw ParseError(line: lineNumber, message: "invalid variable name \"\(key)\"") }
            var rest = line[line.index(after: separator)...].drop(while: { $0 == " " || $0 == "\t" })
            var value: String
            if let quote = rest.first, quote == "'" || quote == "\"" {
                rest = rest.dropFirst()
                var collected = String(rest)
                // Multi-line: keep reading until the closing quote.
                while !containsClosingQuote(collected, quote: quote) {
                    guard index < lines.count else {
                        throw ParseError(line: lineNumber, message: "unterminated quoted value for \(key)")
                    }
                    collected += "\n" + lines[index]
                    index += 1
                }
                let closing = closingQuoteIndex(collected, quote: quote)!
                let body = String(collected[..<closing])
                if quote == "'" {
                    value = body
                } else {
                    value = expand(unescape(body), resolve, onUnset)
                }
            } else {
                var raw = String(rest)
                if let comment = raw.range(of: " #") { raw = String(raw[..<comment.lowerBound]) }
                if let comment = raw.range(of: "\t#") { raw = String(raw[..<comment.lowerBound]) }
                value = expand(raw.trimmingTrailingWhitespace(), resolve, onUnset)
            }
            known[key] = value
            result.append((key, value))
        }
        return result
    }

    private static func isValidKey(_ key: String) -> Bool {
        !key.isEmpty && !key.contains(where: { $0 == " " || $0 == "\t" || $0 == "=" })
    }

    private static func containsClosingQuote(_ text: String, quote: Character) -> Bool {
        closingQuoteIndex(text, quote: quote) != nil
    }

    private static func closingQuoteIndex(_ text: String, quote: Character) -> String.Index? {
        var escaped = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if quote == "\"" && c == "\\" && !escaped {
                escaped = true
            } else {
                if c == quote && !escaped { return index }
                escaped = false
            }
            index = text.index(after: index)
        }
        return nil
    }

    private static func unescape(_ text: String) -> String {
        var output = ""
        var escaped = false
        for c in text {
            if escaped {
                switch c {
                case "n": output.append("\n")
                case "t": output.append("\t")
                case "r": output.append("\r")
                case "\"", "\\", "$": output.append(c)
                default: output.append("\\"); output.append(c)
                }
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else {
                output.append(c)
            }
        }
        if escaped { output.append("\\") }
        return output
    }

    private static func expand(_ text: String, _ resolve: @escaping (String) -> String?,
                               _ onUnset: (String) -> Void) -> String {
        let box = LookupBox(resolve)
        let interpolator = Interpolator(lookup: { name in box.resolve(name) })
        guard let result = try? interpolator.interpolate(text) else { return text }
        result.unsetVariables.forEach(onUnset)
        return result.text
    }
}

/// Lets a non-`Sendable` closure be used where `Interpolator` wants a
/// `@Sendable` one; only ever called synchronously on the parsing thread.
private final class LookupBox: @unchecked Sendable {
    let resolve: (String) -> String?
    init(_ resolve: @escaping (String) -> String?) { self.resolve = resolve }
}

extension StringProtocol {
    func trimmingTrailingWhitespace() -> String {
        var view = Substring(self)
        while let last = view.last, last == " " || last == "\t" { view = view.dropLast() }
        return String(view)
    }
}
