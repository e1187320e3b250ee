import Foundation

/// The order of object members in the JSON composeplan writes (plan files,
/// canonical JSON for config hashes): keys by their UTF-8 bytes, as
/// `JSONEncoder`'s `.sortedKeys` orders them.
///
/// Every service configuration has some fifty members to sort, once for its
/// config hash and once for the plan file: ``sorted(_:)`` orders them by
/// their first eight bytes as integers (comparing the whole keys only on a
/// tie) and moves indices rather than strings, and ``precedes(_:_:)``
/// compares bytes with `memcmp` rather than walking two `String.UTF8View`s.
package enum JSONKeyOrder {
    /// Whether `lhs` sorts before `rhs`: the first differing byte decides,
    /// else the shorter key comes first.
    package static func precedes(_ lhs: String, _ rhs: String) -> Bool {
        var (lhs, rhs) = (lhs, rhs)
        return lhs.withUTF8 { left in
            rhs.withUTF8 { right in
                let common = min(left.count, right.count)
                let order = common == 0 ? 0 : memcmp(left.baseAddress!, right.baseAddress!, common)
                return order == 0 ? left.count < right.count : order < 0
            }
        }
    }

    /// `keys` in this order.
    package static func sorted(_ keys: some Collection<String>) -> [String] {
        let keys = Array(keys)
        guard keys.count > 1 else { return keys }
        let prefixes = keys.map(leadingBytes)
        var order = Array(keys.indices)
        order.sort { a, b in
            prefixes[a] != prefixes[b] ? prefixes[a] < prefixes[b] : precedes(keys[a], keys[b])
        }
        return order.map { keys[$0] }
    }

    /// The first eight UTF-8 bytes of `key`, big-endian, zero-padded: when
    /// two keys' leading bytes differ, they order the keys as the bytes do
    /// (a zero pad only ties with a zero byte, and then the keys decide).
    private static func leadingBytes(_ key: String) -> UInt64 {
        var key = key
        return key.withUTF8 { bytes in
            var value: UInt64 = 0
            for index in 0..<8 { value = value << 8 | UInt64(index < bytes.count ? bytes[index] : 0) }
            return value
        }
    }
}
