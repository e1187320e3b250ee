import Foundation

/// Loads a compose project the way docker compose does: finds the files,
/// reads `.env`, settles the project name, reads every file (interpolated,
/// `extends` resolved, `include`s imported) and merges them with the
/// override rules (`loadModel`), decodes and validates every field, applies
/// profiles and the service selection, normalizes (default network,
/// implicit dependencies, Docker names), and reads the `env_file`s of the
/// services left. Every problem is a `ComposeError` naming the file, line
/// and column.
public struct ProjectLoader {
    static let defaultFileNames = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]
    static let topLevelKeys: Set<String> = ["version", "name", "services", "networks", "volumes", "secrets", "configs"]

    public init() {}

    /// Loads the project `options` describe.
    public func load(_ options: LoadOptions) throws -> Project {
        let model = try loadModel(options)
        let merged = model.root
        let root = NodeReader(merged, path: "")
        var warnings: [String] = []

        // 5. Top level.
        var sections: [String: NodeReader] = [:]
        for (key, reader) in try root.mapping(allowedKeys: Self.topLevelKeys, what: "the top level") {
            sections[key] = reader
        }
        if sections["version"] != nil {
            warnings.append("the top-level \"version\" is obsolete and ignored")
        }
        let name = model.name
        let projectDirectory = model.projectDirectory
        let files = model.displayFiles
        let absoluteFiles = model.configFiles
        let environment = model.environment
        let fileManager = FileManager.default

        // 6. Decode.
        let context = DecodingContext(workingDirectory: projectDirectory, environment: environment, readFile: { path in
            guard fileManager.fileExists(atPath: path) else { return nil }
            return try String(contentsOfFile: path, encoding: .utf8)
        })
        let serviceDecoder = ServiceDecoder(context: context)
        let resourceDecoder = ResourceDecoder(context: context, projectName: name)
        // Services decode independently of each other, so on all cores; the
        // first failure in file order is the one reported, as sequentially.
        let serviceEntries = try sections["services"]?.mapping() ?? []
        let decoded = serviceEntries.concurrentMap(chunkSize: 32) { entry in
            Result { try serviceDecoder.decode(name: entry.key, entry.reader) }
        }
        var services: [String: ServiceConfig] = [:]
        services.reserveCapacity(serviceEntries.count)
        for (entry, result) in zip(serviceEntries, decoded) {
            services[entry.key] = try result.get()
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

        // --scale overrides scale and deploy.replicas (neither enters the hash).
        for (name, count) in options.scales.sorted(by: { $0.key < $1.key }) {
            guard services[name] != nil else { throw ComposeError.project(file: files[0], "--scale: no such service: \(name)") }
            services[name]!.scale = count
            if services[name]!.deploy?.replicas != nil { services[name]!.deploy!.replicas = count }
        }

        // 7. Normalize and validate; then the env files of the services left.
        var project = Project(name: name, workingDirectory: projectDirectory, configFiles: absoluteFiles,
                              services: services, networks: networks, volumes: volumes,
                              secrets: secrets, configs: configs)
        var profiles = options.profiles
        if profiles.isEmpty, let fromEnvironment = environment["COMPOSE_PROFILES"] {
            profiles = fromEnvironment.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let normalizer = ProjectNormalizer(root: merged, displayFile: files[0])
        try normalizer.normalize(&project, profiles: profiles, selected: options.selectedServices,
                                 withDependencies: options.selectsDependencies)
        try EnvFileResolver(context: context, root: merged, displayFile: files[0], unset: model.unset).resolve(&project)
        project.warnings = model.unset.warnings + warnings
        project.configFileDigests = model.fileDigests.filter { absoluteFiles.contains($0.key) }
        // The merged tree the project was decoded from is not needed again.
        BackgroundRelease.release((model, sections, serviceEntries, decoded))
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
}
