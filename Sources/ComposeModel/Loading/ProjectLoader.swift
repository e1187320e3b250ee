import Foundation

/// Loads a compose project the way docker compose does: finds the files,
/// reads `.env`, interpolates, merges the files with the override rules,
/// decodes and validates every field, applies profiles and the service
/// selection, and normalizes (default network, implicit dependencies, Docker
/// names). Every problem is a `ComposeError` naming the file, line and column.
public struct ProjectLoader {
    static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
    static let topLevelKeys: Set<String> = ["version", "name", "services", "networks", "volumes", "secrets", "configs"]

    public init() {}

    /// Loads the project `options` describe.
    public func load(_ options: LoadOptions) throws -> Project {
        let fileManager = FileManager.default
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
        let dotEnv = try Self.readDotEnv(options: options, projectDirectory: projectDirectory, absolute: absolute)
        let environment = dotEnv.merging(options.environment) { _, process in process }

        // 3. Read, interpolate and merge the files.
        var interpolation = TreeInterpolation(interpolator: Interpolator(lookup: { environment[$0] }))
        func readFile(_ path: String, shown: String) throws -> ConfigNode {
            let text: String
            do {
                text = try String(contentsOfFile: path, encoding: .utf8)
            } catch {
                let reason = fileManager.fileExists(atPath: path) ? "not readable as UTF-8 text" : "no such file"
                throw ComposeError.unreadableFile(path: shown, reason: reason)
            }
            let parsed = try ConfigNode.parse(yaml: text, file: shown)
            guard case .mapping = parsed else {
                throw ComposeError.invalid(parsed.location, "a compose file must be a mapping, found \(parsed.kindDescription)")
            }
            return try ConfigMerger.canonicalizeServices(try interpolation.apply(parsed))
        }
        var merged: ConfigNode?
        for (index, file) in files.enumerated() {
            let extends = ExtendsResolver(loadFile: { path, shown in try readFile(path, shown: shown) })
            let resolved = try extends.resolve(try readFile(absoluteFiles[index], shown: file), path: absoluteFiles[index])
            merged = try merged.map { try ConfigMerger.merge($0, resolved) } ?? resolved
        }
        let root = NodeReader(merged!, path: "")
        var warnings: [String] = interpolation.unsetVariables.map {
            "the \"\($0)\" variable is not set; defaulting to a blank string"
        }

        // 4. Top level and project name.
        if case .mapping(let entries, _) = merged!, let include = entries.first(where: { $0.key == "include" }) {
            throw ComposeError.invalid(include.keyLocation, "the top-level \"include\" is not supported by composeplan; pass the files with -f instead")
        }
        var sections: [String: NodeReader] = [:]
        for (key, reader) in try root.mapping(allowedKeys: Self.topLevelKeys, what: "the top level") {
            sections[key] = reader
        }
        if sections["version"] != nil {
            warnings.append("the top-level \"version\" is obsolete and ignored")
        }
        let name = try Self.projectName(options: options, environment: environment, topLevel: sections["name"],
                                        firstFile: absoluteFiles[0], displayFile: files[0])

        // 5. Decode.
        let context = DecodingContext(workingDirectory: projectDirectory, environment: environment, readFile: { path in
            guard fileManager.fileExists(atPath: path) else { return nil }
            return try String(contentsOfFile: path, encoding: .utf8)
        })
        let serviceDecoder = ServiceDecoder(context: context)
        let resourceDecoder = ResourceDecoder(context: context, projectName: name)
        var services: [String: ServiceConfig] = [:]
        for (key, reader) in try sections["services"]?.mapping() ?? [] {
            services[key] = try serviceDecoder.decode(name: key, reader)
        }
        var networks: [String: NetworkConfig] = [:]
        for (key, reader) in try sections["networks"]?.mapping() ?? [] {
            networks[key] = try resourceDecoder.network(key: key, reader)
        }
        var volumes: [String: VolumeConfig] = [:]
        for (key, reader) in try sections["volumes"]?.mapping() ?? [] {
            volumes[key] = try resourceDecoder.volume(key: key, reader)
        }
        var secrets: [String: FileObjectConfig] = [:]
        for (key, reader) in try sections["secrets"]?.mapping() ?? [] {
            secrets[key] = try resourceDecoder.fileObject(key: key, kind: "secret", reader)
        }
        var configs: [String: FileObjectConfig] = [:]
        for (key, reader) in try sections["configs"]?.mapping() ?? [] {
            configs[key] = try resourceDecoder.fileObject(key: key, kind: "config", reader)
        }

        // 6. Normalize and validate.
        var project = Project(name: name, workingDirectory: projectDirectory, configFiles: absoluteFiles,
                              services: services, networks: networks, volumes: volumes,
                              secrets: secrets, configs: configs, warnings: warnings)
        var profiles = options.profiles
        if profiles.isEmpty, let fromEnvironment = environment["COMPOSE_PROFILES"] {
            profiles = fromEnvironment.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let normalizer = ProjectNormalizer(root: merged!, displayFile: files[0])
        try normalizer.normalize(&project, profiles: profiles, selected: options.selectedServices)
        return project
    }

    static func defaultFiles(in directory: String, relativeTo cwd: String) throws -> [String] {
        let fileManager = FileManager.default
        guard let found = defaultFileNames.first(where: { fileManager.fileExists(atPath: directory + "/" + $0) }) else {
            throw ComposeError.noComposeFile(directory: directory)
        }
        let prefix = directory == cwd ? "" : directory + "/"
        var files = [prefix + found]
        let base = (found as NSString).deletingPathExtension
        for ext in ["yaml", "yml"] where fileManager.fileExists(atPath: "\(directory)/\(base).override.\(ext)") {
            files.append("\(prefix)\(base).override.\(ext)")
            break
        }
        return files
    }

    static func readDotEnv(options: LoadOptions, projectDirectory: String,
                           absolute: (String) -> String) throws -> [String: String] {
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
                for (key, value) in try DotEnv.parse(text, lookup: lookup) {
                    if let value { result[key] = value } else if let inherited = options.environment[key] { result[key] = inherited }
                }
            } catch {
                throw ComposeError.invalid(SourceLocation(file: entry.shown, line: error.line, column: 1), error.message)
            }
        }
        return result
    }

    static func projectName(options: LoadOptions, environment: [String: String], topLevel: NodeReader?,
                            firstFile: String, displayFile: String) throws -> String {
        let candidates: [(String?, String)] = [
            (options.projectName, "-p"),
            (environment["COMPOSE_PROJECT_NAME"].flatMap { $0.isEmpty ? nil : $0 }, "COMPOSE_PROJECT_NAME"),
            (try topLevel?.optionalString(), "the top-level name"),
            (URL(fileURLWithPath: firstFile).deletingLastPathComponent().lastPathComponent, "the folder name"),
        ]
        guard let (raw, source) = candidates.first(where: { $0.0 != nil }).map({ ($0.0!, $0.1) }) else {
            throw ComposeError.project(file: displayFile, "no project name")
        }
        guard let name = ProjectName.normalize(raw) else {
            throw ComposeError.project(file: displayFile, "project name \"\(raw)\" (from \(source)) has no letter or digit; set one with -p")
        }
        return name
    }
}
