/// The one rule for characters that the diagram (SVG, Graphviz labels),
/// the report (HTML, inline SVG) and the Mermaid and Markdown outputs
/// cannot hold: the control characters XML 1.0 forbids or discourages
/// (C0 except tab, line feed and carriage return; DEL; C1) and the
/// non-characters U+FFFE and U+FFFF. Each output escapes its own syntax;
/// this only decides what may appear at all.
public enum XMLText {
    /// What a character that may not appear is replaced with.
    public static let replacement: Unicode.Scalar = "\u{FFFD}"

    /// Whether `scalar` may appear in the output text.
    public static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x09, 0x0A, 0x0D: true
        case 0..<0x20, 0x7F, 0x80...0x9F, 0xFFFE, 0xFFFF: false
        default: true
        }
    }
}
