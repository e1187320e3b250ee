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
///
/// The text goes into memory the writer owns (``JSONTextBuffer``), written
/// through pointers: a plan file is tens of millions of bytes in pieces of
/// a few, and an array's checks on every append cost more than the bytes.
/// A writer is not copyable, so that memory has one owner.
package struct PrettyJSONWriter: ~Copyable {
    private var buffer: JSONTextBuffer
    /// How many containers are open.
    private var depth: Int
    /// Whether the innermost open container has a member or element yet.
    private var hasContent = false
    /// `hasContent` of each enclosing open container, innermost last.
    private var enclosingHasContent: [Bool] = []

    /// A writer whose first container is nested `depth` levels deep (its
    /// members are indented accordingly), for text spliced into a larger
    /// document.
    package init(depth: Int = 0, capacity: Int = 0) {
        buffer = JSONTextBuffer(capacity: capacity)
        self.depth = depth
    }

    /// The text written so far.
    package var bytes: [UInt8] { buffer.array(from: 0) }

    // MARK: Containers

    /// Opens an object; write its members with `key(_:)` and a value each.
    package mutating func beginObject() {
        open(UInt8(ascii: "{"))
    }

    /// Closes the innermost object.
    package mutating func endObject() {
        closeContainer(UInt8(ascii: "}"))
    }

    /// Opens an array; write its elements with `element()` then a value each.
    package mutating func beginArray() {
        open(UInt8(ascii: "["))
    }

    /// Closes the innermost array.
    package mutating func endArray() {
        closeContainer(UInt8(ascii: "]"))
    }

    /// Starts the next member of the innermost object: separator,
    /// indentation, the key and ` : `. A value must follow.
    package mutating func key(_ name: StaticString) {
        separate()
        name.withUTF8Buffer { writeQuoted($0) }
        buffer.append(Self.keySeparator)
    }

    /// ``key(_:)-(StaticString)`` for a key known only at run time.
    package mutating func key(named name: String) {
        separate()
        var name = name
        name.withUTF8 { writeQuoted($0) }
        buffer.append(Self.keySeparator)
    }

    private static let keySeparator: StaticString = " : "

    /// Starts the next element of the innermost array. A value must follow.
    package mutating func element() {
        separate()
    }

    /// Starts elements of the innermost array that the caller places
    /// itself right after the text written so far (see `takeBytes()`):
    /// writes the separator that comes before them.
    package mutating func beginPlacedElements() {
        if hasContent {
            buffer.append(UInt8(ascii: ","), UInt8(ascii: "\n"))
        } else {
            hasContent = true
        }
    }

    /// The text written so far, leaving the writer empty but in the same
    /// place (depth, open containers): for a document assembled from parts,
    /// where large parts written elsewhere go between the writer's parts
    /// instead of being copied into it.
    package mutating func takeBytes() -> [UInt8] {
        defer { buffer.removeAll() }
        return buffer.array(from: 0)
    }

    /// For a writer whose first call was `beginArray()`: the elements
    /// written since, to be placed after another writer's
    /// `beginPlacedElements()` (arrays written in chunks on several cores).
    package var elementsText: ArraySlice<UInt8> {
        buffer.array(from: Swift.min(2, buffer.count))[...]
    }

    private mutating func open(_ bracket: UInt8) {
        buffer.append(bracket, UInt8(ascii: "\n"))
        depth += 1
        enclosingHasContent.append(hasContent)
        hasContent = false
    }

    private mutating func separate() {
        if hasContent {
            buffer.append(UInt8(ascii: ","), UInt8(ascii: "\n"))
        } else {
            hasContent = true
        }
        buffer.appendSpaces(2 * depth)
    }

    private mutating func closeContainer(_ bracket: UInt8) {
        hasContent = enclosingHasContent.removeLast()
        depth -= 1
        buffer.append(UInt8(ascii: "\n"))
        buffer.appendSpaces(2 * depth)
        buffer.append(bracket)
    }

    // MARK: Scalars

    /// A string, quoted and escaped.
    package mutating func string(_ text: String) {
        var text = text
        text.withUTF8 { writeQuoted($0) }
    }

    /// `utf8` quoted and escaped as Foundation's encoder escapes it.
    private mutating func writeQuoted(_ utf8: UnsafeBufferPointer<UInt8>) {
        buffer.appendQuoted(utf8, namingBackspaceAndFormFeed: true)
    }

    /// An integer.
    package mutating func int(_ number: Int) {
        if number >= 0 && number < 10 {
            buffer.append(UInt8(ascii: "0") + UInt8(number))
            return
        }
        guard number != .min else {
            buffer.append(String(number))
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
            buffer.append(UnsafeBufferPointer(rebasing: digits[start...]))
        }
    }

    /// `true` or `false`.
    package mutating func bool(_ flag: Bool) {
        let text: StaticString = flag ? "true" : "false"
        buffer.append(text)
    }

    /// `null`.
    package mutating func null() {
        buffer.append("null" as StaticString)
    }

    /// A finite number as `JSONEncoder` prints it: Swift's shortest
    /// round-trip form without a trailing `.0`.
    package mutating func double(_ number: Double) {
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.append(text)
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
                key(named: name)
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
            key(named: member.key)
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
        if depth == 0, text.withContiguousStorageIfAvailable({ buffer.append($0) }) != nil { return }
        var afterLineBreak = false
        for byte in text {
            if afterLineBreak && byte != UInt8(ascii: "\n") { buffer.appendSpaces(2 * depth) }
            buffer.append(byte)
            afterLineBreak = byte == UInt8(ascii: "\n")
        }
    }

    /// Any `Encodable` value, through `JSONEncoder.prettySorted` (for the
    /// parts of a document that are small or varied enough that Codable's
    /// cost does not matter).
    package mutating func encodable<Value: Encodable>(_ value: Value, encoder: JSONEncoder = .prettySorted) throws {
        preformatted(try encoder.encode(value))
    }
}
