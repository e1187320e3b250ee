/// Hands out element ids that are unique within one diagram and safe in
/// SVG, DOT and Mermaid (`[A-Za-z0-9_.-]`).
struct IdentifierRegistry {
    private var used: Set<String> = []

    /// `base`, or `base-2`, `base-3`, … when it is taken.
    mutating func unique(_ base: String) -> String {
        if used.insert(base).inserted { return base }
        var suffix = 2
        while !used.insert("\(base)-\(suffix)").inserted { suffix += 1 }
        return "\(base)-\(suffix)"
    }

    /// `text` with every character outside `[A-Za-z0-9_.-]` replaced by `_`.
    static func sanitized(_ text: String) -> String {
        let safe = text.unicodeScalars.map { scalar -> Character in
            switch scalar {
            case "a"..."z", "A"..."Z", "0"..."9", "_", ".", "-": Character(scalar)
            default: "_"
            }
        }
        return safe.isEmpty ? "_" : String(safe)
    }
}
