/// Recognises a first argument that is meant as a command but is none.
enum CommandSuggestion {
    /// The command names, in `--help` order.
    static var commands: [String] {
        Composeplan.configuration.subcommands.map { $0._commandName }
    }

    /// The message for `word` when it is not a command (and not an option
    /// or `help`), with the closest command when one is near.
    static func unknownCommand(_ word: String) -> String? {
        guard !word.hasPrefix("-"), word != "help", !commands.contains(word) else { return nil }
        let ranked = commands.map { ($0, distance(word.lowercased(), $0)) }.min { $0.1 < $1.1 }
        var message = "unknown command '\(word)'"
        if let (closest, cost) = ranked, cost <= max(2, closest.count / 2) {
            message += "; did you mean '\(closest)'?"
        }
        return message + " (commands: \(commands.joined(separator: ", ")); see composeplan --help)"
    }

    /// The Damerau–Levenshtein (optimal string alignment) distance.
    static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
                }
            }
        }
        return d[a.count][b.count]
    }
}
