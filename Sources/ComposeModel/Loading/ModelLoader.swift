import Foundation

/// Reads compose files into one merged tree the way docker compose's loader
/// does, file by file: parse, interpolate, bring list-or-mapping fields to
/// one form, resolve `extends`, import `include`d projects, then merge with
/// the previous files (override rules). Shared by the project's own files
/// and, recursively, by every include; it remembers parsed files and the
/// variables used while unset.
final class ModelLoader {
    /// The folder file names are shown relative to.
    let currentDirectory: String
    /// `false` for `config --no-interpolate`: values stay as written.
    let interpolates: Bool
    /// The variables used while unset, across every file read.
    let unset: UnsetVariables
    /// Parsed (not yet interpolated) files by absolute path.
    private var parsed: [String: ConfigNode] = [:]
    /// SHA-256 (hex) of every file read, by absolute path: a plan file
    /// records them without reading the files again.
    private(set) var digests: [String: String] = [:]

    init(currentDirectory: String, interpolates: Bool, unset: UnsetVariables) {
        self.currentDirectory = currentDirectory
        self.interpolates = interpolates
        self.unset = unset
    }

    /// `path` as shown in messages: relative to the current folder when it
    /// is inside it, else absolute.
    func displayName(_ path: String) -> String {
        let prefix = currentDirectory.hasSuffix("/") ? currentDirectory : currentDirectory + "/"
        return path.hasPrefix(prefix) ? String(path.dropFirst(prefix.count)) : path
    }

    /// The file at absolute `path`, parsed (cached); `shown` names it in errors.
    func parse(_ path: String, shown: String? = nil) throws -> ConfigNode {
        if let cached = parsed[path] { return cached }
        let shown = shown ?? displayName(path)
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            let reason = FileManager.default.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file"
            throw ComposeError.unreadableFile(path: shown, reason: reason)
        }
        digests[path] = SHA256Hex.digest(of: Data(text.utf8))
        let node = try ConfigNode.parse(yaml: text, file: shown)
        guard case .mapping = node else {
            throw ComposeError.invalid(node.location, "a compose file must be a mapping, found \(node.kindDescription)")
        }
        parsed[path] = node
        return node
    }

    /// `node` interpolated with `environment` (unless interpolation is off).
    func interpolate(_ node: ConfigNode, environment: [String: String]) throws -> ConfigNode {
        guard interpolates else { return node }
        return try TreeInterpolation(interpolator: Interpolator(lookup: { environment[$0] }), unset: unset).apply(node)
    }

    /// The files at `paths` (absolute; `shown` as the user named them, when
    /// known) read in `scope` and merged in order.
    func load(_ paths: [String], shown: [String]? = nil, scope: LoadScope) throws -> ConfigNode {
        var merged: ConfigNode?
        for (index, path) in paths.enumerated() {
            var file = try prepare(try parse(path, shown: shown?[index]), environment: scope.environment)
            let extends = ExtendsResolver(directory: scope.directory, displayName: self.displayName) { other in
                // A service taken from another file keeps its paths relative
                // to that file's folder, as in docker compose.
                let node = try self.prepare(try self.parse(other), environment: scope.environment)
                return PathResolver(directory: (other as NSString).deletingLastPathComponent).resolve(node)
            }
            file = try extends.resolve(file, path: path)
            file = try IncludeResolver(loader: self).apply(to: file, path: path, scope: scope)
            merged = try merged.map { try ConfigMerger.merge($0, file) } ?? file
        }
        guard let merged else { return .mapping([], SourceLocation(file: "")) }
        let model = Self.defaultingBuildContext(merged)
        return scope.resolvesPaths ? PathResolver(directory: scope.directory).resolve(model) : model
    }

    /// A `build` without `context` builds from `.` (compose's
    /// `SetDefaultValues`, applied once the files are merged, so that an
    /// override without a context keeps the base file's).
    static func defaultingBuildContext(_ model: ConfigNode) -> ConfigNode {
        model.updating("services") { services in
            services.updatingEachValue { service in
                service.updating("build") { build in
                    guard case .mapping(var entries, let location) = build, build["context"] == nil else { return build }
                    entries.append(.init(key: "context", keyLocation: location, value: .scalar(".", plain: false, location)))
                    return .mapping(entries, location)
                }
            }
        }
    }

    /// Interpolated and canonicalized.
    private func prepare(_ node: ConfigNode, environment: [String: String]) throws -> ConfigNode {
        try ConfigMerger.canonicalizeServices(try interpolate(node, environment: environment))
    }
}
