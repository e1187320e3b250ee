/// Escaping for Mermaid flowchart text.
///
/// Labels are written as quoted strings (`["…"]`) in which Mermaid decodes
/// `#name;` and `#number;` entity codes; every character that could end the
/// string, start markup or be read as an entity is written as a code, so a
/// hostile name stays text.
enum MermaidText {
    /// A quoted label (with the quotes) from lines joined by `<br/>`.
    static func quoted(_ lines: [String]) -> String {
        "\"" + lines.map(escaped).joined(separator: "<br/>") + "\""
    }

    /// One line with Mermaid's entity codes for the risky characters.
    static func escaped(_ line: String) -> String {
        var result = ""
        result.reserveCapacity(line.utf8.count)
        for character in GraphvizText.cleaned(line) {
            switch character {
            case "\"": result += "#quot;"
            case "#": result += "#35;"
            case "&": result += "#amp;"
            case "<": result += "#lt;"
            case ">": result += "#gt;"
            case "`": result += "#96;"
            case ";": result += "#59;"
            case "%": result += "#37;"
            case "\\": result += "#92;"
            case "|": result += "#124;"
            case "{": result += "#123;"
            case "}": result += "#125;"
            case "[": result += "#91;"
            case "]": result += "#93;"
            default: result.append(character)
            }
        }
        return result
    }

    /// A YAML double-quoted scalar (for the front-matter title).
    static func yamlQuoted(_ text: String) -> String {
        var result = "\""
        for character in GraphvizText.cleaned(text) {
            switch character {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            default: result.append(character)
            }
        }
        return result + "\""
    }
}
