import ComposeModel
import PlanModel

/// Builds the Engine API body of `POST /containers/create` from a resolved
/// compose service, the way docker compose fills it in. Mounts, resources and
/// networks live in their own extensions.
///
/// Not mapped (no Engine API 1.41 field, or handled elsewhere): `links`
/// (user-defined networks resolve service names by DNS), `external_links`,
/// `gpus`/device reservations, `post_start`/`pre_stop`. Secrets and configs
/// that are not backed by a file (`environment:`/`content:`) are written
/// into the container after its creation (`injectedFiles`).
struct ContainerBodyBuilder {
    let service: ServiceConfig
    let project: ProjectContext
    let number: Int
    let configHash: String
    /// The `com.docker.compose.image` label's value, when known.
    let imageID: String?
    /// Top level of the body (`Config` fields plus `HostConfig` and `NetworkingConfig`).
    var config: [String: JSONValue] = [:]
    var hostConfig: [String: JSONValue] = [:]
    var primaryNetwork: NetworkEndpoint?
    var extraNetworks: [NetworkEndpoint] = []
    /// The `environment:` and `content:` secrets and configs, as files.
    var injectedFiles: [ContainerFile] = []

    init(service: ServiceConfig, project: ProjectContext, number: Int, configHash: String, imageID: String? = nil) {
        self.service = service
        self.project = project
        self.number = number
        self.configHash = configHash
        self.imageID = imageID
    }

    /// The container's final name (aliases use it even during a recreate).
    var finalName: String {
        ContainerCreateRequest.finalName(service: service, project: project.name, number: number)
    }

    mutating func build(inheritedVolumes: [String: String]) throws(EngineError) {
        guard service.imageName(project: project.name) != nil else {
            throw .invalidRequest("service \(service.name) has neither an image nor a build section")
        }
        buildConfig()
        buildPorts()
        try buildMounts(inheritedVolumes: inheritedVolumes)
        buildHostOptions()
        try buildNamespaces()
        buildResources()
        try buildNetworks()
        config["HostConfig"] = .object(hostConfig)
    }

    // MARK: - Config

    private mutating func buildConfig() {
        config["Image"] = .string(service.imageName(project: project.name) ?? "")
        if let command = service.command { config["Cmd"] = .strings(command) }
        if let entrypoint = service.entrypoint { config["Entrypoint"] = .strings(entrypoint) }
        let environment = service.environment.keys.sorted().compactMap { key in
            service.environment[key]!.map { "\(key)=\($0)" }
        }
        if !environment.isEmpty { config["Env"] = .strings(environment) }
        let labels = ContainerCreateRequest.labels(service: service, project: project, number: number, configHash: configHash,
                                                  imageID: imageID)
        config["Labels"] = .object(labels.mapValues(JSONValue.string))
        config.set("User", service.user)
        config.set("WorkingDir", service.workingDir)
        config.set("Hostname", service.hostname)
        config.set("Domainname", service.domainname)
        config.set("StopSignal", service.stopSignal)
        if let grace = service.stopGracePeriod {
            config["StopTimeout"] = .int(Int((grace.seconds).rounded(.up)))
        }
        if let tty = service.tty { config["Tty"] = .bool(tty) }
        if let stdinOpen = service.stdinOpen { config["OpenStdin"] = .bool(stdinOpen) }
        if let healthcheck = service.healthcheck { config["Healthcheck"] = Self.healthcheck(healthcheck) }
        if let mac = service.otherFields["mac_address"]?.stringValue { config["MacAddress"] = .string(mac) }
    }

    /// The Engine API `Healthcheck`: durations in nanoseconds; a disabled
    /// check is `{"Test": ["NONE"]}`.
    static func healthcheck(_ check: Healthcheck) -> JSONValue {
        if check.isDisabled { return ["Test": ["NONE"]] }
        var body: [String: JSONValue] = [:]
        if let test = check.test { body["Test"] = .strings(test) }
        if let interval = check.interval { body["Interval"] = .int(Int(interval.nanoseconds)) }
        if let timeout = check.timeout { body["Timeout"] = .int(Int(timeout.nanoseconds)) }
        if let startPeriod = check.startPeriod { body["StartPeriod"] = .int(Int(startPeriod.nanoseconds)) }
        if let startInterval = check.startInterval { body["StartInterval"] = .int(Int(startInterval.nanoseconds)) }
        if let retries = check.retries { body["Retries"] = .int(retries) }
        return .object(body)
    }

    // MARK: - Ports

    private mutating func buildPorts() {
        var exposed: [String: JSONValue] = [:]
        var bindings: [String: [JSONValue]] = [:]
        for port in service.ports {
            let key = "\(port.target)/\(port.protocol)"
            exposed[key] = .object([:])
            bindings[key, default: []].append([
                "HostIp": .string(port.hostIP ?? ""),
                "HostPort": .string(port.published ?? ""),
            ])
        }
        for entry in service.expose {
            let parts = entry.split(separator: "/", maxSplits: 1).map(String.init)
            let proto = parts.count == 2 ? parts[1] : "tcp"
            let bounds = parts[0].split(separator: "-").compactMap { Int($0) }
            guard let low = bounds.first, let high = bounds.last, low <= high else { continue }
            for port in low...high { exposed["\(port)/\(proto)"] = .object([:]) }
        }
        if !exposed.isEmpty { config["ExposedPorts"] = .object(exposed) }
        if !bindings.isEmpty { hostConfig["PortBindings"] = .object(bindings.mapValues(JSONValue.array)) }
    }

    // MARK: - Host options

    private mutating func buildHostOptions() {
        if let restart = service.restart { hostConfig["RestartPolicy"] = Self.restartPolicy(restart) }
        if !service.capAdd.isEmpty { hostConfig["CapAdd"] = .strings(service.capAdd) }
        if !service.capDrop.isEmpty { hostConfig["CapDrop"] = .strings(service.capDrop) }
        if !service.extraHosts.isEmpty { hostConfig["ExtraHosts"] = .strings(service.extraHosts) }
        if !service.dns.isEmpty { hostConfig["Dns"] = .strings(service.dns) }
        if !service.dnsSearch.isEmpty { hostConfig["DnsSearch"] = .strings(service.dnsSearch) }
        if !service.dnsOpt.isEmpty { hostConfig["DnsOptions"] = .strings(service.dnsOpt) }
        if !service.sysctls.isEmpty { hostConfig["Sysctls"] = .object(service.sysctls.mapValues(JSONValue.string)) }
        if !service.ulimits.isEmpty {
            hostConfig["Ulimits"] = .array(service.ulimits.keys.sorted().map { name in
                let limit = service.ulimits[name]!
                return ["Name": .string(name), "Soft": .int(limit.soft), "Hard": .int(limit.hard)]
            })
        }
        if let logging = service.logging, logging.driver != nil || !logging.options.isEmpty {
            var logConfig: [String: JSONValue] = ["Type": .string(logging.driver ?? "")]
            if !logging.options.isEmpty { logConfig["Config"] = .object(logging.options.mapValues(JSONValue.string)) }
            hostConfig["LogConfig"] = .object(logConfig)
        }
        if let privileged = service.privileged { hostConfig["Privileged"] = .bool(privileged) }
        if let initProcess = service.`init` { hostConfig["Init"] = .bool(initProcess) }
        if let readOnly = service.readOnly { hostConfig["ReadonlyRootfs"] = .bool(readOnly) }
        if let shmSize = service.shmSize { hostConfig["ShmSize"] = .int(shmSize.bytes) }
        if !service.tmpfs.isEmpty {
            var tmpfs: [String: JSONValue] = [:]
            for entry in service.tmpfs {
                let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
                tmpfs[parts[0]] = .string(parts.count == 2 ? parts[1] : "")
            }
            hostConfig["Tmpfs"] = .object(tmpfs)
        }
        if !service.devices.isEmpty {
            hostConfig["Devices"] = .array(service.devices.map { device in
                ["PathOnHost": .string(device.source), "PathInContainer": .string(device.target),
                 "CgroupPermissions": .string(device.permissions)]
            })
        }
        if !service.securityOpt.isEmpty { hostConfig["SecurityOpt"] = .strings(service.securityOpt) }
    }

    /// `no`, `always`, `unless-stopped`, `on-failure[:N]` as the Engine API's `RestartPolicy`.
    static func restartPolicy(_ text: String) -> JSONValue {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        var policy: [String: JSONValue] = ["Name": .string(parts[0])]
        if parts.count == 2, let retries = Int(parts[1]) { policy["MaximumRetryCount"] = .int(retries) }
        return .object(policy)
    }

    // MARK: - Namespaces

    /// `network_mode`, `ipc`, `pid` and `volumes_from`, whose `service:X`
    /// references must already be resolved to `container:<id>`.
    private mutating func buildNamespaces() throws(EngineError) {
        for (field, key, value) in [("network_mode", "NetworkMode", service.networkMode), ("ipc", "IpcMode", service.ipc),
                                    ("pid", "PidMode", service.pid)] {
            guard let value, !value.isEmpty else { continue }
            if let parent = ServiceConfig.referencedService(inMode: value) {
                throw .invalidRequest("\(field): service:\(parent) refers to a service with no container")
            }
            hostConfig[key] = .string(value)
        }
        if !service.volumesFrom.isEmpty {
            var sources: [String] = []
            for entry in service.volumesFrom {
                if entry.hasPrefix("container:") {
                    sources.append(String(entry.dropFirst("container:".count)))
                } else if let parent = ServiceConfig.referencedService(inVolumesFrom: entry),
                          !DockerID.isFullID(parent) {
                    throw .invalidRequest("volumes_from: \(parent) refers to a service with no container")
                } else {
                    sources.append(entry)
                }
            }
            hostConfig["VolumesFrom"] = .strings(sources)
        }
        if let userns = service.otherFields["userns_mode"]?.stringValue { hostConfig["UsernsMode"] = .string(userns) }
        if let uts = service.otherFields["uts"]?.stringValue { hostConfig["UTSMode"] = .string(uts) }
        if let cgroup = service.otherFields["cgroup"]?.stringValue { hostConfig["CgroupnsMode"] = .string(cgroup) }
    }
}

extension JSONValue {
    /// An array of strings.
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
}

extension Dictionary where Key == String, Value == JSONValue {
    /// Sets `key` to the string `value` when it is present and not empty.
    mutating func set(_ key: String, _ value: String?) {
        if let value, !value.isEmpty { self[key] = .string(value) }
    }
}
