import Foundation
import Yams

/// A compose file's YAML as a tree that remembers where each value came from,
/// with anchors, aliases and merge keys (`<<:`) already resolved. Values stay
/// text until a field decoder gives them a type, because interpolation runs
/// on the text first (`replicas: ${N}`).
public indirect enum ConfigNode: Sendable {
    /// A scalar: its text, whether it was written plain (unquoted) — plain
    /// `null`, `~` and empty text are null, plain `true` is a boolean — and
    /// where it is.
    case scalar(String, plain: Bool, SourceLocation)
    /// A mapping: entries in file order, keys with their own location.
    case mapping([MappingEntry], SourceLocation)
    case sequence([ConfigNode], SourceLocation)

    /// One key/value pair of a mapping.
    public struct MappingEntry: Sendable {
        public var key: String
        public var keyLocation: SourceLocation
        public var value: ConfigNode

        public init(key: String, keyLocation: SourceLocation, value: ConfigNode) {
            self.key = key
            self.keyLocation = keyLocation
            self.value = value
        }
    }

    public var location: SourceLocation {
        switch self {
        case .scalar(_, _, let location), .mapping(_, let location), .sequence(_, let location):
            return location
        }
    }

    /// Whether this is a YAML null (`null`, `~` or nothing, unquoted).
    public var isNull: Bool {
        if case .scalar(let text, let plain, _) = self, plain {
            return text.isEmpty || text == "~" || text == "null" || text == "Null" || text == "NULL"
        }
        return false
    }

    /// The entries of a mapping, or `nil`.
    public var entries: [MappingEntry]? {
        if case .mapping(let entries, _) = self { return entries }
        return nil
    }

    /// The value for `key` in a mapping.
    public subscript(key: String) -> ConfigNode? {
        entries?.first(where: { $0.key == key })?.value
    }

    /// A short name of the node's kind for error messages.
    public var kindDescription: String {
        switch self {
        case .scalar: return isNull ? "null" : "a scalar"
        case .mapping: return "a mapping"
        case .sequence: return "a sequence"
        }
    }
}

extension ConfigNode {
    /// Parses `text` (the contents of `file`) into a tree.
    ///
    /// An empty document is an empty mapping. Syntax errors carry the line and
    /// column libyaml reports.
    public static func parse(yaml text: String, file: String) throws -> ConfigNode {
        let root: ConfigNode?
        do {
            root = try YAMLEventReader(file: file).read(text)
        } catch let failure as YAMLEventReader.Failure {
            throw ComposeError.syntax(failure.location, failure.problem)
        }
        return root ?? .mapping([], SourceLocation(file: file, line: 1, column: 1))
    }

    /// `parse(yaml:file:)` through Yams's tree (`Yams.compose`), the path
    /// the event reader replaced: kept to compare the two in tests and in
    /// the plan benchmark.
    public static func parseThroughYams(yaml text: String, file: String) throws -> ConfigNode {
        let root: Node?
        do {
            // composeplan types scalars itself (from their text and style), so
            // Yams's regex-based tag resolution is never needed.
            root = try Yams.compose(yaml: text, .basic)
        } catch let error as YamlError {
            throw ComposeError.syntax(Self.location(of: error, file: file) ?? SourceLocation(file: file),
                                      Self.problem(of: error))
        } catch {
            throw ComposeError.syntax(SourceLocation(file: file), "\(error)")
        }
        guard let root else { return .mapping([], SourceLocation(file: file, line: 1, column: 1)) }
        return try convert(root, file: file)
    }

    private static func location(of error: YamlError, file: String) -> SourceLocation? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return SourceLocation(file: file, line: mark.line, column: mark.column)
        case .duplicatedKeysInMapping(_, let context):
            return SourceLocation(file: file, line: context.mark.line, column: context.mark.column)
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            if let context { return "\(problem) (\(context.text))" }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicate key(s) \(duplicates.joined(separator: ", ")) in mapping"
        case .reader(let problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }

    private static func location(_ node: Node, _ file: String) -> SourceLocation {
        guard let mark = node.mark else { return SourceLocation(file: file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    private static func convert(_ node: Node, file: String) throws -> ConfigNode {
        switch node {
        case .scalar(let scalar):
            return .scalar(scalar.string, plain: scalar.style == .plain || scalar.style == .any, location(node, file))
        case .sequence(let sequence):
            return .sequence(try sequence.map { try convert($0, file: file) }, location(node, file))
        case .alias:
            throw ComposeError.syntax(location(node, file), "unresolved alias")
        case .mapping(let mapping):
            var entries: [MappingEntry] = []
            var merged: [MappingEntry] = []
            for (keyNode, valueNode) in mapping {
                guard case .scalar(let keyScalar) = keyNode else {
                    throw ComposeError.invalid(location(keyNode, file), "mapping keys must be scalars")
                }
                if keyScalar.string == "<<" && keyScalar.style != .singleQuoted && keyScalar.style != .doubleQuoted {
                    merged.append(contentsOf: try mergeSources(valueNode, file: file))
                    continue
                }
                entries.append(MappingEntry(key: keyScalar.string, keyLocation: location(keyNode, file),
                                            value: try convert(valueNode, file: file)))
            }
            // Merge keys: explicit keys win; among merged sources the first wins.
            var present = Set(entries.map(\.key))
            for entry in merged where !present.contains(entry.key) {
                entries.append(entry)
                present.insert(entry.key)
            }
            return .mapping(entries, location(node, file))
        }
    }

    private static func mergeSources(_ node: Node, file: String) throws -> [MappingEntry] {
        switch try convert(node, file: file) {
        case .mapping(let entries, _):
            return entries
        case .sequence(let items, _):
            return try items.flatMap { item -> [MappingEntry] in
                guard case .mapping(let entries, _) = item else {
                    throw ComposeError.invalid(item.location, "merge key <<: expects a mapping or a list of mappings")
                }
                return entries
            }
        case let other:
            throw ComposeError.invalid(other.location, "merge key <<: expects a mapping or a list of mappings")
        }
    }
}
