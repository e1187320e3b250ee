/// Merges compose files with docker compose's override rules: mappings merge
/// key by key, scalars are replaced, sequences are appended — except
/// `command`, `entrypoint` and `healthcheck.test`, which are replaced, and
/// the sequences of unique things, which merge by their identity (`volumes`
/// by target, `secrets`/`configs` by source, `ports`, `expose`, `dns`,
/// `cap_add`, … by value). Fields that may be written as a list or a mapping
/// (`environment`, `labels`, `depends_on`, `networks`, …) are brought to the
/// mapping form first so both spellings merge.
public enum ConfigMerger {
    /// Merges `override` onto `base` (both whole compose files).
    public static func merge(_ base: ConfigNode, _ override: ConfigNode) throws -> ConfigNode {
        try mergeNode(base, override, path: [])
    }

    /// Merges service `override` onto service `base` (for `extends`), with the
    /// rules that apply to `services.<name>` when files are merged.
    public static func mergeService(_ base: ConfigNode, _ override: ConfigNode, name: String) throws -> ConfigNode {
        try mergeNode(base, override, path: ["services", name])
    }

    /// Brings list-or-mapping service fields to the mapping form so that the
    /// files' spellings merge; called on each file before merging.
    public static func canonicalizeServices(_ root: ConfigNode) throws -> ConfigNode {
        guard case .mapping(var entries, let location) = root else { return root }
        for index in entries.indices where entries[index].key == "services" {
            guard case .mapping(var services, let servicesLocation) = entries[index].value else { continue }
            for serviceIndex in services.indices {
                guard case .mapping(var fields, let serviceLocation) = services[serviceIndex].value else { continue }
                for fieldIndex in fields.indices {
                    fields[fieldIndex].value = try canonicalizeField(fields[fieldIndex].key, fields[fieldIndex].value)
                }
                services[serviceIndex].value = .mapping(fields, serviceLocation)
            }
            entries[index].value = .mapping(services, servicesLocation)
        }
        return .mapping(entries, location)
    }

    static let keyValueListFields: Set<String> = ["environment", "labels", "sysctls", "annotations"]
    static let nameListFields: Set<String> = ["depends_on", "networks"]

    private static func canonicalizeField(_ key: String, _ value: ConfigNode) throws -> ConfigNode {
        if keyValueListFields.contains(key), case .sequence(let items, let location) = value {
            var entries: [ConfigNode.MappingEntry] = []
            for item in items {
                guard case .scalar(let text, _, let itemLocation) = item else {
                    throw ComposeError.invalid(item.location, "\(key) entries must be strings like KEY=VALUE, found \(item.kindDescription)")
                }
                if let equals = text.firstIndex(of: "=") {
                    entries.append(.init(key: String(text[..<equals]), keyLocation: itemLocation,
                                         value: .scalar(String(text[text.index(after: equals)...]), plain: false, itemLocation)))
                } else {
                    entries.append(.init(key: text, keyLocation: itemLocation, value: .scalar("", plain: true, itemLocation)))
                }
            }
            return .mapping(entries, location)
        }
        if nameListFields.contains(key), case .sequence(let items, let location) = value {
            var entries: [ConfigNode.MappingEntry] = []
            for item in items {
                guard case .scalar(let text, _, let itemLocation) = item, !item.isNull else {
                    throw ComposeError.invalid(item.location, "\(key) entries must be names, found \(item.kindDescription)")
                }
                entries.append(.init(key: text, keyLocation: itemLocation, value: .scalar("", plain: true, itemLocation)))
            }
            return .mapping(entries, location)
        }
        // A single env_file or label_file merges with a list of them (compose's
        // mergeToSequence), so it becomes a one-item list.
        if key == "env_file" || key == "label_file", case .scalar(_, _, let location) = value, !value.isNull {
            return .sequence([value], location)
        }
        if key == "build", case .scalar(let text, _, let location) = value, !value.isNull {
            return .mapping([.init(key: "context", keyLocation: location, value: .scalar(text, plain: false, location))], location)
        }
        return value
    }

    /// Sequences replaced rather than appended.
    static let replacedSequences: Set<String> = ["command", "entrypoint", "test"]
    /// Sequences whose entries are unique by value.
    static let uniqueSequences: Set<String> = [
        "ports", "expose", "external_links", "dns", "dns_search", "dns_opt", "tmpfs", "cap_add", "cap_drop",
        "security_opt", "links", "volumes_from", "profiles", "extra_hosts", "env_file", "group_add", "devices",
        "device_cgroup_rules",
    ]

    private static func mergeNode(_ base: ConfigNode, _ override: ConfigNode, path: [String]) throws -> ConfigNode {
        switch (base, override) {
        case (.mapping(let baseEntries, let location), .mapping(let overrideEntries, _)):
            // logging: a different driver replaces the whole section.
            if path.count == 3, path[0] == "services", path[2] == "logging",
               let baseDriver = base["driver"]?.scalarText, let newDriver = override["driver"]?.scalarText,
               baseDriver != newDriver {
                return override
            }
            var merged = baseEntries
            for entry in overrideEntries {
                if let existing = merged.firstIndex(where: { $0.key == entry.key }) {
                    merged[existing].value = try mergeNode(merged[existing].value, entry.value, path: path + [entry.key])
                } else {
                    merged.append(entry)
                }
            }
            return .mapping(merged, location)
        case (.sequence(let baseItems, let location), .sequence(let overrideItems, _)):
            let field = path.last ?? ""
            let inService = path.count >= 3 && path[0] == "services"
            guard inService else { return override }
            if replacedSequences.contains(field) { return override }
            if path.count == 3 && field == "volumes" {
                return .sequence(mergeByIdentity(baseItems, overrideItems, identity: volumeTarget), location)
            }
            if path.count == 3 && (field == "secrets" || field == "configs") {
                return .sequence(mergeByIdentity(baseItems, overrideItems, identity: fileReferenceSource), location)
            }
            if uniqueSequences.contains(field) {
                var items = baseItems
                for item in overrideItems where !items.contains(where: { $0.structurallyEquals(item) }) {
                    items.append(item)
                }
                return .sequence(items, location)
            }
            return .sequence(baseItems + overrideItems, location)
        default:
            return override
        }
    }

    private static func mergeByIdentity(_ base: [ConfigNode], _ override: [ConfigNode],
                                        identity: (ConfigNode) -> String?) -> [ConfigNode] {
        var items = base
        for item in override {
            if let key = identity(item), let existing = items.firstIndex(where: { identity($0) == key }) {
                items[existing] = item
            } else {
                items.append(item)
            }
        }
        return items
    }

    /// The mount target of a `volumes:` entry, short or long.
    static func volumeTarget(_ node: ConfigNode) -> String? {
        if let text = node.scalarText {
            let parts = text.split(separator: ":", omittingEmptySubsequences: false)
            return parts.count >= 2 ? String(parts[1]) : String(parts[0])
        }
        return node["target"]?.scalarText
    }

    static func fileReferenceSource(_ node: ConfigNode) -> String? {
        node.scalarText ?? node["source"]?.scalarText
    }
}

extension ConfigNode {
    /// The text of a non-null scalar, else `nil`.
    public var scalarText: String? {
        if case .scalar(let text, _, _) = self, !isNull { return text }
        return nil
    }

    /// Equality of content, ignoring source locations.
    func structurallyEquals(_ other: ConfigNode) -> Bool {
        switch (self, other) {
        case (.scalar(let a, let plainA, _), .scalar(let b, let plainB, _)):
            return a == b && (plainA == plainB || (!isNull && !other.isNull))
        case (.sequence(let a, _), .sequence(let b, _)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.structurallyEquals($1) }
        case (.mapping(let a, _), .mapping(let b, _)):
            guard a.count == b.count else { return false }
            for entry in a {
                guard let match = b.first(where: { $0.key == entry.key }), match.value.structurallyEquals(entry.value) else {
                    return false
                }
            }
            return true
        default:
            return false
        }
    }
}
