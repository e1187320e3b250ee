import Foundation

/// Resolves `extends:` in one compose file: a service that extends another
/// (`extends: base` or `extends: {service: base, file: other.yaml}`) starts
/// from that service's configuration, its own fields merged on top with the
/// override rules of several `-f` files. Chains are followed; cycles and
/// missing bases are errors naming the file, line and column.
///
/// A relative `extends.file` of the resolved file starts from `directory`
/// (docker compose: the project directory, or the include's); the other
/// files come from `loadFile` with their relative paths already made
/// absolute against their own folder, so their `extends.file` chains and
/// paths need nothing more here.
struct ExtendsResolver {
    /// Where a relative `extends.file` of the resolved file starts from.
    let directory: String
    /// A file's name for messages, from its absolute path.
    let displayName: (String) -> String
    /// Reads another compose file, given its absolute path, interpolated,
    /// canonicalized and with its relative paths made absolute.
    let loadFile: (_ path: String) throws -> ConfigNode

    /// `root` (the file at `path`) with every `extends` resolved.
    func resolve(_ root: ConfigNode, path: String) throws -> ConfigNode {
        guard case .mapping(var entries, let location) = root,
              let servicesIndex = entries.firstIndex(where: { $0.key == "services" }),
              case .mapping(var services, let servicesLocation) = entries[servicesIndex].value else { return root }
        var cache: [String: ConfigNode] = [path: root]
        for index in services.indices where services[index].value["extends"] != nil {
            services[index].value = try resolveService(services[index].key, in: root, path: path, chain: [], cache: &cache)
        }
        entries[servicesIndex].value = .mapping(services, servicesLocation)
        return .mapping(entries, location)
    }

    private func resolveService(_ name: String, in root: ConfigNode, path: String, chain: [String],
                                cache: inout [String: ConfigNode]) throws -> ConfigNode {
        let link = "\(path)#\(name)"
        guard let service = root["services"]?[name] else {
            throw ComposeError.invalid(root.location, "extends: no service \"\(name)\" in \(displayName(path))")
        }
        guard case .mapping(let fields, let location) = service, let extends = service["extends"] else { return service }
        if chain.contains(link) {
            let names = (chain + [link]).map { $0.components(separatedBy: "#").last ?? $0 }
            throw ComposeError.invalid(extends.location, "extends cycle: \(names.joined(separator: " -> "))")
        }
        var baseName: String
        var baseFile: String?
        switch extends {
        case .scalar(let text, _, _) where !extends.isNull:
            baseName = text
        case .mapping(let options, _):
            baseName = ""
            for option in options {
                switch option.key {
                case "service": baseName = option.value.scalarText ?? ""
                case "file": baseFile = option.value.scalarText
                default:
                    throw ComposeError.invalid(option.keyLocation, "unknown key \"\(option.key)\" in extends of service \"\(name)\"")
                }
            }
        default:
            throw ComposeError.invalid(extends.location, "services.\(name).extends: expected a service name or a mapping")
        }
        guard !baseName.isEmpty else {
            throw ComposeError.invalid(extends.location, "services.\(name).extends: needs the service to extend")
        }
        var basePath = path
        var baseRoot = root
        if let baseFile {
            // Only the resolved file's own `extends.file` can be relative
            // here: other files come with theirs made absolute.
            basePath = URL(fileURLWithPath: baseFile, relativeTo: URL(fileURLWithPath: directory, isDirectory: true))
                .standardizedFileURL.path
            if let cached = cache[basePath] {
                baseRoot = cached
            } else {
                baseRoot = try loadFile(basePath)
                cache[basePath] = baseRoot
            }
        }
        guard baseRoot["services"]?[baseName] != nil else {
            throw ComposeError.invalid(extends.location, "service \"\(name)\" extends undefined service \"\(baseName)\"")
        }
        let base = try resolveService(baseName, in: baseRoot, path: basePath, chain: chain + [link], cache: &cache)
        let own = ConfigNode.mapping(fields.filter { $0.key != "extends" }, location)
        return try ConfigMerger.mergeService(base, own, name: name)
    }
}
