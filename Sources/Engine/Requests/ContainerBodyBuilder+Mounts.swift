import ComposeModel
import PlanModel

extension ContainerBodyBuilder {
    /// `volumes:`, secrets and configs as `HostConfig.Mounts` (and `Binds`).
    ///
    /// - Named volumes mount the volume's Docker name (compose key → `ProjectContext.volumes`).
    /// - Anonymous volumes mount the inherited volume for their destination, else a new one.
    /// - Binds that may create their host path (the short syntax) go to the
    ///   legacy `Binds`, which creates a missing path as docker compose does;
    ///   other binds are `Mounts` of type `bind`.
    /// - Inherited anonymous volumes whose destination the service does not
    ///   mount (volumes declared by the image) are mounted again too, so
    ///   their data survives the recreate.
    /// - File-backed secrets and configs are read-only binds at
    ///   `/run/secrets/<target or source>` and `/<target or source>`
    ///   (an absolute target is used as is).
    mutating func buildMounts(inheritedVolumes: [String: String]) throws(EngineError) {
        var mounts: [JSONValue] = []
        var binds: [String] = []
        var destinations: Set<String> = []
        for volume in service.volumes {
            destinations.insert(volume.target)
            switch volume.type {
            case .volume:
                var mount: [String: JSONValue] = ["Type": "volume", "Target": .string(volume.target)]
                if volume.isNamedVolume {
                    let key = volume.source!
                    guard let config = project.volumes[key] else {
                        throw .invalidRequest("service \(service.name) mounts volume \"\(key)\", which the project does not define")
                    }
                    mount["Source"] = .string(config.name)
                } else if let inherited = inheritedVolumes[volume.target] {
                    mount["Source"] = .string(inherited)
                }
                if volume.readOnly == true { mount["ReadOnly"] = true }
                var options: [String: JSONValue] = [:]
                if volume.volume?.nocopy == true { options["NoCopy"] = true }
                if let subpath = volume.volume?.subpath, !subpath.isEmpty { options["Subpath"] = .string(subpath) }
                if !options.isEmpty { mount["VolumeOptions"] = .object(options) }
                mounts.append(.object(mount))
            case .bind:
                let source = volume.source ?? ""
                if volume.bind?.createHostPath == true {
                    var options: [String] = []
                    if volume.readOnly == true { options.append("ro") }
                    if let selinux = volume.bind?.selinux { options.append(selinux) }
                    if let propagation = volume.bind?.propagation { options.append(propagation) }
                    binds.append(([source, volume.target] + (options.isEmpty ? [] : [options.joined(separator: ",")]))
                        .joined(separator: ":"))
                } else {
                    var mount: [String: JSONValue] = ["Type": "bind", "Source": .string(source), "Target": .string(volume.target)]
                    if volume.readOnly == true { mount["ReadOnly"] = true }
                    if let propagation = volume.bind?.propagation { mount["BindOptions"] = ["Propagation": .string(propagation)] }
                    if let consistency = volume.consistency { mount["Consistency"] = .string(consistency) }
                    mounts.append(.object(mount))
                }
            case .tmpfs:
                var mount: [String: JSONValue] = ["Type": "tmpfs", "Target": .string(volume.target)]
                var options: [String: JSONValue] = [:]
                if let size = volume.tmpfs?.size { options["SizeBytes"] = .int(size.bytes) }
                if let mode = volume.tmpfs?.mode { options["Mode"] = .int(mode) }
                if !options.isEmpty { mount["TmpfsOptions"] = .object(options) }
                if volume.readOnly == true { mount["ReadOnly"] = true }
                mounts.append(.object(mount))
            case .npipe:
                var mount: [String: JSONValue] = ["Type": "npipe", "Source": .string(volume.source ?? ""), "Target": .string(volume.target)]
                if volume.readOnly == true { mount["ReadOnly"] = true }
                mounts.append(.object(mount))
            case .image, .cluster:
                throw .invalidRequest("service \(service.name): \(volume.type.rawValue) mounts are not supported by Engine API 1.41")
            }
        }
        for destination in inheritedVolumes.keys.sorted() where !destinations.contains(destination) {
            mounts.append(["Type": "volume", "Source": .string(inheritedVolumes[destination]!), "Target": .string(destination)])
            destinations.insert(destination)
        }
        for (kind, references, definitions, folder) in [("secret", service.secrets, project.secrets, "/run/secrets/"),
                                                         ("config", service.configs, project.configs, "/")] {
            for reference in references {
                guard let definition = definitions[reference.source] else {
                    throw .invalidRequest("service \(service.name) uses \(kind) \"\(reference.source)\", which the project does not define")
                }
                let target = reference.target ?? reference.source
                let path = target.hasPrefix("/") ? target : folder + target
                if let file = definition.file {
                    mounts.append(Self.readOnlyBind(file, path))
                } else if let content = definition.content ?? definition.environmentValue {
                    // docker compose writes these into the container before its start.
                    injectedFiles.append(ContainerFile(path: path, content: Array(content.utf8), mode: reference.mode ?? 0o444,
                                                       uid: reference.uid.flatMap { Int($0) } ?? 0,
                                                       gid: reference.gid.flatMap { Int($0) } ?? 0))
                } else if let variable = definition.environment {
                    throw .invalidRequest("service \(service.name) uses \(kind) \"\(reference.source)\", whose environment variable \(variable) is not set")
                }
            }
        }
        if !binds.isEmpty { hostConfig["Binds"] = .strings(binds) }
        if !mounts.isEmpty { hostConfig["Mounts"] = .array(mounts) }
    }

    private static func readOnlyBind(_ source: String, _ target: String) -> JSONValue {
        ["Type": "bind", "Source": .string(source), "Target": .string(target), "ReadOnly": true]
    }
}
