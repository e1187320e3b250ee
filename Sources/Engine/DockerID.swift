/// Docker's 64-hex-digit identifiers (containers, networks, anonymous volumes).
public enum DockerID {
    /// Whether `text` is a full id: 64 lowercase hexadecimal digits.
    public static func isFullID(_ text: String) -> Bool {
        text.utf8.count == 64 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    /// The 64-hex-digit id made from four 64-bit words.
    static func make(_ words: (UInt64, UInt64, UInt64, UInt64)) -> String {
        [words.0, words.1, words.2, words.3].map { word in
            let hex = String(word, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
