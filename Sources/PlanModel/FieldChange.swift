/// One field in which an existing object differs from what the compose
/// files ask for: why a node replaces a container, a network or a volume.
///
/// `field` is named as the compose file names it (`image`, `ports`,
/// `environment.DB_PASSWORD`, `networks.front.aliases`). `before` is what
/// the object has, `after` what the plan creates; either is `nil` where
/// it does not exist, or where it is withheld (`isWithheld`): environment
/// variables and labels show their keys only unless `--show-values`, and
/// secret and config contents never appear.
public struct FieldChange: Codable, Hashable, Sendable {
    /// Whether the field is new, gone, or has another value.
    public enum Kind: String, Codable, Hashable, Sendable {
        case changed, added, removed
    }

    public var field: String
    public var kind: Kind
    public var before: String?
    public var after: String?

    public init(field: String, kind: Kind, before: String? = nil, after: String? = nil) {
        self.field = field
        self.kind = kind
        self.before = before
        self.after = after
    }

    /// The change from `before` to `after` (`nil`: absent), values kept.
    public init(field: String, from before: String?, to after: String?) {
        let kind: Kind = before == nil ? .added : after == nil ? .removed : .changed
        self.init(field: field, kind: kind, before: before, after: after)
    }

    /// The values exist but are not shown (an environment variable or a
    /// label without `--show-values`).
    public var isWithheld: Bool {
        switch kind {
        case .changed: before == nil || after == nil
        case .added: after == nil
        case .removed: before == nil
        }
    }

    /// The same change with its values dropped.
    public var withheld: FieldChange {
        FieldChange(field: field, kind: kind)
    }

    /// The change for people: `image: nginx:1.25 → nginx:1.26`,
    /// `environment.DB_PASSWORD changed`, `ports: added 8080:80/tcp`.
    public var description: String {
        switch (kind, before, after) {
        case (.changed, let before?, let after?): "\(field): \(before) → \(after)"
        case (.added, _, let after?): "\(field): added \(after)"
        case (.removed, let before?, _): "\(field): removed \(before)"
        default: "\(field) \(kind.rawValue)"
        }
    }
}

/// Why a node's object differs, field by field, and who wrote the label
/// that made it look different.
public struct ChangeExplanation: Codable, Hashable, Sendable {
    /// The fields that differ; empty when none does.
    public var changes: [FieldChange]
    /// The tool that created the existing object, from its
    /// `com.docker.compose.version` label (`docker-compose 1.29.2`,
    /// `docker compose 2.24.0`), when its config hash is not the one
    /// composeplan computes and no field differs.
    public var hashWrittenBy: String?

    public init(changes: [FieldChange], hashWrittenBy: String? = nil) {
        self.changes = changes
        self.hashWrittenBy = hashWrittenBy
    }

    /// The lines `plan --explain` prints under the node.
    public var lines: [String] {
        if changes.isEmpty {
            guard let hashWrittenBy else { return ["no field differs: only the config hash label does"] }
            return ["no field differs: the config hash label was written by \(hashWrittenBy) (--adopt keeps this container)"]
        }
        return changes.map(\.description)
    }
}
