import Foundation

/// Canonical JSON: object members in sorted key order (by UTF-8 bytes), no
/// insignificant whitespace, and object members whose value is absent or empty
/// (null, false, 0, "", [], {}, after pruning their own members) omitted.
///
/// This is the byte form that config hashes are computed over, so two configs
/// that mean the same thing hash the same. Array elements are never pruned:
/// `["sh", ""]` keeps its empty argument.
public enum CanonicalJSON {
    /// The canonical bytes of `value`.
    public static func data(_ value: JSONValue) -> [UInt8] {
        var output = JSONTextBuffer(capacity: 2048)
        if !writePruned(value, into: &output) { write(.null, into: &output) }
        return output.array(from: 0)
    }

    /// The canonical text of `value`.
    public static func string(_ value: JSONValue) -> String {
        String(decoding: data(value), as: UTF8.self)
    }

    /// `value` with every empty object member removed, recursively; `nil` when
    /// the value itself is empty.
    public static func pruned(_ value: JSONValue) -> JSONValue? {
        switch value {
        case .object(let members):
            var kept: [String: JSONValue] = [:]
            kept.reserveCapacity(members.count)
            for (key, member) in members {
                if let prunedMember = pruned(member) { kept[key] = prunedMember }
            }
            return kept.isEmpty ? nil : .object(kept)
        case .array(let elements):
            if elements.isEmpty { return nil }
            return .array(elements.map { element in
                if case .object = element { return pruned(element) ?? .object([:]) }
                if case .array = element { return pruned(element) ?? .array([]) }
                return element
            })
        default:
            return value.isEmptyForCanonicalJSON ? nil : value
        }
    }

    /// Writes `pruned(value)` without building it (config hashes prune
    /// thousands of service trees per plan): members are written and taken
    /// back when they turn out empty. Writes nothing and returns `false`
    /// when the value itself is empty.
    static func writePruned(_ value: JSONValue, into output: inout JSONTextBuffer) -> Bool {
        switch value {
        case .object(let members):
            return writePruned(members: JSONKeyOrder.sorted(members.keys).lazy.map { ($0, members[$0]!) }, into: &output)
        case .array(let elements):
            if elements.isEmpty { return false }
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                switch element {
                case .object: if !writePruned(element, into: &output) { output.append("{}" as StaticString) }
                case .array: if !writePruned(element, into: &output) { output.append("[]" as StaticString) }
                default: write(element, into: &output)  // array elements are never pruned
                }
            }
            output.append(UInt8(ascii: "]"))
            return true
        default:
            if value.isEmptyForCanonicalJSON { return false }
            write(value, into: &output)
            return true
        }
    }

    /// The canonical bytes of the object `members` form: `members` are
    /// already in ``JSONKeyOrder`` (as `ServiceConfig.hashedMembers` makes
    /// them), so nothing is hashed into a dictionary nor sorted again.
    static func data(members: [(key: String, value: JSONValue)]) -> [UInt8] {
        var output = JSONTextBuffer(capacity: 2048)
        if !writePruned(members: members.lazy.map { ($0.key, $0.value) }, into: &output) {
            write(.null, into: &output)
        }
        return output.array(from: 0)
    }

    /// Writes the object of `members` (in key order) pruned, as
    /// ``writePruned(_:into:)`` writes an object: empty members are passed
    /// over before their key is written, members that prune to nothing are
    /// taken back. Writes nothing and returns `false` when no member is left.
    private static func writePruned(members: some Sequence<(String, JSONValue)>, into output: inout JSONTextBuffer) -> Bool {
        let start = output.count
        output.append(UInt8(ascii: "{"))
        var written = false
        for (key, value) in members where !value.isEmptyForCanonicalJSON {
            let mark = output.count
            if written { output.append(UInt8(ascii: ",")) }
            writeString(key, into: &output)
            output.append(UInt8(ascii: ":"))
            if writePruned(value, into: &output) {
                written = true
            } else {
                output.truncate(to: mark)
            }
        }
        guard written else {
            output.truncate(to: start)
            return false
        }
        output.append(UInt8(ascii: "}"))
        return true
    }

    static func write(_ value: JSONValue, into output: inout JSONTextBuffer) {
        switch value {
        case .null:
            output.append("null" as StaticString)
        case .bool(let flag):
            output.append(flag ? "true" as StaticString : "false")
        case .int(let number):
            output.append(String(number))
        case .double(let number):
            output.append(format(number))
        case .string(let text):
            writeString(text, into: &output)
        case .array(let elements):
            output.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                write(element, into: &output)
            }
            output.append(UInt8(ascii: "]"))
        case .object(let members):
            output.append(UInt8(ascii: "{"))
            let keys = JSONKeyOrder.sorted(members.keys)
            for (index, key) in keys.enumerated() {
                if index > 0 { output.append(UInt8(ascii: ",")) }
                writeString(key, into: &output)
                output.append(UInt8(ascii: ":"))
                write(members[key]!, into: &output)
            }
            output.append(UInt8(ascii: "}"))
        }
    }

    static func format(_ number: Double) -> String {
        if number.rounded() == number && abs(number) < 1e15 { return String(Int(number)) }
        return "\(number)"
    }

    /// `text` quoted: `\b` and `\f` as `\u0008` and `\u000c` (the hash
    /// input's bytes, which config hash labels depend on).
    static func writeString(_ text: String, into output: inout JSONTextBuffer) {
        var text = text
        text.withUTF8 { output.appendQuoted($0, namingBackspaceAndFormFeed: false) }
    }
}
