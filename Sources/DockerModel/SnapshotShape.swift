import ComposeModel

/// Checks that a snapshot's objects have the types the Docker Engine API
/// gives the fields composeplan reads, so a hand-edited or damaged file
/// (`"State": 7`, `"Names": "x"`, a label that is a number) is refused
/// naming the field instead of being read as empty. Unknown fields are
/// not checked; `null` stands for an absent optional field, as the daemon
/// writes it.
public enum SnapshotShape {
    /// A field whose value has the wrong type.
    public struct Problem: Error, Hashable, Sendable, CustomStringConvertible {
        /// `containers[2].State`.
        public var path: String
        /// `a string`.
        public var expected: String
        /// `a number`.
        public var found: String

        public var description: String { "\(path) is \(found), expected \(expected)" }
    }

    /// What a field must hold.
    indirect enum Kind: Sendable {
        case string, integer, bool, object, stringMap
        case array(Kind)
        case fields([(String, Kind)])
        case objectOf(Kind)

        var name: String {
            switch self {
            case .string: "a string"
            case .integer: "an integer"
            case .bool: "true or false"
            case .object, .fields: "an object"
            case .stringMap: "an object of strings"
            case .array(let element): "an array of \(element.plural)"
            case .objectOf(let element): "an object of \(element.plural)"
            }
        }

        var plural: String {
            switch self {
            case .string: "strings"
            case .integer: "integers"
            case .bool: "booleans"
            default: "objects"
            }
        }
    }

    static let mount: Kind = .fields([("Type", .string), ("Name", .string), ("Source", .string), ("Destination", .string)])
    static let endpoint: Kind = .fields([("NetworkID", .string), ("Aliases", .array(.string)), ("IPAddress", .string),
                                         ("MacAddress", .string), ("EndpointID", .string)])
    static let container: Kind = .fields([
        ("Id", .string), ("Names", .array(.string)), ("Name", .string), ("Image", .string), ("ImageID", .string),
        ("State", .string), ("Status", .string), ("Created", .integer), ("Labels", .stringMap), ("Mounts", .array(mount)),
        ("NetworkSettings", .fields([("Networks", .objectOf(endpoint))])), ("HostConfig", .fields([("NetworkMode", .string)])),
    ])
    static let network: Kind = .fields([
        ("Id", .string), ("Name", .string), ("Driver", .string), ("Scope", .string), ("Created", .string), ("Labels", .stringMap),
        ("Options", .stringMap), ("Internal", .bool), ("Attachable", .bool), ("EnableIPv6", .bool), ("IPAM", .object),
    ])
    static let volume: Kind = .fields([
        ("Name", .string), ("Driver", .string), ("CreatedAt", .string), ("Labels", .stringMap), ("Options", .stringMap),
    ])
    static let image: Kind = .fields([
        ("Reference", .string), ("RegistryDigest", .string), ("RegistryError", .string),
        ("Image", .fields([("Id", .string), ("RepoTags", .array(.string)), ("RepoDigests", .array(.string)), ("Size", .integer)])),
    ])
    static let inspection: Kind = .fields([
        ("Id", .string), ("Name", .string), ("Config", .fields([("Labels", .stringMap), ("Env", .array(.string))])),
        ("HostConfig", .object), ("NetworkSettings", .fields([("Networks", .objectOf(endpoint))])),
    ])

    /// The first field of `snapshot` with the wrong type, if any.
    public static func problem(in snapshot: Snapshot) -> Problem? {
        let lists: [(String, [JSONValue], Kind)] = [
            ("containers", snapshot.containers, container), ("networks", snapshot.networks, network),
            ("volumes", snapshot.volumes, volume), ("images", snapshot.images ?? [], image),
            ("inspections", snapshot.inspections, inspection),
        ]
        for (name, entries, kind) in lists {
            // Most snapshots are well-formed: checked without building a
            // path per field or sorting keys, then walked again, naming
            // the field, only where something is wrong.
            for (index, entry) in entries.enumerated() where !conforms(entry, to: kind) {
                if let problem = check(entry, as: kind, at: "\(name)[\(index)]") { return problem }
            }
        }
        if let engine = snapshot.engine, case .object = engine {} else if let engine = snapshot.engine {
            return Problem(path: "engine", expected: "an object", found: describe(engine))
        }
        return nil
    }

    /// Whether `value` has the types `kind` asks for: `check(_:as:at:)`
    /// finds no problem in it.
    static func conforms(_ value: JSONValue, to kind: Kind) -> Bool {
        switch (kind, value) {
        case (_, .null), (.string, .string), (.bool, .bool), (.object, .object), (.integer, .int):
            return true
        case (.integer, .double(let number)):
            return number.rounded() == number && abs(number) < 9.0e15
        case (.stringMap, .object(let members)):
            return members.values.allSatisfy { if case .string = $0 { true } else { false } }
        case (.array(let element), .array(let items)):
            return items.allSatisfy { item in
                if case .null = item { return false }
                return conforms(item, to: element)
            }
        case (.objectOf(let element), .object(let members)):
            return members.values.allSatisfy { conforms($0, to: element) }
        case (.fields(let fields), .object(let members)):
            // Member by member against the short list of fields (short keys
            // compare at once), rather than a lookup, and a hash, per field.
            return members.allSatisfy { key, member in
                guard let field = fields.first(where: { $0.0 == key }) else { return true }
                return conforms(member, to: field.1)
            }
        default:
            return false
        }
    }

    /// The first field of `value` (at `path`) whose type is not the one
    /// `kind` asks for, members in key order.
    static func check(_ value: JSONValue, as kind: Kind, at path: String) -> Problem? {
        if case .null = value { return nil }
        func wrong() -> Problem { Problem(path: path, expected: kind.name, found: describe(value)) }
        switch kind {
        case .string:
            guard case .string = value else { return wrong() }
        case .integer:
            switch value {
            case .int: break
            case .double(let number) where number.rounded() == number && abs(number) < 9.0e15: break
            default: return wrong()
            }
        case .bool:
            guard case .bool = value else { return wrong() }
        case .object:
            guard case .object = value else { return wrong() }
        case .stringMap:
            guard case .object(let members) = value else { return wrong() }
            for key in members.keys.sorted() {
                guard case .string = members[key]! else {
                    return Problem(path: "\(path).\(key)", expected: "a string", found: describe(members[key]!))
                }
            }
        case .array(let element):
            guard case .array(let items) = value else { return wrong() }
            for (index, item) in items.enumerated() {
                if case .null = item { return Problem(path: "\(path)[\(index)]", expected: element.name, found: "null") }
                if let problem = check(item, as: element, at: "\(path)[\(index)]") { return problem }
            }
        case .objectOf(let element):
            guard case .object(let members) = value else { return wrong() }
            for key in members.keys.sorted() {
                if let problem = check(members[key]!, as: element, at: "\(path).\(key)") { return problem }
            }
        case .fields(let fields):
            guard case .object(let members) = value else { return wrong() }
            for (field, fieldKind) in fields {
                guard let member = members[field] else { continue }
                if let problem = check(member, as: fieldKind, at: "\(path).\(field)") { return problem }
            }
        }
        return nil
    }

    /// `a string ("x")`, `a number (7)`, `an array`, `an object`, `true or false`.
    static func describe(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool(let flag): "a boolean (\(flag))"
        case .int(let number): "a number (\(number))"
        case .double(let number): "a number (\(number))"
        case .string(let text): "a string (\"\(text.prefix(40))\")"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
