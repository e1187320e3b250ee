import ComposeModel
import DockerModel

/// One compose service as the `ServiceSpec` `docker stack deploy` sends
/// (docker/cli's `convert.Service`): the container spec, the task
/// template and the `deploy:` section. Fields left out are the ones the
/// docker CLI leaves out, so the Swarm manager fills the same defaults.
struct ServiceSpecConverter {
    let stack: String
    let project: Project
    let service: ServiceConfig
    let imageDigests: [String: String]
    let imagePlatforms: [String: [JSONValue]]

    func stackService() throws(ReconcileError) -> StackService {
        guard let image = service.image, !image.isEmpty else {
            throw ReconcileError("service \(service.name): a Swarm service needs an image (build is not used by Swarm)")
        }
        let deploy = try DeploySection(service: service)
        let name = "\(stack)_\(service.name)"
        var labels = deploy.labels.mapValues(JSONValue.string)
        labels[StackLabel.namespace] = .string(stack)
        labels[StackLabel.image] = .string(image)

        var template: [String: JSONValue] = [
            "ContainerSpec": .object(containerSpec(image: Self.pinned(image, to: imageDigests[image]))),
            "Networks": .array(networkAttachments()),
        ]
        // Always sent, empty when the files say nothing, as the docker CLI
        // sends them: the manager compares task templates as sent, and a
        // missing one would differ from an empty one.
        template["Resources"] = deploy.resources ?? .object([:])
        if let restart = try deploy.restartPolicy(fallback: service.restart) { template["RestartPolicy"] = restart }
        template["Placement"] = placement(image: image, deploy: deploy)
        if let logging = service.logging, let driver = logging.driver {
            template["LogDriver"] = .object(["Name": .string(driver), "Options": .object(logging.options.mapValues(JSONValue.string))])
        }
        var spec: [String: JSONValue] = [
            "Name": .string(name),
            "Labels": .object(labels),
            "TaskTemplate": .object(template),
            "Mode": deploy.mode,
            "EndpointSpec": endpointSpec(mode: deploy.endpointMode),
        ]
        if let update = try deploy.updateConfig { spec["UpdateConfig"] = update }
        if let rollback = try deploy.rollbackConfig { spec["RollbackConfig"] = rollback }
        return StackService(key: service.name, name: name, image: image, replicas: deploy.replicas,
                            networks: service.networks.keys.sorted().map(networkName),
                            secrets: service.secrets.map(\.source), configs: service.configs.map(\.source),
                            updateParallelism: deploy.updateParallelism, updateOrder: deploy.updateOrder,
                            spec: .object(spec))
    }

    /// `TaskTemplate.Placement`: `deploy.placement`, and the platforms the
    /// registry lists for the image (an `arm` architecture cleared, as the
    /// docker CLI clears it: nodes report `armv7l`).
    private func placement(image: String, deploy: DeploySection) -> JSONValue {
        var members = deploy.placement?.objectValue ?? [:]
        let platforms = imagePlatforms[image] ?? []
        if !platforms.isEmpty {
            members["Platforms"] = .array(platforms.map { platform in
                let architecture = platform["Architecture"]?.stringValue ?? ""
                return .object(["Architecture": .string(architecture.lowercased() == "arm" ? "" : architecture),
                                "OS": platform["OS"] ?? .string("")])
            })
        }
        return .object(members)
    }

    /// `image` pinned to `digest` as the docker CLI writes it: the
    /// familiar name with its tag (`latest` when none) and the digest.
    static func pinned(_ image: String, to digest: String?) -> String {
        guard let digest, let reference = try? ImageReference(parsing: image), reference.digest == nil else { return image }
        return "\(reference.familiarName):\(reference.tag ?? "latest")@\(digest)"
    }

    private func networkName(_ key: String) -> String {
        project.networks[key]?.name ?? "\(stack)_\(key)"
    }

    /// `TaskTemplate.ContainerSpec`.
    private func containerSpec(image: String) -> [String: JSONValue] {
        // An empty `Privileges`, as the docker CLI sends it (see Resources).
        var spec: [String: JSONValue] = ["Image": .string(image), "Privileges": .object([:])]
        var labels = service.labels.mapValues(JSONValue.string)
        labels[StackLabel.namespace] = .string(stack)
        spec["Labels"] = .object(labels)
        if let entrypoint = service.entrypoint { spec["Command"] = .strings(entrypoint) }
        if let command = service.command { spec["Args"] = .strings(command) }
        if let hostname = service.hostname { spec["Hostname"] = .string(hostname) }
        if !service.environment.isEmpty {
            spec["Env"] = .strings(service.environment.map { name, value in value.map { "\(name)=\($0)" } ?? name }.sorted())
        }
        if let directory = service.workingDir { spec["Dir"] = .string(directory) }
        if let user = service.user { spec["User"] = .string(user) }
        let mounts = service.volumes.compactMap(mount)
        if !mounts.isEmpty { spec["Mounts"] = .array(mounts) }
        if let grace = service.stopGracePeriod { spec["StopGracePeriod"] = .int(Int(grace.nanoseconds)) }
        if let signal = service.stopSignal { spec["StopSignal"] = .string(signal) }
        if service.tty == true { spec["TTY"] = .bool(true) }
        if service.stdinOpen == true { spec["OpenStdin"] = .bool(true) }
        if service.readOnly == true { spec["ReadOnly"] = .bool(true) }
        if let initProcess = service.`init` { spec["Init"] = .bool(initProcess) }
        if let healthcheck = service.healthcheck { spec["Healthcheck"] = Self.healthcheck(healthcheck) }
        if !service.extraHosts.isEmpty {
            spec["Hosts"] = .strings(service.extraHosts.compactMap { entry in
                guard let separator = entry.firstIndex(where: { $0 == ":" || $0 == "=" }) else { return nil }
                return "\(entry[entry.index(after: separator)...]) \(entry[..<separator])"
            })
        }
        if !service.dns.isEmpty || !service.dnsSearch.isEmpty || !service.dnsOpt.isEmpty {
            var dns: [String: JSONValue] = [:]
            if !service.dns.isEmpty { dns["Nameservers"] = .strings(service.dns) }
            if !service.dnsSearch.isEmpty { dns["Search"] = .strings(service.dnsSearch) }
            if !service.dnsOpt.isEmpty { dns["Options"] = .strings(service.dnsOpt) }
            spec["DNSConfig"] = .object(dns)
        }
        if !service.sysctls.isEmpty { spec["Sysctls"] = .object(service.sysctls.mapValues(JSONValue.string)) }
        if !service.capAdd.isEmpty { spec["CapabilityAdd"] = .strings(service.capAdd) }
        if !service.capDrop.isEmpty { spec["CapabilityDrop"] = .strings(service.capDrop) }
        if !service.ulimits.isEmpty {
            spec["Ulimits"] = .array(service.ulimits.keys.sorted().map { name in
                let limit = service.ulimits[name]!
                return .object(["Name": .string(name), "Soft": .int(limit.soft), "Hard": .int(limit.hard)])
            })
        }
        let secrets = fileReferences(service.secrets, declared: project.secrets, nameKey: "SecretName")
        if !secrets.isEmpty { spec["Secrets"] = .array(secrets) }
        let configs = fileReferences(service.configs, declared: project.configs, nameKey: "ConfigName")
        if !configs.isEmpty { spec["Configs"] = .array(configs) }
        return spec
    }

    /// Secret or config references, sorted by name as the docker CLI sorts
    /// them; the executor adds the ids.
    private func fileReferences(_ references: [ServiceFileReference], declared: [String: FileObjectConfig],
                                nameKey: String) -> [JSONValue] {
        references.map { reference -> (String, JSONValue) in
            let name = declared[reference.source]?.name ?? "\(stack)_\(reference.source)"
            let file: JSONValue = .object([
                "Name": .string(reference.target ?? reference.source),
                "UID": .string(reference.uid ?? "0"),
                "GID": .string(reference.gid ?? "0"),
                "Mode": .int(reference.mode ?? 0o444),
            ])
            return (name, .object(["File": file, nameKey: .string(name)]))
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }

    /// `TaskTemplate.Networks`: every network of the service by name (the
    /// manager stores ids), with the service's name as an alias, sorted by
    /// target as the docker CLI sorts them.
    private func networkAttachments() -> [JSONValue] {
        service.networks.map { key, attachment -> (String, JSONValue) in
            let target = networkName(key)
            var members: [String: JSONValue] = ["Target": .string(target)]
            members["Aliases"] = .strings(attachment.aliases + [service.name])
            if !attachment.driverOpts.isEmpty { members["DriverOpts"] = .object(attachment.driverOpts.mapValues(JSONValue.string)) }
            return (target, .object(members))
        }
        .sorted { $0.0 < $1.0 }
        .map(\.1)
    }

    /// A `Mounts` entry: named and anonymous volumes (named ones in the
    /// stack's namespace), binds and tmpfs.
    private func mount(_ volume: ServiceVolume) -> JSONValue? {
        var members: [String: JSONValue] = ["Target": .string(volume.target)]
        if volume.readOnly == true { members["ReadOnly"] = .bool(true) }
        switch volume.type {
        case .volume:
            members["Type"] = .string("volume")
            if let source = volume.source, !source.isEmpty {
                let declared = project.volumes[source]
                members["Source"] = .string(declared?.name ?? "\(stack)_\(source)")
                var options: [String: JSONValue] = [:]
                if volume.volume?.nocopy == true { options["NoCopy"] = .bool(true) }
                if let declared, !declared.external {
                    var labels = declared.labels.mapValues(JSONValue.string)
                    labels[StackLabel.namespace] = .string(stack)
                    options["Labels"] = .object(labels)
                    if declared.driver != "local" || !declared.driverOpts.isEmpty {
                        options["DriverConfig"] = .object(["Name": .string(declared.driver),
                                                           "Options": .object(declared.driverOpts.mapValues(JSONValue.string))])
                    }
                }
                if !options.isEmpty { members["VolumeOptions"] = .object(options) }
            }
        case .bind:
            members["Type"] = .string("bind")
            members["Source"] = .string(volume.source ?? "")
            if let propagation = volume.bind?.propagation { members["BindOptions"] = .object(["Propagation": .string(propagation)]) }
        case .tmpfs:
            members["Type"] = .string("tmpfs")
            var options: [String: JSONValue] = [:]
            if let size = volume.tmpfs?.size { options["SizeBytes"] = .int(size.bytes) }
            if let mode = volume.tmpfs?.mode { options["Mode"] = .int(mode) }
            if !options.isEmpty { members["TmpfsOptions"] = .object(options) }
        case .npipe, .image, .cluster:
            return nil
        }
        return .object(members)
    }

    /// `ContainerSpec.Healthcheck`, durations in nanoseconds.
    private static func healthcheck(_ check: Healthcheck) -> JSONValue {
        if check.isDisabled { return .object(["Test": .strings(["NONE"])]) }
        var members: [String: JSONValue] = [:]
        if let test = check.test { members["Test"] = .strings(test) }
        if let interval = check.interval { members["Interval"] = .int(Int(interval.nanoseconds)) }
        if let timeout = check.timeout { members["Timeout"] = .int(Int(timeout.nanoseconds)) }
        if let start = check.startPeriod { members["StartPeriod"] = .int(Int(start.nanoseconds)) }
        if let start = check.startInterval { members["StartInterval"] = .int(Int(start.nanoseconds)) }
        if let retries = check.retries { members["Retries"] = .int(retries) }
        return .object(members)
    }

    /// `EndpointSpec`: the resolution mode and the published ports, sorted.
    private func endpointSpec(mode: String?) -> JSONValue {
        var members: [String: JSONValue] = [:]
        if let mode { members["Mode"] = .string(mode) }
        let ports = service.ports.flatMap { port -> [JSONValue] in
            let published = Self.publishedPorts(port.published)
            return (published.isEmpty ? [nil] : published.map(Optional.some)).map { published in
                var members: [String: JSONValue] = ["Protocol": .string(port.protocol), "TargetPort": .int(port.target)]
                if let published { members["PublishedPort"] = .int(published) }
                members["PublishMode"] = .string(port.mode ?? "ingress")
                return .object(members)
            }
        }
        if !ports.isEmpty {
            members["Ports"] = .array(ports.sorted { lhs, rhs in
                let left = (lhs["PublishedPort"]?.intValue ?? 0, lhs["TargetPort"]?.intValue ?? 0, lhs["Protocol"]?.stringValue ?? "")
                let right = (rhs["PublishedPort"]?.intValue ?? 0, rhs["TargetPort"]?.intValue ?? 0, rhs["Protocol"]?.stringValue ?? "")
                return left < right
            })
        }
        return .object(members)
    }

    /// `8080` or `8080-8081` as port numbers.
    private static func publishedPorts(_ text: String?) -> [Int] {
        guard let text, !text.isEmpty else { return [] }
        let bounds = text.split(separator: "-").compactMap { Int($0) }
        guard let first = bounds.first else { return [] }
        let last = bounds.count > 1 ? bounds[1] : first
        return first <= last ? Array(first...last) : []
    }
}

extension JSONValue {
    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}
