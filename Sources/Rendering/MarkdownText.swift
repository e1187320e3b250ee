/// Escaping for GitHub-flavoured Markdown (pull-request comments).
enum MarkdownText {
    /// Plain text: every ASCII punctuation character backslash-escaped, and
    /// a word joiner after `#` and `@` before a word so GitHub does not turn
    /// `#12` into an issue link or `@name` into a mention.
    static func plain(_ text: String) -> String {
        var result = ""
        let characters = Array(GraphvizText.cleaned(text))
        for (index, character) in characters.enumerated() {
            if character.isASCII, character.isPunctuation || character.isSymbol {
                result += "\\"
                result.append(character)
                if character == "#" || character == "@", index + 1 < characters.count,
                   characters[index + 1].isLetter || characters[index + 1].isNumber {
                    result += "\u{2060}"
                }
            } else {
                result.append(character)
            }
        }
        return result
    }

    /// An inline code span holding `text` literally, whatever backticks it
    /// contains.
    static func code(_ text: String) -> String {
        let cleaned = GraphvizText.cleaned(text)
        var longest = 0
        var run = 0
        for character in cleaned {
            run = character == "`" ? run + 1 : 0
            longest = max(longest, run)
        }
        let fence = String(repeating: "`", count: longest + 1)
        let padding = cleaned.hasPrefix("`") || cleaned.hasSuffix("`") || cleaned.isEmpty ? " " : ""
        return fence + padding + cleaned + padding + fence
    }
}
