import Foundation

/// Decodes one service mapping (already merged and interpolated) into a
/// `ServiceConfig`, rejecting unknown keys and malformed values with their
/// location.
struct ServiceDecoder {
    let context: DecodingContext

    /// Service keys of the compose specification that composeplan keeps as
    /// written (they enter the config hash) without interpreting them itself.
    static let opaqueKeys: Set<String> = [
        "annotations", "attach", "blkio_config", "cpu_count", "cpu_percent", "cpu_shares", "cpu_period",
        "cpu_quota", "cpu_rt_runtime", "cpu_rt_period", "cpus", "cpuset", "cgroup", "cgroup_parent",
        "credential_spec", "develop", "device_cgroup_rules", "gpus", "group_add", "isolation", "label_file",
        "mac_address", "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "models",
        "oom_kill_disable", "oom_score_adj", "pids_limit", "post_start", "pre_stop", "runtime", "storage_opt",
        "use_api_socket", "userns_mode", "uts", "volume_driver",
    ]

    static let modelledKeys: Set<String> = [
        "image", "build", "command", "entrypoint", "environment", "env_file", "labels", "ports", "expose",
        "volumes", "volumes_from", "networks", "network_mode", "ipc", "pid", "healthcheck", "restart", "user",
        "working_dir", "hostname", "domainname", "container_name", "deploy", "scale", "stop_grace_period",
        "stop_signal", "tty", "stdin_open", "privileged", "init", "read_only", "cap_add", "cap_drop",
        "extra_hosts", "dns", "dns_search", "dns_opt", "sysctls", "ulimits", "logging", "shm_size", "tmpfs",
        "devices", "security_opt", "secrets", "configs", "platform", "pull_policy", "depends_on", "links",
        "external_links", "profiles",
    ]

    static let unsupportedKeys: [String: String] = [
        "provider": "\"provider\" services are not supported by composeplan",
    ]

    func decode(name: String, _ reader: NodeReader) throws -> ServiceConfig {
        var service = ServiceConfig(name: name)
        if reader.isNull { return service }
        guard case .mapping(let entries, _) = reader.node else {
            throw reader.fail("a service must be a mapping, found \(reader.node.kindDescription)")
        }
        for entry in entries where Self.unsupportedKeys[entry.key] != nil {
            throw ComposeError.invalid(entry.keyLocation, "services.\(name): \(Self.unsupportedKeys[entry.key]!)")
        }
        let allowed = Self.modelledKeys.union(Self.opaqueKeys)
        var explicitEnvironment: [String: String?] = [:]
        for (key, field) in try reader.mapping(allowedKeys: allowed, what: "service \"\(name)\"") {
            switch key {
            case "image": service.image = try field.optionalString()
            case "build": service.build = try Self.json(field.node)
            case "command": service.command = try commandLine(field)
            case "entrypoint": service.entrypoint = try commandLine(field)
            case "environment": explicitEnvironment = try environment(field)
            case "env_file": service.envFile = try envFiles(field)
            case "labels": service.labels = try field.stringMap()
            case "ports": service.ports = try ports(field)
            case "expose": service.expose = try field.stringList(allowSingle: false).map { try exposed($0, field) }
            case "volumes": service.volumes = try volumes(field)
            case "volumes_from": service.volumesFrom = try field.stringList(allowSingle: false)
            case "networks": service.networks = try networks(field)
            case "network_mode": service.networkMode = try field.optionalString()
            case "ipc": service.ipc = try field.optionalString()
            case "pid": service.pid = try field.optionalString()
            case "healthcheck": service.healthcheck = try healthcheck(field)
            case "restart": service.restart = try restartPolicy(field)
            case "user": service.user = try field.optionalString()
            case "working_dir": service.workingDir = try field.optionalString()
            case "hostname": service.hostname = try field.optionalString()
            case "domainname": service.domainname = try field.optionalString()
            case "container_name": service.containerName = try field.optionalString()
            case "deploy": service.deploy = try deploy(field)
            case "scale": service.scale = try nonNegative(field)
            case "stop_grace_period": service.stopGracePeriod = field.isNull ? nil : try field.duration()
            case "stop_signal": service.stopSignal = try field.optionalString()
            case "tty": service.tty = field.isNull ? nil : try field.bool()
            case "stdin_open": service.stdinOpen = field.isNull ? nil : try field.bool()
            case "privileged": service.privileged = field.isNull ? nil : try field.bool()
            case "init": service.`init` = field.isNull ? nil : try field.bool()
            case "read_only": service.readOnly = field.isNull ? nil : try field.bool()
            case "cap_add": service.capAdd = try field.stringList(allowSingle: false)
            case "cap_drop": service.capDrop = try field.stringList(allowSingle: false)
            case "extra_hosts": service.extraHosts = try extraHosts(field)
            case "dns": service.dns = try field.stringList()
            case "dns_search": service.dnsSearch = try field.stringList()
            case "dns_opt": service.dnsOpt = try field.stringList(allowSingle: false)
            case "sysctls": service.sysctls = try field.stringMap()
            case "ulimits": service.ulimits = try ulimits(field)
            case "logging": service.logging = try logging(field)
            case "shm_size": service.shmSize = field.isNull ? nil : try field.byteCount()
            case "tmpfs": service.tmpfs = try field.stringList()
            case "devices": service.devices = try devices(field)
            case "security_opt": service.securityOpt = try field.stringList(allowSingle: false)
            case "secrets": service.secrets = try fileReferences(field)
            case "configs": service.configs = try fileReferences(field)
            case "platform": service.platform = try field.optionalString()
            case "pull_policy": service.pullPolicy = try pullPolicy(field)
            case "depends_on": service.dependsOn = try dependsOn(field)
            case "links": service.links = try field.stringList(allowSingle: false)
            case "external_links": service.externalLinks = try field.stringList(allowSingle: false)
            case "profiles": service.profiles = try field.stringList(allowSingle: false)
            default: service.otherFields[key] = try Self.json(field.node)
            }
        }
        // env_files are read later, for the active services only (EnvFileResolver).
        service.environment = explicitEnvironment
        if let scale = service.scale, let replicas = service.deploy?.replicas, scale != replicas {
            throw reader.fail("\"scale\" (\(scale)) and \"deploy.replicas\" (\(replicas)) disagree")
        }
        return service
    }

    // MARK: - Fields

    private func nonNegative(_ field: NodeReader) throws -> Int? {
        if field.isNull { return nil }
        let value = try field.int()
        guard value >= 0 else { throw field.fail("must not be negative") }
        return value
    }

    private func commandLine(_ field: NodeReader) throws -> [String]? {
        if field.isNull { return nil }
        if case .scalar = field.node {
            let text = try field.string()
            guard let words = ValueParsers.shellWords(text) else { throw field.fail("unterminated quote in \"\(text)\"") }
            return words
        }
        return try field.sequence().map { try $0.string() }
    }

    private func environment(_ field: NodeReader) throws -> [String: String?] {
        var result: [String: String?] = [:]
        for (key, value) in try field.mapping() {
            if value.isNull {
                result[key] = .some(context.environment[key])
            } else {
                result[key] = .some(try value.string())
            }
        }
        return result
    }

    private func envFiles(_ field: NodeReader) throws -> [EnvFileReference] {
        if field.isNull { return [] }
        if case .scalar = field.node { return [EnvFileReference(path: context.absolutePath(try field.string()))] }
        return try field.sequence().map { item in
            if case .scalar = item.node { return EnvFileReference(path: context.absolutePath(try item.string())) }
            var reference = EnvFileReference(path: "")
            for (key, value) in try item.mapping(allowedKeys: ["path", "required", "format"]) {
                switch key {
                case "path": reference.path = context.absolutePath(try value.string())
                case "required": reference.required = try value.bool()
                default: break
                }
            }
            guard !reference.path.isEmpty else { throw item.fail("env_file entry needs a path") }
            return reference
        }
    }

    private func ports(_ field: NodeReader) throws -> [ServicePort] {
        var result: [ServicePort] = []
        for item in try field.sequence() {
            if case .scalar = item.node {
                let text = try item.string()
                guard let parsed = ShortSyntax.ports(text) else { throw item.fail("invalid port \"\(text)\"") }
                result.append(contentsOf: parsed)
                continue
            }
            var port = ServicePort(target: 0)
            var hasTarget = false
            for (key, value) in try item.mapping(allowedKeys: ["target", "published", "host_ip", "protocol", "mode", "name", "app_protocol"], what: item.path) {
                switch key {
                case "target":
                    port.target = try value.int()
                    hasTarget = true
                case "published":
                    let published = try value.optionalString()
                    if let published, ShortSyntax.range(published) == nil { throw value.fail("invalid published port \"\(published)\"") }
                    port.published = published
                case "host_ip": port.hostIP = try value.optionalString()
                case "protocol": port.protocol = try value.string().lowercased()
                case "mode": port.mode = try value.optionalString()
                case "name": port.name = try value.optionalString()
                default: port.appProtocol = try value.optionalString()
                }
            }
            guard hasTarget, (1...65535).contains(port.target) else { throw item.fail("a port needs a target between 1 and 65535") }
            result.append(port)
        }
        return result
    }

    private func exposed(_ text: String, _ field: NodeReader) throws -> String {
        let spec = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = spec.first, ShortSyntax.range(first) != nil else { throw field.fail("invalid exposed port \"\(text)\"") }
        return text
    }

    private func volumes(_ field: NodeReader) throws -> [ServiceVolume] {
        try field.sequence().map { item in
            if case .scalar = item.node {
                let text = try item.string()
                guard let volume = ShortSyntax.volume(text, resolvePath: context.absolutePath) else {
                    throw item.fail("invalid volume \"\(text)\" (expected [SOURCE:]TARGET[:MODE])")
                }
                return volume
            }
            return try longVolume(item)
        }
    }

    private func longVolume(_ item: NodeReader) throws -> ServiceVolume {
        var type: ServiceVolume.Kind?
        var source: String?
        var target: String?
        var volume = ServiceVolume(type: .volume, source: nil, target: "")
        for (key, value) in try item.mapping(allowedKeys: ["type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image"], what: item.path) {
            switch key {
            case "type":
                let text = try value.string()
                guard let kind = ServiceVolume.Kind(rawValue: text) else { throw value.fail("unknown mount type \"\(text)\"") }
                type = kind
            case "source": source = try value.optionalString()
            case "target": target = try value.string()
            case "read_only": volume.readOnly = try value.bool() ? true : nil
            case "consistency": volume.consistency = try value.optionalString()
            case "bind":
                var bind = ServiceVolume.BindOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: ["propagation", "create_host_path", "selinux"], what: value.path) {
                    switch option {
                    case "propagation": bind.propagation = try optionValue.optionalString()
                    case "create_host_path": bind.createHostPath = try optionValue.bool()
                    default: bind.selinux = try optionValue.optionalString()
                    }
                }
                volume.bind = bind
            case "volume":
                var options = ServiceVolume.VolumeOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: ["nocopy", "subpath"], what: value.path) {
                    if option == "nocopy" { options.nocopy = try optionValue.bool() } else { options.subpath = try optionValue.optionalString() }
                }
                volume.volume = options
            case "tmpfs":
                var options = ServiceVolume.TmpfsOptions()
                for (option, optionValue) in try value.mapping(allowedKeys: ["size", "mode"], what: value.path) {
                    if option == "size" { options.size = try optionValue.byteCount() } else { options.mode = try optionValue.fileMode() }
                }
                volume.tmpfs = options
            default:
                _ = try value.mapping(allowedKeys: ["subpath"], what: value.path)
            }
        }
        guard let type else { throw item.fail("a mount needs a type (volume, bind, tmpfs, …)") }
        guard let target, target.hasPrefix("/") || type == .npipe else { throw item.fail("a mount needs an absolute target") }
        volume.type = type
        volume.target = target
        switch type {
        case .bind:
            guard let source, !source.isEmpty else { throw item.fail("a bind mount needs a source") }
            volume.source = context.absolutePath(source)
        case .tmpfs:
            volume.source = nil
        default:
            volume.source = (source?.isEmpty ?? true) ? nil : source
        }
        return volume
    }

    private func networks(_ field: NodeReader) throws -> [String: ServiceNetworkAttachment] {
        var result: [String: ServiceNetworkAttachment] = [:]
        for (key, value) in try field.mapping() {
            var attachment = ServiceNetworkAttachment()
            for (option, optionValue) in try value.mapping(allowedKeys: ["aliases", "ipv4_address", "ipv6_address", "link_local_ips", "mac_address", "driver_opts", "priority", "gw_priority", "interface_name"], what: value.path) {
                switch option {
                case "aliases": attachment.aliases = try optionValue.stringList(allowSingle: false)
                case "ipv4_address": attachment.ipv4Address = try optionValue.optionalString()
                case "ipv6_address": attachment.ipv6Address = try optionValue.optionalString()
                case "link_local_ips": attachment.linkLocalIPs = try optionValue.stringList(allowSingle: false)
                case "mac_address": attachment.macAddress = try optionValue.optionalString()
                case "driver_opts": attachment.driverOpts = try optionValue.stringMap()
                case "priority": attachment.priority = try optionValue.int()
                case "gw_priority": attachment.gwPriority = try optionValue.int()
                default: attachment.interfaceName = try optionValue.optionalString()
                }
            }
            result[key] = attachment
        }
        return result
    }

    private func healthcheck(_ field: NodeReader) throws -> Healthcheck? {
        if field.isNull { return nil }
        var check = Healthcheck()
        for (key, value) in try field.mapping(allowedKeys: ["test", "interval", "timeout", "start_period", "start_interval", "retries", "disable"], what: field.path) {
            switch key {
            case "test":
                if case .scalar = value.node {
                    check.test = ["CMD-SHELL", try value.string()]
                } else {
                    let test = try value.sequence().map { try $0.string() }
                    guard let first = test.first, ["CMD", "CMD-SHELL", "NONE"].contains(first) else {
                        throw value.fail("a healthcheck test list must start with CMD, CMD-SHELL or NONE")
                    }
                    check.test = test
                }
            case "interval": check.interval = try value.duration()
            case "timeout": check.timeout = try value.duration()
            case "start_period": check.startPeriod = try value.duration()
            case "start_interval": check.startInterval = try value.duration()
            case "retries": check.retries = try value.int()
            default: check.disable = try value.bool()
            }
        }
        return check
    }

    private func restartPolicy(_ field: NodeReader) throws -> String? {
        guard let text = try field.optionalString() else { return nil }
        let name = text.split(separator: ":").first.map(String.init) ?? text
        guard ["no", "always", "on-failure", "unless-stopped"].contains(name) else {
            throw field.fail("invalid restart policy \"\(text)\" (no, always, on-failure[:N], unless-stopped)")
        }
        return text
    }

    private func pullPolicy(_ field: NodeReader) throws -> String? {
        guard let text = try field.optionalString() else { return nil }
        let known = ["always", "never", "missing", "if_not_present", "build", "daily", "weekly"]
        guard known.contains(text) || text.hasPrefix("every_") else { throw field.fail("invalid pull policy \"\(text)\"") }
        return text
    }

    private func deploy(_ field: NodeReader) throws -> DeployConfig? {
        if field.isNull { return nil }
        var deploy = DeployConfig()
        let keys: Set<String> = ["mode", "replicas", "labels", "resources", "restart_policy", "placement", "update_config", "rollback_config", "endpoint_mode"]
        for (key, value) in try field.mapping(allowedKeys: keys, what: field.path) {
            switch key {
            case "replicas": deploy.replicas = try nonNegative(value)
            case "resources":
                var resources = DeployConfig.Resources()
                for (side, limits) in try value.mapping(allowedKeys: ["limits", "reservations"], what: value.path) {
                    var parsed = DeployConfig.Limits()
                    for (limit, limitValue) in try limits.mapping(allowedKeys: ["cpus", "memory", "pids", "devices", "generic_resources"], what: limits.path) {
                        switch limit {
                        case "cpus": parsed.cpus = try limitValue.decimalString()
                        case "memory": parsed.memory = try limitValue.byteCount()
                        case "pids": parsed.pids = try limitValue.int()
                        default: parsed.devices = try Self.json(limitValue.node)
                        }
                    }
                    if side == "limits" { resources.limits = parsed } else { resources.reservations = parsed }
                }
                deploy.resources = resources
            default:
                deploy.otherFields[key] = try Self.json(value.node)
            }
        }
        return deploy
    }

    private func extraHosts(_ field: NodeReader) throws -> [String] {
        if case .mapping = field.node {
            return try field.mapping().flatMap { host, value -> [String] in
                if case .sequence = value.node { return try value.stringList().map { "\(host):\($0)" } }
                return ["\(host):\(try value.string())"]
            }
        }
        return try field.stringList(allowSingle: false).map { entry in
            if let equals = entry.firstIndex(of: "=") {
                return entry[..<equals] + ":" + entry[entry.index(after: equals)...]
            }
            return entry
        }
    }

    private func ulimits(_ field: NodeReader) throws -> [String: Ulimit] {
        var result: [String: Ulimit] = [:]
        for (name, value) in try field.mapping() {
            if case .scalar = value.node {
                let limit = try value.int()
                result[name] = Ulimit(soft: limit, hard: limit)
            } else {
                var soft: Int?
                var hard: Int?
                for (key, bound) in try value.mapping(allowedKeys: ["soft", "hard"], what: value.path) {
                    if key == "soft" { soft = try bound.int() } else { hard = try bound.int() }
                }
                guard let soft, let hard else { throw value.fail("a ulimit needs both soft and hard") }
                result[name] = Ulimit(soft: soft, hard: hard)
            }
        }
        return result
    }

    private func logging(_ field: NodeReader) throws -> LoggingConfig? {
        if field.isNull { return nil }
        var config = LoggingConfig()
        for (key, value) in try field.mapping(allowedKeys: ["driver", "options"], what: field.path) {
            if key == "driver" { config.driver = try value.optionalString() } else { config.options = try value.stringMap() }
        }
        return config
    }

    private func devices(_ field: NodeReader) throws -> [DeviceMapping] {
        try field.sequence().map { item in
            if case .scalar = item.node {
                let text = try item.string()
                guard let device = ShortSyntax.device(text) else { throw item.fail("invalid device \"\(text)\"") }
                return device
            }
            var device = DeviceMapping(source: "", target: "")
            for (key, value) in try item.mapping(allowedKeys: ["source", "target", "permissions"], what: item.path) {
                switch key {
                case "source": device.source = try value.string()
                case "target": device.target = try value.string()
                default: device.permissions = try value.string()
                }
            }
            if device.target.isEmpty { device.target = device.source }
            guard !device.source.isEmpty else { throw item.fail("a device needs a source") }
            return device
        }
    }

    private func fileReferences(_ field: NodeReader) throws -> [ServiceFileReference] {
        try field.sequence().map { item in
            if case .scalar = item.node { return ServiceFileReference(source: try item.string()) }
            var reference = ServiceFileReference(source: "")
            for (key, value) in try item.mapping(allowedKeys: ["source", "target", "uid", "gid", "mode"], what: item.path) {
                switch key {
                case "source": reference.source = try value.string()
                case "target": reference.target = try value.optionalString()
                case "uid": reference.uid = try value.optionalString()
                case "gid": reference.gid = try value.optionalString()
                default: reference.mode = try value.fileMode()
                }
            }
            guard !reference.source.isEmpty else { throw item.fail("needs a source") }
            return reference
        }
    }

    private func dependsOn(_ field: NodeReader) throws -> [String: ServiceDependency] {
        var result: [String: ServiceDependency] = [:]
        for (name, value) in try field.mapping() {
            var dependency = ServiceDependency()
            for (key, option) in try value.mapping(allowedKeys: ["condition", "required", "restart"], what: value.path) {
                switch key {
                case "condition":
                    let text = try option.string()
                    guard let condition = DependencyCondition(rawValue: text) else {
                        throw option.fail("unknown condition \"\(text)\" (service_started, service_healthy, service_completed_successfully)")
                    }
                    dependency.condition = condition
                case "required": dependency.required = try option.bool()
                default: dependency.restart = try option.bool()
                }
            }
            result[name] = dependency
        }
        return result
    }

    // MARK: - Opaque values

    /// The value as JSON, with YAML scalars typed the YAML 1.2 way.
    static func json(_ node: ConfigNode) throws -> JSONValue {
        switch node {
        case .scalar(let text, let plain, _):
            if node.isNull { return .null }
            guard plain else { return .string(text) }
            if text == "true" || text == "True" || text == "TRUE" { return .bool(true) }
            if text == "false" || text == "False" || text == "FALSE" { return .bool(false) }
            if let int = Int(text) { return .int(int) }
            if let double = Double(text), text.contains(".") { return .double(double) }
            return .string(text)
        case .sequence(let items, _):
            return .array(try items.map(json))
        case .mapping(let entries, _):
            var members: [String: JSONValue] = [:]
            for entry in entries where !entry.key.hasPrefix("x-") { members[entry.key] = try json(entry.value) }
            return .object(members)
        }
    }
}
