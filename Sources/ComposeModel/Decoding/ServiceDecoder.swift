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

    /// Every key a service may have (built once: a union per service costs
    /// more than decoding a small service).
    static let allowedKeys = modelledKeys.union(opaqueKeys)

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
        var explicitEnvironment: [String: String?] = [:]
        for (key, field) in try reader.mapping(allowedKeys: Self.allowedKeys, what: "service \"\(name)\"") {
            switch key {
            case "image": service.image = try field.optionalString()
            case "build": service.build = normalizedBuild(try Self.json(field.node))
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
