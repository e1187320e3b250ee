import Foundation

/// Makes Graphviz's SVG fit to inline in the report: drops the XML prolog,
/// doctype and comments, and, defensively, anything that could run code
/// (`<script>`, `<foreignObject>`, `on…=` handlers, `javascript:` links),
/// although Graphviz already escapes every label.
enum SVGSanitizer {
    static func inlinable(_ svg: String) -> String {
        var text = svg
        if let start = text.range(of: "<svg") { text = String(text[start.lowerBound...]) }
        text = replacing(#"<!--[\s\S]*?-->"#, in: text, with: "")
        // Graphviz writes `-` as `&#45;` (for the comments just removed).
        text = text.replacingOccurrences(of: "&#45;", with: "-")
        text = replacing(#"<(script|foreignObject)\b[\s\S]*?</\1\s*>"#, in: text, with: "")
        text = replacing(#"<(/?)(script|foreignObject)"#, in: text, with: "&lt;$1$2")
        // Event-handler attributes inside tags (one per tag per pass).
        for _ in 0..<8 {
            let next = replacing(#"(<[a-zA-Z][^>]*?)\s(on[a-zA-Z]+)\s*="#, in: text, with: "$1 data-removed-$2=")
            if next == text { break }
            text = next
        }
        text = replacing(#"(?i)javascript:"#, in: text, with: "removed:")
        return text
    }

    private static func replacing(_ pattern: String, in text: String, with template: String) -> String {
        guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]) else { return text }
        let range = NSRange(text.startIndex..., in: text)
        return expression.stringByReplacingMatches(in: text, range: range, withTemplate: template)
    }
}
