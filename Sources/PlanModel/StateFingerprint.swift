import ComposeModel
import Foundation

/// A digest of the observed state a plan was computed from: ids, names,
/// states and config hashes of every project container, network and volume.
/// `apply` recomputes it and refuses a plan whose state has changed since.
public struct StateFingerprint: Codable, Hashable, Sendable {
    /// One observed resource.
    public struct Entry: Codable, Hashable, Sendable, Comparable {
        /// `container`, `network` or `volume`.
        public var kind: String
        public var id: String
        public var name: String
        /// Container state; empty for networks and volumes.
        public var state: String
        public var configHash: String

        public init(kind: String, id: String, name: String, state: String = "", configHash: String = "") {
            self.kind = kind
            self.id = id
            self.name = name
            self.state = state
            self.configHash = configHash
        }

        public static func < (lhs: Entry, rhs: Entry) -> Bool {
            (lhs.kind, lhs.name, lhs.id) < (rhs.kind, rhs.name, rhs.id)
        }

        var line: String { "\(kind)\t\(id)\t\(name)\t\(state)\t\(configHash)" }
    }

    /// SHA-256 (hex) over the sorted entries.
    public var digest: String
    public var entries: [Entry]

    public init(entries: [Entry]) {
        self.entries = entries.sorted()
        let text = self.entries.map(\.line).joined(separator: "\n")
        digest = SHA256Hex.digest(of: Data(text.utf8))
    }

    /// Human-readable differences from `earlier` to `self` (added, removed,
    /// changed resources), for the stale-plan message.
    public func changes(since earlier: StateFingerprint) -> [String] {
        func key(_ entry: Entry) -> String { "\(entry.kind) \(entry.name)" }
        let before = Dictionary(earlier.entries.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let after = Dictionary(entries.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [String] = []
        for name in Set(before.keys).union(after.keys).sorted() {
            switch (before[name], after[name]) {
            case (nil, .some): changes.append("\(name) appeared")
            case (.some, nil): changes.append("\(name) is gone")
            case (.some(let old), .some(let new)) where old != new:
                var what: [String] = []
                if old.id != new.id { what.append("id") }
                if old.state != new.state { what.append("state \(old.state) → \(new.state)") }
                if old.configHash != new.configHash { what.append("config hash") }
                changes.append("\(name) changed (\(what.joined(separator: ", ")))")
            default: break
            }
        }
        return changes
    }
}
