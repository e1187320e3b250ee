import Foundation

/// Makes the relative paths of a compose file absolute against one folder,
/// before the file's content is merged anywhere else, as docker compose does
/// for a service taken from another file by `extends` (the folder of that
/// file) and for the files of an `include` (the include's project
/// directory).
///
/// The fields are those compose resolves (`paths.ResolveRelativePaths`):
/// `build.context` and `build.additional_contexts` (not remote contexts),
/// `env_file`, `label_file`, `extends.file`, bind-mount sources (short and
/// long syntax), `develop.watch[].path`, the top-level `secrets`/`configs`
/// `file`, and the `device` of a local volume bound to a host folder. Paths
/// starting with `~` are left for the decoder, which expands them.
///
/// Must not be used on the project's own files: their relative paths stay
/// relative until decoding resolves them against the project directory.
struct PathResolver {
    /// The absolute folder relative paths start from.
    let directory: String

    /// `root` (a whole compose file, services canonicalized) with its
    /// relative paths made absolute.
    func resolve(_ root: ConfigNode) -> ConfigNode {
        root.updating("services") { services in
            services.updatingEachValue { service in resolveService(service) }
        }
        .updating("secrets") { $0.updatingEachValue { $0.updating("file", resolvePath) } }
        .updating("configs") { $0.updatingEachValue { $0.updating("file", resolvePath) } }
        .updating("volumes") { $0.updatingEachValue(resolveVolumeDevice) }
    }

    private func resolveService(_ service: ConfigNode) -> ConfigNode {
        service
            .updating("build") { build in
                build.updating("context", resolveContext)
                    .updating("additional_contexts") { contexts in
                        if case .sequence(let items, let location) = contexts {
                            return .sequence(items.map { item in
                                item.mappingText { text in
                                    guard let equals = text.firstIndex(of: "=") else { return text }
                                    return String(text[..<equals]) + "=" + absoluteContext(String(text[text.index(after: equals)...]))
                                }
                            }, location)
                        }
                        return contexts.updatingEachValue(resolveContext)
                    }
            }
            .updating("env_file") { envFile in
                switch envFile {
                case .sequence(let items, let location):
                    return .sequence(items.map { item in
                        if case .mapping = item { return item.updating("path", resolvePath) }
                        return resolvePath(item)
                    }, location)
                default:
                    return resolvePath(envFile)
                }
            }
            .updating("label_file") { labelFile in
                if case .sequence(let items, let location) = labelFile { return .sequence(items.map(resolvePath), location) }
                return resolvePath(labelFile)
            }
            .updating("extends") { $0.updating("file", resolvePath) }
            .updating("volumes") { volumes in
                guard case .sequence(let items, let location) = volumes else { return volumes }
                return .sequence(items.map(resolveMount), location)
            }
            .updating("develop") { develop in
                develop.updating("watch") { watch in
                    guard case .sequence(let items, let location) = watch else { return watch }
                    return .sequence(items.map { $0.updating("path", resolvePath) }, location)
                }
            }
    }

    /// A bind mount's source: `./data:/data[:ro]` or `{type: bind, source: ./data}`.
    private func resolveMount(_ mount: ConfigNode) -> ConfigNode {
        if case .mapping = mount {
            guard mount["type"]?.scalarText == "bind" else { return mount }
            return mount.updating("source", resolvePath)
        }
        return mount.mappingText { text in
            let parts = text.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, parts[0].hasPrefix(".") else { return text }
            return absolute(String(parts[0])) + ":" + parts[1]
        }
    }

    /// A local volume bound to a host folder (`driver_opts: {o: bind, device: ./data}`).
    private func resolveVolumeDevice(_ volume: ConfigNode) -> ConfigNode {
        let driver = volume["driver"]?.scalarText ?? "local"
        guard driver == "local", let options = volume["driver_opts"],
              (options["o"]?.scalarText ?? "").split(separator: ",").contains("bind") else { return volume }
        return volume.updating("driver_opts") { $0.updating("device", resolvePath) }
    }

    private func resolvePath(_ node: ConfigNode) -> ConfigNode {
        node.mappingText(absolute)
    }

    private func resolveContext(_ node: ConfigNode) -> ConfigNode {
        node.mappingText(absoluteContext)
    }

    /// A build context: remote ones (`https://…`, `git@…`, `docker-image://…`,
    /// another service's or stage's `service:`/`target:`) stay as written.
    func absoluteContext(_ text: String) -> String {
        Self.isRemoteContext(text) ? text : absolute(text)
    }

    /// Whether a build context names something other than a local folder.
    static func isRemoteContext(_ text: String) -> Bool {
        text.contains("://") || text.hasPrefix("git@") || text.hasPrefix("github.com/")
            || text.hasPrefix("service:") || text.hasPrefix("target:")
    }

    /// `text` made absolute against `directory`, unless it already is or
    /// starts with `~` (or is empty).
    func absolute(_ text: String) -> String {
        if text.isEmpty || text.hasPrefix("/") || text.hasPrefix("~") { return text }
        return URL(fileURLWithPath: directory + "/" + text).standardizedFileURL.path
    }
}

extension ConfigNode {
    /// This mapping with the value of `key` (when present) replaced by
    /// `transform` of it; other nodes are returned unchanged.
    func updating(_ key: String, _ transform: (ConfigNode) -> ConfigNode) -> ConfigNode {
        guard case .mapping(var entries, let location) = self,
              let index = entries.firstIndex(where: { $0.key == key }) else { return self }
        entries[index].value = transform(entries[index].value)
        return .mapping(entries, location)
    }

    /// This mapping with every value replaced by `transform` of it.
    func updatingEachValue(_ transform: (ConfigNode) -> ConfigNode) -> ConfigNode {
        guard case .mapping(var entries, let location) = self else { return self }
        for index in entries.indices { entries[index].value = transform(entries[index].value) }
        return .mapping(entries, location)
    }

    /// This non-null scalar with its text replaced by `transform` of it.
    func mappingText(_ transform: (String) -> String) -> ConfigNode {
        guard case .scalar(let text, let plain, let location) = self, !isNull else { return self }
        return .scalar(transform(text), plain: plain, location)
    }
}
