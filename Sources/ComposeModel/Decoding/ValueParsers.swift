import Foundation

/// Parsers for the small value languages inside compose files: Go durations,
/// byte sizes, shell words.
public enum ValueParsers {
    /// Parses a Go duration (`1h2m3.5s`, `500ms`, `10us`); a bare number is seconds.
    public static func duration(_ text: String) -> ComposeDuration? {
        let trimmed = trimmingWhitespace(text)
        if trimmed.isEmpty { return nil }
        if let seconds = Double(trimmed) { return ComposeDuration(seconds: seconds) }
        var total = 0.0
        var rest = Substring(trimmed)
        var negative = false
        if rest.first == "-" { negative = true; rest = rest.dropFirst() } else if rest.first == "+" { rest = rest.dropFirst() }
        if rest.isEmpty { return nil }
        let units: [(String, Double)] = [("ns", 1), ("us", 1e3), ("µs", 1e3), ("μs", 1e3), ("ms", 1e6), ("s", 1e9), ("m", 60e9), ("h", 3600e9)]
        while !rest.isEmpty {
            let number = rest.prefix(while: { $0.isNumber || $0 == "." })
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) && !(($0.0 == "m") && rest.hasPrefix("ms")) }) else {
                return nil
            }
            total += value * unit.1
            rest = rest.dropFirst(unit.0.count)
        }
        return ComposeDuration(nanoseconds: Int64((negative ? -total : total).rounded()))
    }

    /// Parses a size: a number of bytes with an optional unit b, k, m, g (and
    /// kb, mb, gb, case-insensitive; powers of 1024, as Docker reads them).
    public static func byteCount(_ text: String) -> ByteCount? {
        let trimmed = trimmingWhitespace(text).lowercased()
        let digits = trimmed.prefix(while: { $0.isNumber || $0 == "." })
        guard !digits.isEmpty, let value = Double(digits) else { return nil }
        var unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        if unit.hasSuffix("ib") { unit = String(unit.dropLast(2)) } else if unit.count == 2 && unit.hasSuffix("b") { unit = String(unit.dropLast()) }
        let multiplier: Double
        switch unit {
        case "", "b": multiplier = 1
        case "k": multiplier = 1024
        case "m": multiplier = 1024 * 1024
        case "g": multiplier = 1024 * 1024 * 1024
        case "t": multiplier = 1024 * 1024 * 1024 * 1024
        default: return nil
        }
        return ByteCount(bytes: Int(value * multiplier))
    }

    /// Splits a command line into words the way a POSIX shell would (quotes
    /// and backslashes; no expansion), as compose does for string commands.
    public static func shellWords(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escaped = false
        for c in text {
            if escaped {
                if quote == "\"" && !"\"\\$`\n".contains(c) { current.append("\\") }
                if c != "\n" { current.append(c) }
                escaped = false
                inWord = true
                continue
            }
            if c == "\\" && quote != "'" {
                escaped = true
                continue
            }
            if let open = quote {
                if c == open { quote = nil } else { current.append(c) }
                continue
            }
            if c == "'" || c == "\"" {
                quote = c
                inWord = true
                continue
            }
            if c == " " || c == "\t" || c == "\n" {
                if inWord { words.append(current); current = ""; inWord = false }
                continue
            }
            current.append(c)
            inWord = true
        }
        if quote != nil || escaped { return nil }
        if inWord { words.append(current) }
        return words
    }

    /// `text` without leading and trailing spaces and tabs (Unicode's
    /// `.whitespaces`). Most scalars are written without: they begin and
    /// end with an ASCII byte that is neither, and are returned as they are
    /// (Foundation's trimming costs more than decoding a small service).
    static func trimmingWhitespace(_ text: String) -> String {
        func plain(_ byte: UInt8?) -> Bool {
            guard let byte else { return false }
            return byte < 0x80 && byte != UInt8(ascii: " ") && byte != UInt8(ascii: "\t")
        }
        if plain(text.utf8.first) && plain(text.utf8.last) { return text }
        return text.trimmingCharacters(in: .whitespaces)
    }
}
