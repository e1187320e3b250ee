import Foundation

/// Typed access to one `ConfigNode`, with errors that name the field, the
/// file, the line and the column. `path` is the dotted field path used in
/// messages (`services.web.ports[0]`).
struct NodeReader {
    let node: ConfigNode
    /// The path of the mapping or sequence this node is in, and the step
    /// from there: the path itself is written only when asked for (an
    /// error), as most nodes are leaves read without one.
    private let parentPath: String
    private let step: Step?

    private enum Step {
        case key(String)
        case index(Int)
    }

    init(_ node: ConfigNode, path: String) {
        self.node = node
        parentPath = path
        step = nil
    }

    private init(_ node: ConfigNode, parentPath: String, step: Step) {
        self.node = node
        self.parentPath = parentPath
        self.step = step
    }

    var path: String {
        switch step {
        case nil: parentPath
        case .key(let key): parentPath.isEmpty ? key : "\(parentPath).\(key)"
        case .index(let index): "\(parentPath)[\(index)]"
        }
    }

    var location: SourceLocation { node.location }
    var isNull: Bool { node.isNull }

    func fail(_ message: String) -> ComposeError {
        .invalid(location, "\(path): \(message)")
    }

    /// A scalar as text (numbers and booleans as written).
    func string() throws -> String {
        guard case .scalar(let text, _, _) = node, !node.isNull else {
            throw fail("expected a string, found \(node.kindDescription)")
        }
        return text
    }

    /// A scalar as text, or `nil` for null.
    func optionalString() throws -> String? {
        node.isNull ? nil : try string()
    }

    func bool() throws -> Bool {
        guard case .scalar(let text, _, _) = node, !node.isNull else {
            throw fail("expected a boolean, found \(node.kindDescription)")
        }
        switch text.lowercased() {
        case "true", "yes", "on", "y": return true
        case "false", "no", "off", "n": return false
        default: throw fail("expected a boolean, found \"\(text)\"")
        }
    }

    func int() throws -> Int {
        guard case .scalar(let text, _, _) = node, !node.isNull else {
            throw fail("expected an integer, found \(node.kindDescription)")
        }
        let trimmed = ValueParsers.trimmingWhitespace(text)
        if let value = Int(trimmed) { return value }
        if trimmed.hasPrefix("0o"), let value = Int(trimmed.dropFirst(2), radix: 8) { return value }
        if trimmed.hasPrefix("0x"), let value = Int(trimmed.dropFirst(2), radix: 16) { return value }
        throw fail("expected an integer, found \"\(text)\"")
    }

    /// A number written as an integer or a decimal, kept as its decimal text.
    func decimalString() throws -> String {
        let text = ValueParsers.trimmingWhitespace(try string())
        guard let value = Double(text), value.isFinite else { throw fail("expected a number, found \"\(text)\"") }
        if value.rounded() == value && abs(value) < 1e15 { return String(Int(value)) }
        return String(value)
    }

    /// An octal file mode (`0440`, `288`, `"0o440"`).
    func fileMode() throws -> Int {
        let text = ValueParsers.trimmingWhitespace(try string())
        if text.hasPrefix("0o"), let value = Int(text.dropFirst(2), radix: 8) { return value }
        if text.hasPrefix("0"), text.count > 1, let value = Int(text.dropFirst(), radix: 8) { return value }
        if let value = Int(text) { return value }
        throw fail("expected a file mode, found \"\(text)\"")
    }

    func duration() throws -> ComposeDuration {
        let text = try string()
        guard let value = ValueParsers.duration(text) else {
            throw fail("invalid duration \"\(text)\" (expected e.g. 10s, 1m30s, 500ms)")
        }
        return value
    }

    func byteCount() throws -> ByteCount {
        let text = try string()
        guard let value = ValueParsers.byteCount(text) else {
            throw fail("invalid size \"\(text)\" (expected e.g. 512, 64m, 1gb)")
        }
        return value
    }

    /// A sequence's elements.
    func sequence() throws -> [NodeReader] {
        guard case .sequence(let items, _) = node else {
            throw fail("expected a sequence, found \(node.kindDescription)")
        }
        let path = self.path
        return items.enumerated().map { index, item in NodeReader(item, parentPath: path, step: .index(index)) }
    }

    /// A list of strings; a single string counts as a one-element list.
    func stringList(allowSingle: Bool = true) throws -> [String] {
        if node.isNull { return [] }
        if allowSingle, case .scalar = node { return [try string()] }
        return try sequence().map { try $0.string() }
    }

    /// A mapping's entries after checking that every key is allowed
    /// (`x-` keys are always allowed and dropped).
    func mapping(allowedKeys: Set<String>? = nil, what: String? = nil) throws -> [(key: String, reader: NodeReader)] {
        if node.isNull { return [] }
        guard case .mapping(let entries, _) = node else {
            throw fail("expected a mapping, found \(node.kindDescription)")
        }
        var result: [(key: String, reader: NodeReader)] = []
        result.reserveCapacity(entries.count)
        let path = self.path
        for entry in entries {
            if entry.key.hasPrefix("x-") { continue }
            if let allowedKeys, !allowedKeys.contains(entry.key) {
                throw ComposeError.invalid(entry.keyLocation, "unknown key \"\(entry.key)\" in \(what ?? path)")
            }
            result.append((entry.key, NodeReader(entry.value, parentPath: path, step: .key(entry.key))))
        }
        return result
    }

    /// A mapping of strings (values as text; null values become "").
    func stringMap() throws -> [String: String] {
        var result: [String: String] = [:]
        for (key, reader) in try mapping() {
            result[key] = reader.isNull ? "" : try reader.string()
        }
        return result
    }
}
