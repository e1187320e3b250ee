/// Escaping for GitHub-flavoured Markdown (pull-request comments).
enum MarkdownText {
    /// Plain text: every ASCII punctuation character backslash-escaped, and
    /// a `#` or `@` before a word (`#12`, `@name`) set as a code span, so
    /// GitHub does not turn it into an issue link or a mention (a code span
    /// renders as written, with no invisible character in it).
    static func plain(_ text: String) -> String {
        var result = ""
        let characters = Array(GraphvizText.cleaned(text))
        var index = 0
        while index < characters.count {
            let character = characters[index]
            if character == "#" || character == "@", index + 1 < characters.count,
               characters[index + 1].isLetter || characters[index + 1].isNumber {
                var end = index + 1
                while end < characters.count, characters[end].isLetter || characters[end].isNumber { end += 1 }
                result += code(String(characters[index..<end]))
                index = end
                continue
            }
            if character.isASCII, character.isPunctuation || character.isSymbol {
                result += "\\"
            }
            result.append(character)
            index += 1
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
