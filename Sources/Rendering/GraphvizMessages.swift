import CGraphviz
import Foundation

/// Captures what Graphviz reports through `agerr` (installed with
/// `agseterrf`), so nothing is printed on stderr and errors become
/// ``RenderingError`` values.
///
/// Graphviz hands a message over in pieces (`"Error"`, `": "`, the text),
/// so pieces are appended to one buffer and split into lines on demand.
enum GraphvizMessages {
    /// The text received since the last ``reset()``. Only touched from
    /// Graphviz's callback, which runs inside calls made on ``GraphvizActor``;
    /// the lock makes that independent of which thread the actor runs on.
    private static let buffer = LockedText()

    /// Routes Graphviz's messages here (idempotent).
    @GraphvizActor
    static func install() {
        _ = agseterrf { piece in
            if let piece { GraphvizMessages.buffer.append(String(cString: piece)) }
            return 0
        }
        // Report warnings and errors to the callback (lower levels would go
        // to a temporary file).
        _ = agseterr(AGWARN)
    }

    /// Forgets earlier messages and Graphviz's error level.
    @GraphvizActor
    static func reset() {
        buffer.take()
        _ = agreseterrors()
    }

    /// Whether Graphviz reported an error (not just a warning) since ``reset()``.
    @GraphvizActor
    static var sawError: Bool { agerrors() >= Int32(AGERR.rawValue) }

    /// The messages since ``reset()``, one per line, without their
    /// `Error: `/`Warning: ` prefixes, and forgets them.
    @GraphvizActor
    static func take() -> String {
        let text = buffer.take()
        return text.split(whereSeparator: \.isNewline)
            .map { line -> String in
                let trimmed = line.trimmingCharacters(in: .whitespaces)
                return trimmed.hasPrefix("Error: ") ? String(trimmed.dropFirst(7)) : trimmed
            }
            .filter { !$0.isEmpty }
            .joined(separator: "; ")
    }
}

/// A string appended to under a lock.
private final class LockedText: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""

    func append(_ piece: String) {
        lock.withLock { text += piece }
    }

    @discardableResult
    func take() -> String {
        lock.withLock {
            defer { text = "" }
            return text
        }
    }
}
