import Foundation

/// Turns any `Encodable` value into a `JSONValue` tree directly, without going
/// through JSON bytes. Config hashes encode thousands of services per plan, so
/// this path matters for speed; it follows `JSONEncoder`'s shape (keyed
/// containers become objects, `nil` optionals are skipped).
public struct JSONValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> JSONValue {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.storage.value
    }
}

/// Mutable box holding the value built so far at one level of the tree.
/// Arrays and objects live in their own stored properties so appending
/// mutates them in place (keeping them inside an enum payload would copy
/// them on every append, quadratic for long arrays).
private final class Box {
    enum Kind {
        case empty, value, object, array
    }

    var kind: Kind = .empty
    var scalar: JSONValue = .null
    var members: [String: Box] = [:]
    var elements: [Box] = []

    func setScalar(_ value: JSONValue) {
        kind = .value
        scalar = value
    }

    func becomeObject() {
        if kind != .object { kind = .object; members = [:] }
    }

    func becomeArray() {
        if kind != .array { kind = .array; elements = [] }
    }

    func copy(from other: Box) {
        kind = other.kind
        scalar = other.scalar
        members = other.members
        elements = other.elements
    }

    var value: JSONValue {
        switch kind {
        case .empty: return .object([:])
        case .value: return scalar
        case .object: return .object(members.mapValues { $0.value })
        case .array: return .array(elements.map { $0.value })
        }
    }
}

private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage: Box

    init(codingPath: [any CodingKey], storage: Box = Box()) {
        self.codingPath = codingPath
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        storage.becomeObject()
        return KeyedEncodingContainer(KeyedContainer<Key>(box: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        storage.becomeArray()
        return UnkeyedContainer(box: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(box: storage, codingPath: codingPath)
    }
}

private func encodeNested<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Box {
    switch value {
    case let string as String: let box = Box(); box.setScalar(.string(string)); return box
    case let flag as Bool: let box = Box(); box.setScalar(.bool(flag)); return box
    case let number as Int: let box = Box(); box.setScalar(.int(number)); return box
    case let number as Double: let box = Box(); box.setScalar(.double(number)); return box
    case let json as JSONValue: let box = Box(); box.setScalar(json); return box
    case let number as Float: let box = Box(); box.setScalar(.double(Double(number))); return box
    case let number as any BinaryInteger:
        // Other integer types reach here through the containers' default
        // implementations; encoding them through their own `encode(to:)`
        // would come straight back.
        let box = Box()
        box.setScalar(Int(exactly: number).map(JSONValue.int) ?? .double(Double(number)))
        return box
    default:
        let encoder = TreeEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.storage
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let box: Box
    let codingPath: [any CodingKey]

    private func set(_ key: Key, _ child: Box) {
        box.members[key.stringValue] = child
    }

    private func leaf(_ value: JSONValue) -> Box {
        let child = Box()
        child.setScalar(value)
        return child
    }

    mutating func encodeNil(forKey key: Key) throws { set(key, leaf(.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(key, leaf(.bool(value))) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(key, leaf(.string(value))) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(key, leaf(.double(value))) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(key, leaf(.double(Double(value)))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, leaf(.int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, leaf(.int(Int(value)))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, leaf(.int(Int(value)))) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        set(key, try encodeNested(value, codingPath: codingPath + [key]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = Box()
        child.becomeObject()
        set(key, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Box()
        child.becomeArray()
        set(key, child)
        return UnkeyedContainer(box: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let child = Box()
        set(Key(stringValue: "super")!, child)
        return TreeEncoder(codingPath: codingPath, storage: child)
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let child = Box()
        set(key, child)
        return TreeEncoder(codingPath: codingPath + [key], storage: child)
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String { String(intValue!) }
    var intValue: Int?
    init(_ index: Int) { intValue = index }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.intValue = intValue }
}

private struct UnkeyedContainer: UnkeyedEncodingContainer {
    let box: Box
    let codingPath: [any CodingKey]

    var count: Int { box.elements.count }

    private func append(_ child: Box) {
        box.elements.append(child)
    }

    private func append(_ value: JSONValue) {
        let child = Box()
        child.setScalar(value)
        append(child)
    }

    mutating func encodeNil() throws { append(.null) }
    mutating func encode(_ value: Bool) throws { append(.bool(value)) }
    mutating func encode(_ value: String) throws { append(.string(value)) }
    mutating func encode(_ value: Double) throws { append(.double(value)) }
    mutating func encode(_ value: Int) throws { append(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        append(try encodeNested(value, codingPath: codingPath + [IndexKey(count)]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = Box()
        child.becomeObject()
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Box()
        child.becomeArray()
        append(child)
        return UnkeyedContainer(box: child, codingPath: codingPath)
    }

    mutating func superEncoder() -> any Encoder {
        let child = Box()
        append(child)
        return TreeEncoder(codingPath: codingPath, storage: child)
    }
}

private struct SingleContainer: SingleValueEncodingContainer {
    let box: Box
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { box.setScalar(.null) }
    mutating func encode(_ value: Bool) throws { box.setScalar(.bool(value)) }
    mutating func encode(_ value: String) throws { box.setScalar(.string(value)) }
    mutating func encode(_ value: Double) throws { box.setScalar(.double(value)) }
    mutating func encode(_ value: Int) throws { box.setScalar(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        box.copy(from: try encodeNested(value, codingPath: codingPath))
    }
}
