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
private final class Box {
    enum Content {
        case empty
        case value(JSONValue)
        case object([String: Box])
        case array([Box])
    }

    var content: Content = .empty

    var value: JSONValue {
        switch content {
        case .empty: return .object([:])
        case .value(let value): return value
        case .object(let members): return .object(members.mapValues { $0.value })
        case .array(let elements): return .array(elements.map { $0.value })
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
        if case .object = storage.content {} else { storage.content = .object([:]) }
        return KeyedEncodingContainer(KeyedContainer<Key>(box: storage, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        if case .array = storage.content {} else { storage.content = .array([]) }
        return UnkeyedContainer(box: storage, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleContainer(box: storage, codingPath: codingPath)
    }
}

private func encodeNested<T: Encodable>(_ value: T, codingPath: [any CodingKey]) throws -> Box {
    switch value {
    case let string as String: let box = Box(); box.content = .value(.string(string)); return box
    case let flag as Bool: let box = Box(); box.content = .value(.bool(flag)); return box
    case let number as Int: let box = Box(); box.content = .value(.int(number)); return box
    case let number as Double: let box = Box(); box.content = .value(.double(number)); return box
    case let json as JSONValue: let box = Box(); box.content = .value(json); return box
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
        guard case .object(var members) = box.content else { return }
        members[key.stringValue] = child
        box.content = .object(members)
    }

    private func leaf(_ value: JSONValue) -> Box {
        let child = Box()
        child.content = .value(value)
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
        child.content = .object([:])
        set(key, child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = Box()
        child.content = .array([])
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

    var count: Int {
        if case .array(let elements) = box.content { return elements.count }
        return 0
    }

    private func append(_ child: Box) {
        guard case .array(var elements) = box.content else { return }
        elements.append(child)
        box.content = .array(elements)
    }

    private func append(_ value: JSONValue) {
        let child = Box()
        child.content = .value(value)
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
        child.content = .object([:])
        append(child)
        return KeyedEncodingContainer(KeyedContainer<NestedKey>(box: child, codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = Box()
        child.content = .array([])
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

    mutating func encodeNil() throws { box.content = .value(.null) }
    mutating func encode(_ value: Bool) throws { box.content = .value(.bool(value)) }
    mutating func encode(_ value: String) throws { box.content = .value(.string(value)) }
    mutating func encode(_ value: Double) throws { box.content = .value(.double(value)) }
    mutating func encode(_ value: Int) throws { box.content = .value(.int(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        let nested = try encodeNested(value, codingPath: codingPath)
        box.content = nested.content
    }
}
