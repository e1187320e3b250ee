import ArgumentParser

/// How progress is shown (`--progress`).
enum ProgressStyle: String, ExpressibleByArgument, CaseIterable {
    /// A live list on a terminal, else one line per event.
    case auto
    /// The live list, even without a terminal.
    case tty
    /// One line per event.
    case plain
    /// JSON Lines, one event per line.
    case json
}
