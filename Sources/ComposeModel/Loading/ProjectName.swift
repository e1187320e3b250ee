/// Compose's project-name rules.
public enum ProjectName {
    /// Lower-cases `raw`, keeps only `[a-z0-9_-]` and drops leading `_`/`-`
    /// so the result starts with a letter or digit; `nil` when nothing is left.
    public static func normalize(_ raw: String) -> String? {
        let kept = raw.lowercased().unicodeScalars.filter { scalar in
            ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_" || scalar == "-"
        }
        let name = String(String.UnicodeScalarView(kept)).drop(while: { $0 == "_" || $0 == "-" })
        return name.isEmpty ? nil : String(name)
    }
}
