import Foundation

/// Growable memory for bytes written a few at a time (``PrettyJSONWriter``'s
/// text): appends check the capacity and copy, nothing else. Not copyable,
/// so the memory has one owner, which frees it.
struct JSONTextBuffer: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private(set) var count = 0
    private var capacity: Int

    /// Empty, with room for `capacity` bytes (at least 256).
    init(capacity: Int) {
        self.capacity = Swift.max(capacity, 256)
        start = .allocate(capacity: self.capacity)
    }

    deinit {
        start.deallocate()
    }

    /// The bytes from `offset` on, copied into an array.
    func array(from offset: Int) -> [UInt8] {
        Array(UnsafeBufferPointer(start: start + offset, count: count - offset))
    }

    /// Forgets the bytes, keeping the memory.
    mutating func removeAll() {
        count = 0
    }

    /// Forgets the bytes from `length` on (written, then taken back).
    mutating func truncate(to length: Int) {
        precondition(length >= 0 && length <= count)
        count = length
    }

    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let memory = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        memory.initialize(from: start, count: count)
        start.deallocate()
        start = memory
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        reserve(1)
        start[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ first: UInt8, _ second: UInt8) {
        reserve(2)
        start[count] = first
        start[count + 1] = second
        count += 2
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        reserve(bytes.count)
        (start + count).update(from: base, count: bytes.count)
        count += bytes.count
    }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { append($0) }
    }

    mutating func append(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    /// `utf8` as a JSON string: quoted, with `"`, `\\` and the control
    /// characters escaped, `\\n \\r \\t` by name, `\\b \\f` by name when
    /// `namingBackspaceAndFormFeed` (as Foundation's encoder writes them),
    /// every other one as `\\u00xx`. Runs of bytes that need no escape are
    /// copied at once.
    mutating func appendQuoted(_ utf8: UnsafeBufferPointer<UInt8>, namingBackspaceAndFormFeed: Bool) {
        append(UInt8(ascii: "\""))
        var start = 0
        for index in utf8.indices {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            append(UnsafeBufferPointer(rebasing: utf8[start..<index]))
            start = index + 1
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"): append(UInt8(ascii: "\\"), byte)
            case 0x0A: append(UInt8(ascii: "\\"), UInt8(ascii: "n"))
            case 0x0D: append(UInt8(ascii: "\\"), UInt8(ascii: "r"))
            case 0x09: append(UInt8(ascii: "\\"), UInt8(ascii: "t"))
            case 0x08 where namingBackspaceAndFormFeed: append(UInt8(ascii: "\\"), UInt8(ascii: "b"))
            case 0x0C where namingBackspaceAndFormFeed: append(UInt8(ascii: "\\"), UInt8(ascii: "f"))
            default:
                append(UInt8(ascii: "\\"), UInt8(ascii: "u"))
                append(UInt8(ascii: "0"), UInt8(ascii: "0"))
                append(Self.hexDigit(byte >> 4), Self.hexDigit(byte & 0x0F))
            }
        }
        append(UnsafeBufferPointer(rebasing: utf8[start...]))
        append(UInt8(ascii: "\""))
    }

    private static func hexDigit(_ value: UInt8) -> UInt8 {
        value < 10 ? UInt8(ascii: "0") + value : UInt8(ascii: "a") + value - 10
    }

    /// `count` spaces.
    @inline(__always)
    mutating func appendSpaces(_ spaces: Int) {
        guard spaces > 0 else { return }
        reserve(spaces)
        (start + count).update(repeating: UInt8(ascii: " "), count: spaces)
        count += spaces
    }
}
