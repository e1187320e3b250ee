internal import CYaml

/// Builds a `ConfigNode` tree straight from libyaml's parser events (the
/// libyaml that Yams ships), resolving anchors, aliases and merge keys on
/// the way. Yams's own tree (a `Node` per value, each with its tag, style
/// and mark, later converted) took most of the time of loading a large
/// compose file; this reads the same events once. Errors are Yams's:
/// the same problems, contexts and positions.
struct YAMLEventReader {
    let file: String

    /// A YAML error, worded as `ConfigNode.parse` reports it.
    struct Failure: Error {
        var location: SourceLocation
        var problem: String
    }

    /// The single document of `text` (`nil` for an empty stream).
    func read(_ text: String) throws -> ConfigNode? {
        var bytes = Array(text.utf8)
        return try bytes.withUnsafeMutableBufferPointer { buffer -> ConfigNode? in
            var state = State(file: file)
            guard yaml_parser_initialize(&state.parser) == 1 else {
                throw Failure(location: SourceLocation(file: file), problem: "out of memory")
            }
            defer { yaml_parser_delete(&state.parser) }
            yaml_parser_set_encoding(&state.parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&state.parser, buffer.baseAddress, buffer.count)
            return try state.document()
        }
    }

    /// The parser and the anchors seen so far.
    private struct State {
        var parser = yaml_parser_t()
        let file: String
        var anchors: [String: ConfigNode] = [:]

        /// The next event; the caller deletes it.
        mutating func next() throws -> yaml_event_t {
            var event = yaml_event_t()
            guard yaml_parser_parse(&parser, &event) == 1 else { throw failure() }
            return event
        }

        mutating func document() throws -> ConfigNode? {
            var event = try next()
            defer { yaml_event_delete(&event) }
            guard event.type == YAML_STREAM_START_EVENT else { return nil }
            var start = try next()
            defer { yaml_event_delete(&start) }
            guard start.type == YAML_DOCUMENT_START_EVENT else { return nil }
            var first = try next()
            let root = try node(from: &first)
            var end = try next()  // DOCUMENT-END
            yaml_event_delete(&end)
            var after = try next()
            defer { yaml_event_delete(&after) }
            if after.type != YAML_STREAM_END_EVENT {
                throw Failure(location: location(after.start_mark),
                              problem: "but found another document (expected a single document in the stream)")
            }
            return root
        }

        /// The node that starts with `event` (which this deletes).
        mutating func node(from event: inout yaml_event_t) throws -> ConfigNode {
            defer { yaml_event_delete(&event) }
            let here = location(event.start_mark)
            switch event.type {
            case YAML_SCALAR_EVENT:
                let scalar = event.data.scalar
                let text = String(decoding: UnsafeBufferPointer(start: UnsafePointer(scalar.value), count: scalar.length), as: UTF8.self)
                let style = scalar.style
                let node = ConfigNode.scalar(text, plain: style == YAML_PLAIN_SCALAR_STYLE || style == YAML_ANY_SCALAR_STYLE, here)
                register(scalar.anchor, node)
                return node
            case YAML_ALIAS_EVENT:
                let name = String(cString: event.data.alias.anchor)
                guard let node = anchors[name] else { throw Failure(location: here, problem: "found undefined alias") }
                return node
            case YAML_SEQUENCE_START_EVENT:
                let anchor = event.data.sequence_start.anchor.map { String(cString: $0) }
                var items: [ConfigNode] = []
                while true {
                    var item = try next()
                    if item.type == YAML_SEQUENCE_END_EVENT {
                        yaml_event_delete(&item)
                        break
                    }
                    items.append(try node(from: &item))
                }
                let node = ConfigNode.sequence(items, here)
                if let anchor { anchors[anchor] = node }
                return node
            case YAML_MAPPING_START_EVENT:
                let anchor = event.data.mapping_start.anchor.map { String(cString: $0) }
                let node = try mapping(at: here)
                if let anchor { anchors[anchor] = node }
                return node
            default:
                throw Failure(location: here, problem: "unexpected event")
            }
        }

        /// A mapping's entries up to its end: keys must be scalars and
        /// unique; `<<` merges (explicit keys win, then the first source).
        mutating func mapping(at here: SourceLocation) throws -> ConfigNode {
            var entries: [ConfigNode.MappingEntry] = []
            var merged: [ConfigNode.MappingEntry] = []
            // Every key with its first location, merge keys included. Most
            // mappings have a handful of keys: they are looked up in this
            // list, and only a large mapping (`services:`) gets a dictionary.
            var keys: [(key: String, location: SourceLocation)] = []
            var seen: [String: SourceLocation]?
            var duplicates: [(key: String, location: SourceLocation)] = []
            while true {
                var keyEvent = try next()
                if keyEvent.type == YAML_MAPPING_END_EVENT {
                    yaml_event_delete(&keyEvent)
                    break
                }
                let keyNode = try node(from: &keyEvent)
                var valueEvent = try next()
                let value = try node(from: &valueEvent)
                guard case .scalar(let key, let plain, let keyLocation) = keyNode else {
                    throw ComposeError.invalid(keyNode.location, "mapping keys must be scalars")
                }
                if seen == nil && keys.count == Self.listedKeys {
                    seen = Dictionary(keys, uniquingKeysWith: { first, _ in first })
                }
                let first = seen.map { $0[key] } ?? keys.first(where: { $0.key == key })?.location
                if let first {
                    if !duplicates.contains(where: { $0.key == key }) { duplicates.append((key, first)) }
                } else if seen != nil {
                    seen![key] = keyLocation
                } else {
                    keys.append((key, keyLocation))
                }
                if key == "<<" && plain {
                    merged.append(contentsOf: try Self.mergeSources(value))
                } else {
                    entries.append(ConfigNode.MappingEntry(key: key, keyLocation: keyLocation, value: value))
                }
            }
            if !duplicates.isEmpty {
                // Yams names them sorted, at the first one's first occurrence.
                let sorted = duplicates.sorted { $0.key < $1.key }
                throw Failure(location: sorted[0].location,
                              problem: "duplicate key(s) \(sorted.map(\.key).joined(separator: ", ")) in mapping")
            }
            if !merged.isEmpty {
                var present = Set(entries.map(\.key))
                for entry in merged where !present.contains(entry.key) {
                    entries.append(entry)
                    present.insert(entry.key)
                }
            }
            return .mapping(entries, here)
        }

        /// How many keys of a mapping are looked up in a list before a dictionary.
        static let listedKeys = 16

        static func mergeSources(_ node: ConfigNode) throws -> [ConfigNode.MappingEntry] {
            switch node {
            case .mapping(let entries, _):
                return entries
            case .sequence(let items, _):
                return try items.flatMap { item -> [ConfigNode.MappingEntry] in
                    guard case .mapping(let entries, _) = item else {
                        throw ComposeError.invalid(item.location, "merge key <<: expects a mapping or a list of mappings")
                    }
                    return entries
                }
            case let other:
                throw ComposeError.invalid(other.location, "merge key <<: expects a mapping or a list of mappings")
            }
        }

        mutating func register(_ anchor: UnsafeMutablePointer<yaml_char_t>?, _ node: ConfigNode) {
            if let anchor { anchors[String(cString: anchor)] = node }
        }

        func location(_ mark: yaml_mark_t) -> SourceLocation {
            SourceLocation(file: file, line: mark.line + 1, column: mark.column + 1)
        }

        /// The parser's error as Yams words it: the problem, then its
        /// context in parentheses, at the problem's position.
        func failure() -> Failure {
            let problem = parser.problem.map { String(cString: $0) } ?? "unknown error"
            switch parser.error {
            case YAML_MEMORY_ERROR:
                return Failure(location: SourceLocation(file: file), problem: "out of memory")
            case YAML_READER_ERROR:
                return Failure(location: SourceLocation(file: file), problem: problem)
            default:
                let context = parser.context.map { " (\(String(cString: $0)))" } ?? ""
                return Failure(location: location(parser.problem_mark), problem: problem + context)
            }
        }
    }
}
