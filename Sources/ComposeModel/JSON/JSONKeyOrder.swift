import Foundation

/// The order of object members in the JSON composeplan writes (plan files,
/// canonical JSON for config hashes): keys by their UTF-8 bytes, as
/// `JSONEncoder`'s `.sortedKeys` orders them.
///
/// Every service configuration has some fifty members to sort, once for its
/// config hash and once for the plan file; comparing the bytes with
/// `memcmp` is several times faster than walking two `String.UTF8View`s.
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
}
