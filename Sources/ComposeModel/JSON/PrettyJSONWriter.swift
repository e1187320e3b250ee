import Foundation

/// Writes JSON text directly into a byte buffer, in exactly the bytes
/// `JSONEncoder.prettySorted` produces for the same value: two-space
/// indentation, `"key" : value`, empty containers as `{\n\n}` / `[\n\n]`,
/// `"`, `\`, and control characters escaped as Foundation escapes them
/// (`\b \f \n \r \t`, others `\u00xx`), slashes and non-ASCII text as they
/// are, numbers as Foundation prints them.
///
/// It exists for speed: large documents made of small fixed structs (the
/// nodes of a plan file) are written here without the Codable machinery,
/// which costs far more than the bytes. The caller writes an object's
/// members in sorted key order (byte-wise, as `JSONEncoder` sorts them);
/// `value(_:)` and `encodable(_:)` sort on their own. Nothing here checks
/// that the result is well-formed: tests compare it with `JSONEncoder`.
package struct PrettyJSONWriter {
    /// The text written so far.
    package private(set) var bytes: [UInt8]
    /// How many containers are open.
    private var depth: Int
    /// For each open container, whether it has a member or element yet.
    private var hasContent: [Bool]

    /// A writer whose first container is nested `depth` levels deep (its
    /// members are indented accordingly), for text spliced into a larger
    /// document.
    package init(depth: Int = 0, capacity: Int = 0) {
        bytes = []
        bytes.reserveCapacity(capacity)
        self.depth = depth
        hasContent = []
    }

    // MARK: Containers

    /// Opens an object; write its members with `key(_:)` and a value each.
    package mutating func beginObject() {
        bytes.append(UInt8(ascii: "{"))
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        hasContent.append(false)
    }

    /// Closes the innermost object.
    package mutating func endObject() {
        closeContainer(UInt8(ascii: "}"))
    }

    /// Opens an array; write its elements with `element()` then a value each.
    package mutating func beginArray() {
        bytes.append(UInt8(ascii: "["))
        bytes.append(UInt8(ascii: "\n"))
        depth += 1
        hasContent.append(false)
    }

    /// Closes the innermost array.
    package mutating func endArray() {
        closeContainer(UInt8(ascii: "]"))
    }

    /// Starts the next member of the innermost object: separator,
    /// indentation, the key and ` : `. A value must follow.
    package mutating func key(_ name: String) {
        separate()
        string(name)
        let separator: StaticString = " : "
        separator.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// Starts the next element of the innermost array. A value must follow.
    package mutating func element() {
        separate()
    }

    /// Appends elements of the innermost array written elsewhere: the
    /// `elementsText` of a writer made with `init(depth:)` at this
    /// writer's depth minus one that opened an array and wrote them (for
    /// arrays written in chunks on several cores).
    package mutating func elements(_ text: [UInt8]) {
        guard !text.isEmpty else { return }
        if hasContent[hasContent.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        } else {
            hasContent[hasContent.count - 1] = true
        }
        bytes.append(contentsOf: text)
    }

    /// Starts elements of the innermost array that the caller places
    /// itself right after the text written so far (see `takeBytes()`):
    /// writes the separator `elements(_:)` would write before them.
    package mutating func beginPlacedElements() {
        if hasContent[hasContent.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        } else {
            hasContent[hasContent.count - 1] = true
        }
    }

    /// The text written so far, leaving the writer empty but in the same
    /// place (depth, open containers): for a document assembled from parts,
    /// where large parts written elsewhere go between the writer's parts
    /// instead of being copied into it.
    package mutating func takeBytes() -> [UInt8] {
        defer { bytes = [] }
        return bytes
    }

    /// For a writer whose first call was `beginArray()`: the elements
    /// written since, for `elements(_:)` of another writer.
    package var elementsText: ArraySlice<UInt8> {
        bytes.dropFirst(2)
    }

    private mutating func separate() {
        if hasContent[hasContent.count - 1] {
            bytes.append(UInt8(ascii: ","))
            bytes.append(UInt8(ascii: "\n"))
        } else {
            hasContent[hasContent.count - 1] = true
        }
        writeIndent(depth)
    }

    private mutating func closeContainer(_ bracket: UInt8) {
        hasContent.removeLast()
        depth -= 1
        bytes.append(UInt8(ascii: "\n"))
        writeIndent(depth)
        bytes.append(bracket)
    }

    private mutating func writeIndent(_ level: Int) {
        // Copied from a run of spaces: appending a repeated element goes
        // byte by byte.
        let count = 2 * level
        if count <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: $0[..<count])) }
        } else {
            bytes.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
        }
    }

    private static let spaces = [UInt8](repeating: UInt8(ascii: " "), count: 128)

    // MARK: Scalars

    /// A string, quoted and escaped.
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var start = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start..<index]))
                start = index + 1
                bytes.append(UInt8(ascii: "\\"))
                switch byte {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
                case 0x08: bytes.append(UInt8(ascii: "b"))
                case 0x0C: bytes.append(UInt8(ascii: "f"))
                case 0x0A: bytes.append(UInt8(ascii: "n"))
                case 0x0D: bytes.append(UInt8(ascii: "r"))
                case 0x09: bytes.append(UInt8(ascii: "t"))
                default:
                    bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
                    bytes.append(Self.hexDigits[Int(byte >> 4)])
                    bytes.append(Self.hexDigits[Int(byte & 0x0F)])
                }
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[start...]))
        }
        bytes.append(UInt8(ascii: "\""))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// An integer.
    package mutating func int(_ number: Int) {
        if number >= 0 && number < 10 {
            bytes.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        guard number != .min else {
            bytes.append(contentsOf: String(number).utf8)
            return
        }
        // Digits written backwards into a small buffer: no String made.
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { digits in
            var rest = number.magnitude
            var start = digits.count
            repeat {
                start -= 1
                digits[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0
            if number < 0 {
                start -= 1
                digits[start] = UInt8(ascii: "-")
            }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `true` or `false`.
    package mutating func bool(_ flag: Bool) {
        // Literal text, not a shared array: no reference to retain per value.
        let text: StaticString = flag ? "true" : "false"
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// `null`.
    package mutating func null() {
        let text: StaticString = "null"
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    /// A finite number as `JSONEncoder` prints it: Swift's shortest
    /// round-trip form without a trailing `.0`.
    package mutating func double(_ number: Double) {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    // MARK: Values

    /// Any JSON value, object members sorted.
    package mutating func value(_ json: JSONValue) {
        switch json {
        case .null: null()
        case .bool(let flag): bool(flag)
        case .int(let number): int(number)
        case .double(let number): double(number)
        case .string(let text): string(text)
        case .array(let elements):
            beginArray()
            for item in elements {
                element()
                value(item)
            }
            endArray()
        case .object(let members):
            beginObject()
            for name in JSONKeyOrder.sorted(members.keys) {
                key(name)
                value(members[name]!)
            }
            endObject()
        }
    }

    /// An object whose members are already in ``JSONKeyOrder`` (as
    /// `ServiceConfig.jsonMembers` makes them): the text `value(_:)`
    /// writes for the object they form.
    package mutating func object(_ members: [(key: String, value: JSONValue)]) {
        beginObject()
        for member in members {
            key(member.key)
            value(member.value)
        }
        endObject()
    }

    /// Text already in this layout at nesting level 0 (what
    /// `JSONEncoder.prettySorted` returns for one value), re-indented to
    /// the current level. Pretty JSON has line breaks only between tokens
    /// (a string's line breaks are escaped), so indenting each line is
    /// exact; the empty line inside an empty container stays empty.
    package mutating func preformatted<Bytes: Collection<UInt8>>(_ text: Bytes) {
        guard depth > 0 else {
            bytes.append(contentsOf: text)
            return
        }
        var afterLineBreak = false
        for byte in text {
            if afterLineBreak && byte != UInt8(ascii: "\n") { writeIndent(depth) }
            bytes.append(byte)
            afterLineBreak = byte == UInt8(ascii: "\n")
        }
    }

    /// Any `Encodable` value, through `JSONEncoder.prettySorted` (for the
    /// parts of a document that are small or varied enough that Codable's
    /// cost does not matter).
    package mutating func encodable<Value: Encodable>(_ value: Value, encoder: JSONEncoder = .prettySorted) throws {
        preformatted(try encoder.encode(value))
    }

    /// Text already laid out for the current level (the `bytes` of a
    /// writer made with `init(depth:)` at this writer's depth, holding one
    /// value), appended as it is.
    package mutating func raw(_ text: [UInt8]) {
        bytes.append(contentsOf: text)
    }
}
