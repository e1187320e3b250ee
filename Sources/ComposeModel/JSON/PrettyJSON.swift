import Foundation

extension JSONEncoder {
    /// The encoder of every JSON file composeplan writes for people and
    /// other programs (snapshots, plan files, records, hashes): indented,
    /// keys sorted so the same value always gives the same bytes.
    public static var prettySorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
