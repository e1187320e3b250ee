import Foundation

/// Reads JSON text into a `JSONValue` without the Codable machinery: a fast
/// path for large documents (a snapshot of thousands of containers), for
/// callers that fall back to `JSONDecoder` when it declines.
///
/// It accepts only what `JSONDecoder` reads the same way into a
/// `JSONValue`, and declines (throws `Declined`) everything else — invalid
/// JSON, but also valid input whose reading it does not vouch for: numbers
/// with a fraction or an exponent or more than 18 digits, duplicate object
/// keys, unpaired UTF-16 surrogates, invalid UTF-8, a byte order mark,
/// nesting deeper than 256 levels. Callers then decode with `JSONDecoder`,
/// which gives the value or the error a user sees, so this parser never
/// needs error messages of its own.
package enum JSONValueParser {
    /// The input is not one this parser vouches for; decode it with `JSONDecoder`.
    package struct Declined: Error {
        /// Byte offset where the parser gave up, for tests.
        package var offset: Int
    }

    /// The value of `data`, or `Declined`.
    package static func parse(_ data: Data) throws(Declined) -> JSONValue {
        let result: Result<JSONValue, Declined> = data.withUnsafeBytes { raw in
            var reader = Reader(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Declined) {
                reader.skipWhitespace()
                let value = try reader.value(depth: 0)
                reader.skipWhitespace()
                guard reader.offset == reader.bytes.count else { throw Declined(offset: reader.offset) }
                return .success(value)
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    private static let maximumDepth = 256

    private struct Reader {
        let bytes: UnsafeBufferPointer<UInt8>
        var offset = 0
        /// The members of the objects being read, innermost last: each
        /// object's table is then made at its final size, once, instead of
        /// growing (and rehashing) as members come.
        private var pendingMembers: [(key: String, value: JSONValue)] = []

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        private var declined: Declined { Declined(offset: offset) }

        mutating func skipWhitespace() {
            while offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): offset += 1
                default: return
                }
            }
        }

        private mutating func expect(_ word: StaticString) throws(Declined) {
            let count = word.utf8CodeUnitCount
            guard offset + count <= bytes.count else { throw declined }
            for index in 0..<count where bytes[offset + index] != word.utf8Start[index] { throw declined }
            offset += count
        }

        mutating func value(depth: Int) throws(Declined) -> JSONValue {
            guard offset < bytes.count, depth < maximumDepth else { throw declined }
            switch bytes[offset] {
            case UInt8(ascii: "{"): return try object(depth: depth + 1)
            case UInt8(ascii: "["): return try array(depth: depth + 1)
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .null
            default: return .int(try integer())
            }
        }

        private mutating func object(depth: Int) throws(Declined) -> JSONValue {
            offset += 1
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "}") {
                offset += 1
                return .object([:])
            }
            let first = pendingMembers.count
            while true {
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: "\"") else { throw declined }
                let key = try string()
                skipWhitespace()
                guard offset < bytes.count, bytes[offset] == UInt8(ascii: ":") else { throw declined }
                offset += 1
                skipWhitespace()
                let member = try value(depth: depth)
                pendingMembers.append((key, member))
                skipWhitespace()
                guard offset < bytes.count else { throw declined }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "}") else { throw declined }
                offset += 1
                var members = [String: JSONValue](minimumCapacity: pendingMembers.count - first)
                for (key, member) in pendingMembers[first...] {
                    guard members.updateValue(member, forKey: key) == nil else { throw declined }
                }
                pendingMembers.removeSubrange(first...)
                return .object(members)
            }
        }

        private mutating func array(depth: Int) throws(Declined) -> JSONValue {
            offset += 1
            var elements: [JSONValue] = []
            skipWhitespace()
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "]") {
                offset += 1
                return .array(elements)
            }
            while true {
                skipWhitespace()
                elements.append(try value(depth: depth))
                skipWhitespace()
                guard offset < bytes.count else { throw declined }
                if bytes[offset] == UInt8(ascii: ",") {
                    offset += 1
                    continue
                }
                guard bytes[offset] == UInt8(ascii: "]") else { throw declined }
                offset += 1
                return .array(elements)
            }
        }

        /// `-?(0|[1-9][0-9]*)` of at most 18 digits (always an `Int`), not
        /// followed by a fraction or an exponent.
        private mutating func integer() throws(Declined) -> Int {
            var negative = false
            if offset < bytes.count && bytes[offset] == UInt8(ascii: "-") {
                negative = true
                offset += 1
            }
            let start = offset
            var number = 0
            while offset < bytes.count, bytes[offset] >= UInt8(ascii: "0"), bytes[offset] <= UInt8(ascii: "9") {
                number = number * 10 + Int(bytes[offset] - UInt8(ascii: "0"))
                offset += 1
            }
            let digits = offset - start
            guard digits >= 1, digits <= 18, digits == 1 || bytes[start] != UInt8(ascii: "0") else { throw declined }
            if offset < bytes.count {
                switch bytes[offset] {
                case UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): throw declined
                default: break
                }
            }
            return negative ? -number : number
        }

        /// A string starting at the opening quote.
        mutating func string() throws(Declined) -> String {
            offset += 1
            let start = offset
            var ascii = true
            // The common case: no escapes.
            while offset < bytes.count {
                let byte = bytes[offset]
                if byte == UInt8(ascii: "\"") {
                    let text = try Self.text(UnsafeBufferPointer(rebasing: bytes[start..<offset]), ascii: ascii, at: offset)
                    offset += 1
                    return text
                }
                if byte == UInt8(ascii: "\\") { break }
                if byte < 0x20 { throw declined }
                if byte >= 0x80 { ascii = false }
                offset += 1
            }
            var unescaped = Array(UnsafeBufferPointer(rebasing: bytes[start..<offset]))
            while offset < bytes.count {
                let byte = bytes[offset]
                switch byte {
                case UInt8(ascii: "\""):
                    let text = try unescaped.withUnsafeBufferPointer { buffer throws(Declined) in
                        try Self.text(buffer, ascii: ascii, at: offset)
                    }
                    offset += 1
                    return text
                case UInt8(ascii: "\\"):
                    offset += 1
                    guard offset < bytes.count else { throw declined }
                    let escape = bytes[offset]
                    offset += 1
                    switch escape {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped.append(escape)
                    case UInt8(ascii: "b"): unescaped.append(0x08)
                    case UInt8(ascii: "f"): unescaped.append(0x0C)
                    case UInt8(ascii: "n"): unescaped.append(0x0A)
                    case UInt8(ascii: "r"): unescaped.append(0x0D)
                    case UInt8(ascii: "t"): unescaped.append(0x09)
                    case UInt8(ascii: "u"):
                        var scalar = try hexQuad()
                        if scalar >= 0xD800 && scalar < 0xDC00 {
                            try expect("\\u")
                            let low = try hexQuad()
                            guard low >= 0xDC00 && low < 0xE000 else { throw declined }
                            scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                        } else if scalar >= 0xDC00 && scalar < 0xE000 {
                            throw declined
                        }
                        guard let unicode = Unicode.Scalar(scalar) else { throw declined }
                        unescaped.append(contentsOf: UTF8.encode(unicode)!)
                        if scalar >= 0x80 { ascii = false }
                    default:
                        throw declined
                    }
                default:
                    if byte < 0x20 { throw declined }
                    if byte >= 0x80 { ascii = false }
                    unescaped.append(byte)
                    offset += 1
                }
            }
            throw declined
        }

        private mutating func hexQuad() throws(Declined) -> UInt32 {
            guard offset + 4 <= bytes.count else { throw declined }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[offset]
                let digit: UInt8
                switch byte {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
                default: throw declined
                }
                value = value << 4 | UInt32(digit)
                offset += 1
            }
            return value
        }

        /// The text of UTF-8 bytes, declining invalid UTF-8.
        private static func text(_ utf8: UnsafeBufferPointer<UInt8>, ascii: Bool, at offset: Int) throws(Declined) -> String {
            if ascii { return String(decoding: utf8, as: UTF8.self) }
            var iterator = utf8.makeIterator()
            var decoder = UTF8()
            while true {
                switch decoder.decode(&iterator) {
                case .scalarValue: continue
                case .emptyInput: return String(decoding: utf8, as: UTF8.self)
                case .error: throw Declined(offset: offset)
                }
            }
        }
    }
}
