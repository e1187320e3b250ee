/// Writes a `JSONValue` as block-style YAML the way docker compose prints
/// its model (`yaml.v3`, two-space indent, sequences indented under their
/// key): mappings key by key, sequences item by item, strings plain when
/// YAML would read them back as the same string and double-quoted
/// otherwise. Key order: `topLevelOrder` first at the top, then sorted.
///
/// Not a general YAML emitter: no anchors, no block scalars (a multi-line
/// string is written double-quoted with `\n` escapes).
public struct YAMLWriter {
    /// Keys written first, in this order, at the top level (compose: name,
    /// services, networks, volumes, secrets, configs).
    public var topLevelOrder: [String]

    public init(topLevelOrder: [String] = ["name", "services", "networks", "volumes", "secrets", "configs"]) {
        self.topLevelOrder = topLevelOrder
    }

    /// The YAML text of `value`, ending with a newline.
    public func write(_ value: JSONValue) -> String {
        var output = ""
        switch value {
        case .object(let members) where !members.isEmpty:
            writeMembers(members, indent: 0, topLevel: true, into: &output)
        case .array(let items) where !items.isEmpty:
            writeItems(items, indent: 0, into: &output)
        default:
            output = scalar(value) + "\n"
        }
        return output
    }

    private func orderedKeys(_ members: [String: JSONValue], topLevel: Bool) -> [String] {
        let sorted = members.keys.sorted()
        guard topLevel else { return sorted }
        let first = topLevelOrder.filter { members[$0] != nil }
        return first + sorted.filter { !topLevelOrder.contains($0) }
    }

    private func writeMembers(_ members: [String: JSONValue], indent: Int, topLevel: Bool, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for key in orderedKeys(members, topLevel: topLevel) {
            let value = members[key]!
            output += pad + Self.string(key) + ":"
            writeNested(value, indent: indent, into: &output)
        }
    }

    private func writeItems(_ items: [JSONValue], indent: Int, into output: inout String) {
        let pad = String(repeating: " ", count: indent)
        for item in items {
            switch item {
            case .object(let members) where !members.isEmpty:
                // The first member on the dash's line, the others aligned with it.
                var nested = ""
                writeMembers(members, indent: indent + 2, topLevel: false, into: &nested)
                output += pad + "- " + nested.dropFirst(indent + 2)
            case .array(let inner) where !inner.isEmpty:
                output += pad + "-\n"
                writeItems(inner, indent: indent + 2, into: &output)
            default:
                output += pad + "- " + scalar(item) + "\n"
            }
        }
    }

    /// After `key:`: a scalar on the same line, a collection below.
    private func writeNested(_ value: JSONValue, indent: Int, into output: inout String) {
        switch value {
        case .object(let members) where !members.isEmpty:
            output += "\n"
            writeMembers(members, indent: indent + 2, topLevel: false, into: &output)
        case .array(let items) where !items.isEmpty:
            output += "\n"
            writeItems(items, indent: indent + 2, into: &output)
        default:
            output += " " + scalar(value) + "\n"
        }
    }

    private func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "null"
        case .bool(let flag): return flag ? "true" : "false"
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? String(number) : (number.isNaN ? ".nan" : (number > 0 ? ".inf" : "-.inf"))
        case .string(let text): return Self.string(text)
        case .array: return "[]"
        case .object: return "{}"
        }
    }

    /// `text` plain when that reads back as the same string, else quoted.
    static func string(_ text: String) -> String {
        isPlainSafe(text) ? text : quoted(text)
    }

    /// Words YAML 1.1 or 1.2 readers take for something other than a string.
    private static let reserved: Set<String> = [
        "null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
        "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n", "N",
        ".nan", ".NaN", ".NAN", ".inf", ".Inf", ".INF", "-.inf", "-.Inf", "-.INF", "+.inf", "<<", "=",
    ]

    static func isPlainSafe(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, let last = text.unicodeScalars.last else { return false }
        if reserved.contains(text) { return false }
        if first == " " || last == " " { return false }
        if "-?:,[]{}#&*!|>'\"%@`".unicodeScalars.contains(first) {
            // `-x`, `:x`, `?x` are plain in YAML 1.2 but not in every reader: quote them.
            return false
        }
        if looksNumeric(text) { return false }
        if text.contains(": ") || text.contains(" #") || text.hasSuffix(":") { return false }
        for scalar in text.unicodeScalars where scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" {
            return false
        }
        return true
    }

    /// Numbers in any YAML 1.1/1.2 spelling (`1`, `-2.5`, `1e3`, `0x1F`,
    /// `0o17`, `1_000`, `12:30` sexagesimal) — quoted so they stay strings.
    private static func looksNumeric(_ text: String) -> Bool {
        let stripped = text.replacingOccurrences(of: "_", with: "")
        if Double(stripped) != nil { return true }
        let lower = stripped.lowercased()
        for prefix in ["0x", "0o", "0b", "+0x", "-0x"] where lower.hasPrefix(prefix) { return true }
        // Sexagesimal: digits and colons only, starting with a digit.
        if let first = text.first, first.isNumber,
           text.allSatisfy({ $0.isNumber || $0 == ":" || $0 == "." }), text.contains(":") {
            return true
        }
        return false
    }

    private static func quoted(_ text: String) -> String {
        var output = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\t": output += "\\t"
            case "\r": output += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || scalar == "\u{FEFF}" {
                    output += "\\u" + hex4(scalar.value)
                } else {
                    output.unicodeScalars.append(scalar)
                }
            }
        }
        return output + "\""
    }
}

/// Four lowercase hex digits.
private func hex4(_ value: UInt32) -> String {
    let hex = String(value, radix: 16)
    return String(repeating: "0", count: max(0, 4 - hex.count)) + hex
}
