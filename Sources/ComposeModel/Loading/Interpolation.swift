/// Compose variable interpolation: `$VAR`, `${VAR}`, `${VAR:-default}`,
/// `${VAR-default}`, `${VAR:?error}`, `${VAR?error}`, `${VAR:+alt}`,
/// `${VAR+alt}`, nested defaults (`${A:-${B}}`) and `$$` for a literal `$`.
public struct Interpolator: Sendable {
    /// Looks a variable up; `nil` when it is not set.
    public let lookup: @Sendable (String) -> String?

    public init(lookup: @escaping @Sendable (String) -> String?) {
        self.lookup = lookup
    }

    /// Why a template could not be interpolated.
    public enum Failure: Error, Equatable {
        /// `${VAR:?message}` or `${VAR?message}` with the variable missing.
        case missingRequired(variable: String, message: String)
        /// `${` without a valid closing form.
        case malformed(String)
    }

    /// The result of interpolating one value.
    public struct Result: Equatable {
        public var text: String
        /// Variables that were used without being set (and defaulted to "").
        public var unsetVariables: [String]
    }

    /// Interpolates `template`.
    public func interpolate(_ template: String) throws(Failure) -> Result {
        if !template.utf8.contains(UInt8(ascii: "$")) { return Result(text: template, unsetVariables: []) }
        var unset: [String] = []
        let chars = Array(template.unicodeScalars)
        var index = 0
        let text = try expand(chars, &index, stopAtBrace: false, unset: &unset)
        return Result(text: text, unsetVariables: unset)
    }

    private static func isNameStart(_ c: Unicode.Scalar) -> Bool {
        c == "_" || ("a"..."z").contains(c) || ("A"..."Z").contains(c)
    }

    private static func isNameChar(_ c: Unicode.Scalar) -> Bool {
        isNameStart(c) || ("0"..."9").contains(c)
    }

    /// Expands from `index` until the end, or until an unmatched `}` when
    /// `stopAtBrace` (then `index` points at that brace).
    private func expand(_ chars: [Unicode.Scalar], _ index: inout Int, stopAtBrace: Bool,
                        unset: inout [String]) throws(Failure) -> String {
        var output = String.UnicodeScalarView()
        while index < chars.count {
            let c = chars[index]
            if stopAtBrace && c == "}" { return String(output) }
            guard c == "$", index + 1 < chars.count else {
                output.append(c)
                index += 1
                continue
            }
            let next = chars[index + 1]
            if next == "$" {
                output.append("$")
                index += 2
            } else if Self.isNameStart(next) {
                var end = index + 1
                while end < chars.count && Self.isNameChar(chars[end]) { end += 1 }
                let name = String(String.UnicodeScalarView(chars[(index + 1)..<end]))
                if let value = lookup(name) {
                    output.append(contentsOf: value.unicodeScalars)
                } else {
                    unset.append(name)
                }
                index = end
            } else if next == "{" {
                index += 2
                output.append(contentsOf: try braced(chars, &index, unset: &unset).unicodeScalars)
            } else {
                output.append(c)
                index += 1
            }
        }
        if stopAtBrace { throw .malformed("missing closing brace") }
        return String(output)
    }

    /// Parses the inside of `${…}` starting after `${`; leaves `index` after `}`.
    private func braced(_ chars: [Unicode.Scalar], _ index: inout Int, unset: inout [String]) throws(Failure) -> String {
        let start = index
        while index < chars.count && Self.isNameChar(chars[index]) { index += 1 }
        let name = String(String.UnicodeScalarView(chars[start..<index]))
        guard !name.isEmpty, let first = name.unicodeScalars.first, Self.isNameStart(first) else {
            throw .malformed("invalid variable name after ${")
        }
        guard index < chars.count else { throw .malformed("missing closing brace in ${\(name)") }
        if chars[index] == "}" {
            index += 1
            if let value = lookup(name) { return value }
            unset.append(name)
            return ""
        }
        // Operator: one of :- - :? ? :+ +
        var colon = false
        if chars[index] == ":" {
            colon = true
            index += 1
            guard index < chars.count else { throw .malformed("missing closing brace in ${\(name)") }
        }
        let op = chars[index]
        guard op == "-" || op == "?" || op == "+" else {
            throw .malformed("invalid interpolation format for ${\(name)")
        }
        index += 1
        var nestedUnset: [String] = []
        let argument = try expand(chars, &index, stopAtBrace: true, unset: &nestedUnset)
        index += 1  // the closing brace
        let value = lookup(name)
        let missing = colon ? (value ?? "").isEmpty : value == nil
        switch op {
        case "-":
            if missing {
                unset.append(contentsOf: nestedUnset)
                return argument
            }
            return value ?? ""
        case "?":
            if missing { throw .missingRequired(variable: name, message: argument) }
            return value ?? ""
        default:  // "+"
            if missing { return "" }
            unset.append(contentsOf: nestedUnset)
            return argument
        }
    }
}
