/// Reads the `env_file`s of the services a command works on, after profiles
/// and the service selection, as docker compose does
/// (`WithServicesEnvironmentResolved` runs after `WithSelectedServices`):
/// `up serviceA` succeeds even though serviceB, not selected, names an env
/// file that does not exist. Values from the files come first, in file
/// order; the service's own `environment` wins.
struct EnvFileResolver {
    let context: DecodingContext
    /// The merged compose tree, to point errors at the service's `env_file`.
    let root: ConfigNode
    let displayFile: String
    let unset: UnsetVariables

    /// Applies the env files of every active service of `project`.
    func resolve(_ project: inout Project) throws {
        for name in project.serviceNames {
            try resolve(&project.services[name]!)
        }
    }

    private func resolve(_ service: inout ServiceConfig) throws {
        guard !service.envFile.isEmpty else { return }
        let name = service.name
        let location = root["services"]?[name]?["env_file"]?.location ?? SourceLocation(file: displayFile)
        let fail = { (message: String) -> ComposeError in
            .invalid(location, "services.\(name).env_file: \(message)")
        }
        let explicit = service.environment
        var fromFiles: [String: String?] = [:]
        for file in service.envFile {
            let text: String?
            do {
                text = try context.readFile(file.path)
            } catch {
                throw fail("cannot read env file \(file.path): \(error.localizedDescription)")
            }
            guard let text else {
                if file.required { throw fail("env file \(file.path) not found") }
                continue
            }
            // Interpolation in env files: the project's environment first,
            // then the service's own `environment` values (compose's order).
            let lookup: (String) -> String? = { name in
                context.environment[name] ?? explicit[name].flatMap { $0 }
            }
            let pairs: [(key: String, value: String?)]
            do {
                pairs = try DotEnv.parse(text, lookup: lookup, onUnset: unset.record)
            } catch {
                throw ComposeError.invalid(SourceLocation(file: file.path, line: error.line, column: 1), error.message)
            }
            for (key, value) in pairs {
                fromFiles[key] = .some(value ?? context.environment[key])
            }
        }
        service.environment = fromFiles.merging(explicit) { _, own in own }
    }
}
