import Rendering

/// Escaping for text that the report writes itself, outside Mustache's
/// `{{ }}`: SVG text and attributes drawn in Swift, and JSON embedded in a
/// `<script type="application/json">` element.
enum MarkupEscaping {
    /// `text` safe as XML/HTML text or as a double- or single-quoted
    /// attribute value.
    static func escaped(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default:
                result.unicodeScalars.append(XMLText.isAllowed(scalar) ? scalar : XMLText.replacement)
            }
        }
        return result
    }

    /// JSON text safe inside a `<script>` element: `<`, `>`, `&` and the
    /// JavaScript line terminators U+2028 and U+2029 become `\uXXXX`
    /// escapes (they can only occur inside JSON strings), so no value can
    /// close the element or start a comment.
    static func scriptSafeJSON(_ json: String) -> String {
        var result = ""
        result.reserveCapacity(json.utf8.count)
        for scalar in json.unicodeScalars {
            switch scalar {
            case "<": result += "\\u003c"
            case ">": result += "\\u003e"
            case "&": result += "\\u0026"
            case "\u{2028}": result += "\\u2028"
            case "\u{2029}": result += "\\u2029"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
