import Foundation

/// A project's compose files read and merged into one tree (includes
/// imported, `extends` resolved, values interpolated unless switched off),
/// before any field is decoded: what `config --no-interpolate` prints and
/// what `ProjectLoader.load` decodes.
public struct LoadedModel {
    /// The normalized project name.
    public var name: String
    /// Absolute project directory.
    public var projectDirectory: String
    /// Absolute paths of the compose files, in load order.
    public var configFiles: [String]
    /// The files as the user named them.
    public var displayFiles: [String]
    /// The merged tree.
    public var root: ConfigNode
    /// SHA-256 (hex) of each compose file read (the project's own and
    /// every extended or included one), by absolute path.
    public var fileDigests: [String: String]
    /// The interpolation environment (process environment over `.env`, with
    /// `COMPOSE_PROJECT_NAME`).
    var environment: [String: String]
    /// The variables used while unset so far.
    let unset: UnsetVariables

    /// One warning per variable used while unset.
    public var warnings: [String] { unset.warnings }
}

extension ProjectLoader {
    /// Steps 1 to 3 of loading: the files, the environment, the project
    /// name, then every file read, interpolated and merged.
    public func loadModel(_ options: LoadOptions) throws -> LoadedModel {
        let cwd = options.currentDirectory
        let absolute: (String) -> String = { path in
            URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: cwd, isDirectory: true)).standardizedFileURL.path
        }
        let lookupDirectory = options.projectDirectory.map(absolute) ?? cwd

        // 1. The compose files (as the user names them, and absolute).
        var files = options.files
        if files.isEmpty, let fromEnvironment = options.environment["COMPOSE_FILE"], !fromEnvironment.isEmpty {
            let separator = options.environment["COMPOSE_PATH_SEPARATOR"] ?? ":"
            files = fromEnvironment.components(separatedBy: separator).filter { !$0.isEmpty }
        }
        if files.isEmpty {
            files = try Self.defaultFiles(in: lookupDirectory, relativeTo: cwd)
        }
        let absoluteFiles = files.map(absolute)
        let projectDirectory = options.projectDirectory.map(absolute)
            ?? (absoluteFiles[0] as NSString).deletingLastPathComponent

        // 2. The environment: the process environment over .env / --env-file.
        let unset = UnsetVariables()
        let loader = ModelLoader(currentDirectory: cwd, interpolates: options.interpolates, unset: unset)
        let dotEnv = try Self.readDotEnv(options: options, projectDirectory: projectDirectory, absolute: absolute, unset: unset)
        var environment = dotEnv.merging(options.environment) { _, process in process }

        // 3. The project name, which compose then sets as COMPOSE_PROJECT_NAME
        // for interpolation (whatever the environment says: it is the name).
        var parsed: [ConfigNode] = []
        for (index, file) in absoluteFiles.enumerated() {
            parsed.append(try loader.parse(file, shown: files[index]))
        }
        let name = try Self.projectName(options: options, environment: environment, firstFile: absoluteFiles[0],
                                        displayFile: files[0]) {
            // The last file that names the project, interpolated.
            guard let node = parsed.last(where: { $0["name"].map { !$0.isNull } ?? false })?["name"] else { return nil }
            return try NodeReader(try loader.interpolate(node, environment: environment), path: "name").optionalString()
        }
        environment["COMPOSE_PROJECT_NAME"] = name

        // 4. Read, interpolate and merge the files (with their includes and extends).
        let scope = LoadScope(environment: environment, directory: projectDirectory, includeChain: [], resolvesPaths: false)
        let root = try loader.load(absoluteFiles, shown: files, scope: scope)
        let model = LoadedModel(name: name, projectDirectory: projectDirectory, configFiles: absoluteFiles, displayFiles: files,
                                root: root, fileDigests: loader.digests, environment: environment, unset: unset)
        // The files as parsed, before interpolation and merging, are not needed again.
        BackgroundRelease.release((loader, parsed))
        return model
    }

    static func readDotEnv(options: LoadOptions, projectDirectory: String, absolute: (String) -> String,
                           unset: UnsetVariables) throws -> [String: String] {
        var paths: [(shown: String, path: String, required: Bool)] = options.envFiles.map { ($0, absolute($0), true) }
        if paths.isEmpty { paths = [(".env", projectDirectory + "/.env", false)] }
        var result: [String: String] = [:]
        for entry in paths {
            guard FileManager.default.fileExists(atPath: entry.path) else {
                if entry.required { throw ComposeError.unreadableFile(path: entry.shown, reason: "no such file") }
                continue
            }
            guard let text = try? String(contentsOfFile: entry.path, encoding: .utf8) else {
                throw ComposeError.unreadableFile(path: entry.shown, reason: "not readable as UTF-8 text")
            }
            let lookup: (String) -> String? = { result[$0] ?? options.environment[$0] }
            do {
                for (key, value) in try DotEnv.parse(text, lookup: lookup, onUnset: unset.record) {
                    if let value { result[key] = value } else if let inherited = options.environment[key] { result[key] = inherited }
                }
            } catch {
                throw ComposeError.invalid(SourceLocation(file: entry.shown, line: error.line, column: 1), error.message)
            }
        }
        return result
    }

    /// The project name: `-p`, else `COMPOSE_PROJECT_NAME`, else the
    /// top-level `name:` (`topLevel`, only read when needed, as compose
    /// interpolates it only then), else the first file's folder.
    static func projectName(options: LoadOptions, environment: [String: String], firstFile: String, displayFile: String,
                            topLevel: () throws -> String?) throws -> String {
        var raw: String?
        var source = ""
        if let explicit = options.projectName {
            (raw, source) = (explicit, "-p")
        } else if let fromEnvironment = environment["COMPOSE_PROJECT_NAME"], !fromEnvironment.isEmpty {
            (raw, source) = (fromEnvironment, "COMPOSE_PROJECT_NAME")
        } else if let fromFile = try topLevel() {
            (raw, source) = (fromFile, "the top-level name")
        } else {
            (raw, source) = (URL(fileURLWithPath: firstFile).deletingLastPathComponent().lastPathComponent, "the folder name")
        }
        guard let raw else { throw ComposeError.project(file: displayFile, "no project name") }
        guard let name = ProjectName.normalize(raw) else {
            throw ComposeError.project(file: displayFile, "project name \"\(raw)\" (from \(source)) has no letter or digit; set one with -p")
        }
        return name
    }
}
