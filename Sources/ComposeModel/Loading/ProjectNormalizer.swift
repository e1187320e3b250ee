/// The project-wide steps after decoding: profiles and the service
/// selection, implicit dependencies, the implicit `default` network,
/// cross-reference checks, dependency cycles, and dropping networks and
/// volumes that no active service uses (as docker compose does).
struct ProjectNormalizer {
    /// The merged compose tree, to point errors at the offending key.
    let root: ConfigNode
    let displayFile: String

    /// `withDependencies: false` is `--no-deps`: the selected services only,
    /// their dependencies left alone (not an error when disabled).
    func normalize(_ project: inout Project, profiles: [String], selected: [String], withDependencies: Bool = true) throws {
        for name in project.services.keys {
            try addImplicitDependencies(&project.services[name]!)
        }
        try applyProfilesAndSelection(&project, profiles: profiles, selected: selected, withDependencies: withDependencies)
        addDefaultNetwork(&project)
        // The checks only read the project (the default network changes
        // none of the services' own checks): they run on all cores, and the
        // first that fails in this order is the error reported.
        let withoutDependencies = !withDependencies && !selected.isEmpty
        let checks: [(ProjectNormalizer, Project) throws -> Void] = [
            { try $0.validateServices($1, withoutDependencies: withoutDependencies) },
            { try $0.validateResources($1) },
            { try $0.detectCycles($1) },
        ]
        let outcomes = checks.concurrentMap(chunkSize: 1) { [self, project] check in Result { try check(self, project) } }
        for outcome in outcomes { try outcome.get() }
        removeUnusedResources(&project)
    }

    // MARK: - Steps

    private func addImplicitDependencies(_ service: inout ServiceConfig) throws {
        var implicit: [String] = []
        for link in service.links {
            implicit.append(String(link.split(separator: ":", maxSplits: 1).first ?? Substring(link)))
        }
        implicit.append(contentsOf: service.namespaceParents)
        for name in implicit where service.dependsOn[name] == nil {
            service.dependsOn[name] = ServiceDependency(condition: .started, required: true, restart: false)
        }
    }

    private func applyProfilesAndSelection(_ project: inout Project, profiles: [String], selected: [String],
                                           withDependencies: Bool) throws {
        let allProfiles = profiles.contains("*")
        var enabled = Set(project.services.values.filter { service in
            service.profiles.isEmpty || allProfiles || service.profiles.contains(where: profiles.contains)
        }.map(\.name))
        if !selected.isEmpty {
            for name in selected where project.services[name] == nil {
                throw ComposeError.project(file: displayFile, "no such service: \(name)")
            }
            // The selected services and everything they depend on, whatever their profiles.
            var wanted = Set<String>()
            var queue = selected
            while let name = queue.popLast() {
                guard wanted.insert(name).inserted, withDependencies, let service = project.services[name] else { continue }
                for (dependency, config) in service.dependsOn where project.services[dependency] != nil {
                    if config.required || enabled.contains(dependency) { queue.append(dependency) }
                }
            }
            enabled = wanted
        }
        for name in project.services.keys.sorted() where !enabled.contains(name) {
            project.disabledServices[name] = project.services.removeValue(forKey: name)
        }
    }

    private func validateServices(_ project: Project, withoutDependencies: Bool) throws {
        for name in project.serviceNames {
            let service = project.services[name]!
            if service.image == nil && service.build == nil {
                throw located(["services", name], "service \"\(name)\" has neither an image nor a build context")
            }
            for (dependency, config) in service.dependsOn.sorted(by: { $0.key < $1.key }) {
                if project.services[dependency] != nil || (!config.required && project.disabledServices[dependency] != nil) {
                    continue
                }
                // --no-deps: a dependency that exists but is not selected is left alone.
                if withoutDependencies && project.disabledServices[dependency] != nil { continue }
                let path = locateReference(service: name, dependency: dependency)
                if project.disabledServices[dependency] != nil {
                    let profiles = project.disabledServices[dependency]!.profiles.joined(separator: ", ")
                    throw located(path, "service \"\(name)\" depends on service \"\(dependency)\", which is not enabled (profiles: \(profiles))")
                }
                if !config.required { continue }
                throw located(path, "service \"\(name)\" depends on undefined service \"\(dependency)\"")
            }
            if service.networkMode != nil && !service.networks.isEmpty {
                throw located(["services", name, "network_mode"], "service \"\(name)\" sets both network_mode and networks")
            }
            if let containerName = service.containerName, !containerName.isEmpty, service.desiredScale > 1 {
                throw located(["services", name, "container_name"],
                              "service \"\(name)\" sets container_name \"\(containerName)\" but is scaled to \(service.desiredScale); a fixed name allows one container")
            }
        }
    }

    /// The compose path of the reference that introduced `dependency`.
    private func locateReference(service: String, dependency: String) -> [String] {
        let base = ["services", service]
        if root["services"]?[service]?["depends_on"]?[dependency] != nil { return base + ["depends_on", dependency] }
        for field in ["links", "volumes_from", "network_mode", "ipc", "pid"] where root["services"]?[service]?[field] != nil {
            if case .sequence(let items, _) = root["services"]![service]![field]! {
                if items.contains(where: { ($0.scalarText ?? "").hasPrefix(dependency) }) { return base + [field] }
            } else if root["services"]![service]![field]!.scalarText == "service:\(dependency)" {
                return base + [field]
            }
        }
        return base
    }

    private func addDefaultNetwork(_ project: inout Project) {
        var usesDefault = false
        for name in project.services.keys {
            guard project.services[name]!.networks.isEmpty, project.services[name]!.networkMode == nil else { continue }
            project.services[name]!.networks["default"] = ServiceNetworkAttachment()
            usesDefault = true
        }
        if usesDefault && project.networks["default"] == nil {
            project.networks["default"] = NetworkConfig(name: "\(project.name)_default")
        }
    }

    private func validateResources(_ project: Project) throws {
        for name in project.serviceNames {
            let service = project.services[name]!
            for network in service.networks.keys.sorted() where project.networks[network] == nil {
                throw located(["services", name, "networks", network], "service \"\(name)\" uses undefined network \"\(network)\"")
            }
            for (index, volume) in service.volumes.enumerated() where volume.isNamedVolume {
                if project.volumes[volume.source!] == nil {
                    throw located(["services", name, "volumes", String(index)],
                                  "service \"\(name)\" uses undefined volume \"\(volume.source!)\" (declare it under the top-level volumes)")
                }
            }
            for reference in service.secrets where project.secrets[reference.source] == nil {
                throw located(["services", name, "secrets"], "service \"\(name)\" uses undefined secret \"\(reference.source)\"")
            }
            for reference in service.configs where project.configs[reference.source] == nil {
                throw located(["services", name, "configs"], "service \"\(name)\" uses undefined config \"\(reference.source)\"")
            }
        }
    }

    private func detectCycles(_ project: Project) throws {
        enum Mark { case visiting, done }
        var marks: [String: Mark] = [:]
        var stack: [String] = []
        func visit(_ name: String) throws {
            if marks[name] == .done { return }
            if marks[name] == .visiting {
                let cycle = stack[stack.lastIndex(of: name)!...] + [name]
                throw located(["services", name], "dependency cycle: \(cycle.joined(separator: " -> "))")
            }
            marks[name] = .visiting
            stack.append(name)
            for dependency in project.services[name]!.dependsOn.keys.sorted() where project.services[dependency] != nil {
                try visit(dependency)
            }
            stack.removeLast()
            marks[name] = .done
        }
        for name in project.serviceNames { try visit(name) }
    }

    private func removeUnusedResources(_ project: inout Project) {
        var usedNetworks = Set<String>()
        var usedVolumes = Set<String>()
        var usedSecrets = Set<String>()
        var usedConfigs = Set<String>()
        for service in project.services.values {
            usedNetworks.formUnion(service.networks.keys)
            for volume in service.volumes where volume.isNamedVolume { usedVolumes.insert(volume.source!) }
            usedSecrets.formUnion(service.secrets.map(\.source))
            usedConfigs.formUnion(service.configs.map(\.source))
        }
        project.networks = project.networks.filter { usedNetworks.contains($0.key) }
        project.volumes = project.volumes.filter { usedVolumes.contains($0.key) }
        project.secrets = project.secrets.filter { usedSecrets.contains($0.key) }
        project.configs = project.configs.filter { usedConfigs.contains($0.key) }
    }

    // MARK: - Locations

    /// An error at the deepest node of `path` found in the compose tree.
    private func located(_ path: [String], _ message: String) -> ComposeError {
        var node: ConfigNode? = root
        var location = SourceLocation(file: displayFile)
        for component in path {
            guard let current = node else { break }
            switch current {
            case .mapping(let entries, _):
                guard let entry = entries.first(where: { $0.key == component }) else { node = nil; continue }
                location = entry.keyLocation
                node = entry.value
            case .sequence(let items, _):
                guard let index = Int(component), items.indices.contains(index) else { node = nil; continue }
                location = items[index].location
                node = items[index]
            case .scalar:
                node = nil
            }
        }
        return .invalid(location, message)
    }
}
