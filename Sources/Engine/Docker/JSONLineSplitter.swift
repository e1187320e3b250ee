import ComposeModel
import Foundation

/// Cuts a byte stream into newline-separated JSON objects (the Engine
/// API's progress streams), whatever the chunk boundaries.
struct JSONLineSplitter {
    private var pending = Data()

    /// The complete lines `chunk` finishes, decoded; lines that are not JSON are dropped.
    mutating func append(_ chunk: some Collection<UInt8>) -> [JSONValue] {
        pending.append(contentsOf: chunk)
        var objects: [JSONValue] = []
        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
            let line = pending[pending.startIndex..<newline]
            if let object = Self.decode(line) { objects.append(object) }
            pending.removeSubrange(pending.startIndex...newline)
        }
        return objects
    }

    /// The last line, when the stream did not end with a newline.
    mutating func finish() -> [JSONValue] {
        defer { pending.removeAll() }
        return Self.decode(pending).map { [$0] } ?? []
    }

    private static func decode(_ line: Data) -> JSONValue? {
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: line)
    }
}
