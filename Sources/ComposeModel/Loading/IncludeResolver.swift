import Foundation

/// The top-level `include` (compose 2.20+): each entry is loaded as a
/// compose project of its own — its files merged, its own project directory
/// (`project_directory`, else the folder of its first file) for relative
/// paths, its own environment (the including file's, over the include's
/// `env_file`s or, without them, the `.env` of its project directory) — and
/// its services, networks, volumes, secrets and configs are imported into
/// the including file, as docker compose does:
///
/// - short form `- other.yaml`, long form `{path: a.yaml | [a.yaml, b.yaml],
///   project_directory: dir, env_file: x.env | [..]}`; paths relative to
///   the including scope's directory;
/// - nested includes, with a cycle an error naming the chain;
/// - a resource defined both by the including file (or an earlier include)
///   and by the imported project is an error unless both definitions are the
///   same ("services.web conflicts with imported resource", compose 2.20 to
///   2.40); a later `-f` file may still override an included resource.
struct IncludeResolver {
    let loader: ModelLoader

    /// The resource sections an include imports.
    static let importedSections = ["services", "volumes", "networks", "secrets", "configs"]
    static let entryKeys: Set<String> = ["path", "project_directory", "env_file"]

    /// `root` (the file at `path`, read in `scope`) with its `include`
    /// entries imported and the key removed.
    func apply(to root: ConfigNode, path: String, scope: LoadScope) throws -> ConfigNode {
        guard case .mapping(var entries, let location) = root,
              let includeIndex = entries.firstIndex(where: { $0.key == "include" }) else { return root }
        let include = entries.remove(at: includeIndex)
        if include.value.isNull { return .mapping(entries, location) }
        guard case .sequence(let items, _) = include.value else {
            throw ComposeError.invalid(include.value.location, "include: expected a list, found \(include.value.kindDescription)")
        }
        var result = ConfigNode.mapping(entries, location)
        for (index, item) in items.enumerated() {
            let entry = try IncludeEntry(item, index: index)
            let imported = try load(entry, from: path, scope: scope)
            result = try importResources(imported, into: result, entry: entry)
        }
        return result
    }

    /// The included project's merged tree.
    private func load(_ entry: IncludeEntry, from path: String, scope: LoadScope) throws -> ConfigNode {
        let paths = entry.paths.map { absolute($0, in: scope.directory) }
        let chain = scope.includeChain + [path]
        if chain.contains(paths[0]) {
            let names = (chain + [paths[0]]).map(loader.displayName)
            throw ComposeError.invalid(entry.location, "include cycle: \(names.joined(separator: " -> "))")
        }
        let projectDirectory = entry.projectDirectory.map { absolute($0, in: scope.directory) }
            ?? (paths[0] as NSString).deletingLastPathComponent
        let environment = try includeEnvironment(entry, projectDirectory: projectDirectory, scope: scope)
        let included = LoadScope(environment: environment, directory: projectDirectory, includeChain: chain, resolvesPaths: true)
        var model = try loader.load(paths, scope: included)
        try checkTopLevel(model)
        model = Self.resolvingBareEnvironment(model, environment)
        return model
    }

    /// The include's environment: its env files (or its project's `.env`),
    /// with the including scope's values winning.
    private func includeEnvironment(_ entry: IncludeEntry, projectDirectory: String, scope: LoadScope) throws -> [String: String] {
        var files: [String] = []
        if let envFiles = entry.envFiles {
            for file in envFiles {
                let path = absolute(file, in: scope.directory)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    throw ComposeError.invalid(entry.location, "include: env file \(loader.displayName(path)) not found")
                }
                files.append(path)
            }
        } else {
            let dotEnv = projectDirectory + "/.env"
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: dotEnv, isDirectory: &isDirectory), !isDirectory.boolValue {
                files = [dotEnv]
            }
        }
        var fromFiles: [String: String] = [:]
        for file in files {
            guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw ComposeError.unreadableFile(path: loader.displayName(file), reason: "not readable as UTF-8 text")
            }
            let lookup: (String) -> String? = { fromFiles[$0] ?? scope.environment[$0] }
            do {
                for (key, value) in try DotEnv.parse(text, lookup: lookup, onUnset: loader.unset.record) {
                    if let value = value ?? scope.environment[key] { fromFiles[key] = value }
                }
            } catch {
                throw ComposeError.invalid(SourceLocation(file: loader.displayName(file), line: error.line, column: 1), error.message)
            }
        }
        return fromFiles.merging(scope.environment) { _, parent in parent }
    }

    /// Included files may only hold the top-level keys of a compose file.
    private func checkTopLevel(_ model: ConfigNode) throws {
        for entry in model.entries ?? [] where !entry.key.hasPrefix("x-") && !ProjectLoader.topLevelKeys.contains(entry.key) {
            throw ComposeError.invalid(entry.keyLocation, "unknown key \"\(entry.key)\" in the top level")
        }
    }

    /// `environment: [NAME]` entries of the included services take their
    /// value from the include's environment (compose resolves them while
    /// loading the included project).
    static func resolvingBareEnvironment(_ model: ConfigNode, _ environment: [String: String]) -> ConfigNode {
        model.updating("services") { services in
            services.updatingEachValue { service in
                service.updating("environment") { variables in
                    guard case .mapping(var entries, let location) = variables else { return variables }
                    for index in entries.indices where entries[index].value.isNull {
                        if let value = environment[entries[index].key] {
                            entries[index].value = .scalar(value, plain: false, entries[index].value.location)
                        }
                    }
                    return .mapping(entries, location)
                }
            }
        }
    }

    /// Adds `imported`'s resources to `root`; a name both define differently
    /// is an error.
    private func importResources(_ imported: ConfigNode, into root: ConfigNode, entry: IncludeEntry) throws -> ConfigNode {
        var result = root
        for section in Self.importedSections {
            guard case .mapping(let resources, let sectionLocation)? = imported[section] else { continue }
            guard case .mapping(var entries, let location) = result else { return result }
            var target: [ConfigNode.MappingEntry] = []
            var targetLocation = sectionLocation
            let targetIndex = entries.firstIndex(where: { $0.key == section })
            if let targetIndex, case .mapping(let existing, let existingLocation) = entries[targetIndex].value {
                target = existing
                targetLocation = existingLocation
            }
            for resource in resources {
                if let existing = target.first(where: { $0.key == resource.key }) {
                    guard existing.value.structurallyEquals(resource.value) else {
                        throw ComposeError.invalid(existing.keyLocation,
                                                   "\(section).\(resource.key) conflicts with imported resource (\(resource.keyLocation))")
                    }
                    continue
                }
                target.append(resource)
            }
            let merged = ConfigNode.MappingEntry(key: section, keyLocation: targetIndex.map { entries[$0].keyLocation } ?? sectionLocation,
                                                 value: .mapping(target, targetLocation))
            if let targetIndex { entries[targetIndex] = merged } else { entries.append(merged) }
            result = .mapping(entries, location)
        }
        return result
    }

    private func absolute(_ path: String, in directory: String) -> String {
        PathResolver(directory: directory).absolute(path)
    }
}
