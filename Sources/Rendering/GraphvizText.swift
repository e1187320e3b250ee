/// Turns plain text into Graphviz attribute values that Graphviz shows
/// literally, whatever the text holds.
///
/// Graphviz reads escapes in labels (`\N`, `\G`, `\l`, `\\`, …) and keeps
/// character entities (`&amp;`, `&#0;`) as they are when writing SVG; it
/// escapes `<`, `>` and quotes itself. So the text's own `&` becomes
/// `&amp;` (which Graphviz shows as `&`), its backslashes are escaped, and
/// characters that XML forbids (control characters) are replaced.
enum GraphvizText {
    /// A plain (non-HTML) label from lines, centred.
    static func label(_ lines: [String]) -> String {
        lines.map { escapeLabelLine($0) }.joined(separator: "\\n")
    }

    /// A plain label from lines, each one left-justified.
    static func leftJustifiedLabel(_ lines: [String]) -> String {
        lines.map { escapeLabelLine($0) + "\\l" }.joined()
    }

    /// A tooltip from lines. Graphviz turns `\n` into a line break in SVG
    /// tooltips but has no escape for a backslash there, so backslashes are
    /// shown as `⧵` (U+29F5).
    static func tooltip(_ lines: [String]) -> String {
        lines.map { line in
            var result = ""
            for character in cleaned(line) {
                switch character {
                case "&": result += "&amp;"
                case "\\": result += "\u{29F5}"
                default: result.append(character)
                }
            }
            return result
        }.joined(separator: "\\n")
    }

    static func escapeLabelLine(_ line: String) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count)
        for character in cleaned(line) {
            switch character {
            case "&": result += "&amp;"
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result
    }

    /// `text` without characters XML 1.0 cannot carry or that would break a
    /// line: control characters become `�`, line breaks become spaces.
    static func cleaned(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsReplacement) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if scalar == "\n" || scalar == "\r" || scalar == "\t" {
                scalars.append(" ")
            } else if needsReplacement(scalar) {
                scalars.append(XMLText.replacement)
            } else {
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    /// A line break or tab (which would break a label line), or a
    /// character ``XMLText`` does not allow.
    private static func needsReplacement(_ scalar: Unicode.Scalar) -> Bool {
        scalar == "\n" || scalar == "\r" || scalar == "\t" || !XMLText.isAllowed(scalar)
    }
}
