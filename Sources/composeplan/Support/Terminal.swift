import Foundation

/// Terminal and standard-stream helpers for the CLI.
enum Terminal {
    static var standardInputIsTerminal: Bool { isatty(0) == 1 }
    static var standardErrorIsTerminal: Bool { isatty(2) == 1 }

    /// Writes `text` and a newline to standard error.
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Writes `text` as is to standard output.
    static func output(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }

    static func output(_ data: Data) {
        FileHandle.standardOutput.write(data)
    }

    static func warn(_ text: String) {
        error("warning: \(text)")
    }

    /// Asks a yes/no question on the terminal; `false` without a terminal.
    static func confirm(_ question: String) -> Bool {
        guard standardInputIsTerminal else { return false }
        FileHandle.standardError.write(Data("\(question) [y/N] ".utf8))
        guard let answer = readLine() else { return false }
        return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
    }
}
