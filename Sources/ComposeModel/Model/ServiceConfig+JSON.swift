/// The JSON form of a service configuration built member by member: the
/// value `JSONValueEncoder` makes of the synthesized `Codable`
/// conformances (the compose file's keys, `nil` optionals left out, empty
/// arrays and objects kept, durations and byte counts as integers), without
/// the Codable machinery.
///
/// Config hashes and plan files encode every service of a project; through
/// Codable a service costs tens of microseconds, nearly all of it in the
/// machinery. Keep this in step with the types' stored properties: the tests
/// compare it with `JSONValueEncoder` on fully populated configurations and
/// check that every stored property is listed in `ServiceConfig.jsonProperties`.
extension ServiceConfig {
    /// The configuration as `JSONValueEncoder().encode(self)` makes it.
    package var jsonValue: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: jsonMembers.lazy.map { ($0.key, $0.value) }))
    }

    /// The members of ``jsonValue`` in ``JSONKeyOrder`` (the order both
    /// plan files and config hashes write them), built without a
    /// dictionary: writers take them as they are instead of hashing 50
    /// keys into a dictionary and sorting them again, for each of a large
    /// project's services. The literal order below is that order (a test
    /// checks it).
    package var jsonMembers: [(key: String, value: JSONValue)] {
        members(forHash: false)
    }

    /// The members of ``jsonMembers`` that a config hash covers: all but
    /// `name`, `build`, `pull_policy`, `scale`, `depends_on` and `profiles`
    /// (the one list of `ConfigHasher`'s exclusions, left out here rather
    /// than filtered out by name afterwards).
    package var hashedMembers: [(key: String, value: JSONValue)] {
        members(forHash: true)
    }

    private func members(forHash: Bool) -> [(key: String, value: JSONValue)] {
        var members: [(key: String, value: JSONValue)] = []
        members.reserveCapacity(Self.jsonMemberCount)
        func add(_ key: String, _ value: JSONValue?) {
            if let value { members.append((key, value)) }
        }
        let all = !forHash
        if all { add("build", build) }
        add("cap_add", .strings(capAdd))
        add("cap_drop", .strings(capDrop))
        add("command", command.map(JSONValue.strings))
        add("configs", .array(configs.map(\.jsonValue)))
        add("container_name", containerName.map(JSONValue.string))
        if all { add("depends_on", .object(mapping: dependsOn) {
            .object(["condition": .string($0.condition.rawValue), "required": .bool($0.required), "restart": .bool($0.restart)])
        }) }
        add("deploy", deploy?.jsonValue)
        add("devices", .array(devices.map {
            .object(["source": .string($0.source), "target": .string($0.target), "permissions": .string($0.permissions)])
        }))
        add("dns", .strings(dns))
        add("dns_opt", .strings(dnsOpt))
        add("dns_search", .strings(dnsSearch))
        add("domainname", domainname.map(JSONValue.string))
        add("entrypoint", entrypoint.map(JSONValue.strings))
        add("env_file", .array(envFile.map(\.jsonValue)))
        add("environment", .object(mapping: environment) { $0.map(JSONValue.string) ?? .null })
        add("expose", .strings(expose))
        add("external_links", .strings(externalLinks))
        add("extra_hosts", .strings(extraHosts))
        add("healthcheck", healthcheck?.jsonValue)
        add("hostname", hostname.map(JSONValue.string))
        add("image", image.map(JSONValue.string))
        add("init", `init`.map(JSONValue.bool))
        add("ipc", ipc.map(JSONValue.string))
        add("labels", .strings(labels))
        add("links", .strings(links))
        add("logging", logging.map { logging in
            var options: [String: JSONValue] = ["options": .strings(logging.options)]
            options["driver"] = logging.driver.map(JSONValue.string)
            return .object(options)
        })
        if all { add("name", .string(name)) }
        add("network_mode", networkMode.map(JSONValue.string))
        add("networks", .object(mapping: networks, \.jsonValue))
        add("pid", pid.map(JSONValue.string))
        add("platform", platform.map(JSONValue.string))
        add("ports", .array(ports.map(\.jsonValue)))
        add("privileged", privileged.map(JSONValue.bool))
        if all { add("profiles", .strings(profiles)) }
        if all { add("pull_policy", pullPolicy.map(JSONValue.string)) }
        add("read_only", readOnly.map(JSONValue.bool))
        add("restart", restart.map(JSONValue.string))
        if all { add("scale", scale.map(JSONValue.int)) }
        add("secrets", .array(secrets.map(\.jsonValue)))
        add("security_opt", .strings(securityOpt))
        add("shm_size", shmSize.map { .int($0.bytes) })
        add("stdin_open", stdinOpen.map(JSONValue.bool))
        add("stop_grace_period", stopGracePeriod?.jsonValue)
        add("stop_signal", stopSignal.map(JSONValue.string))
        add("sysctls", .strings(sysctls))
        add("tmpfs", .strings(tmpfs))
        add("tty", tty.map(JSONValue.bool))
        add("ulimits", .object(mapping: ulimits) { .object(["soft": .int($0.soft), "hard": .int($0.hard)]) })
        add("user", user.map(JSONValue.string))
        add("volumes", .array(volumes.map(\.jsonValue)))
        add("volumes_from", .strings(volumesFrom))
        add("working_dir", workingDir.map(JSONValue.string))
        add("x-other-fields", .object(otherFields))
        return members
    }

    /// How many members ``jsonMembers`` has at most.
    static let jsonMemberCount = 54

    /// The stored properties `jsonValue` writes, by type: a property added
    /// to one of these types must be added there (a test compares this
    /// with the types' mirrors).
    package static let jsonProperties: [String: [String]] = [
        "ServiceConfig": ["build", "capAdd", "capDrop", "command", "configs", "containerName", "dependsOn", "deploy", "devices",
                          "dns", "dnsOpt", "dnsSearch", "domainname", "entrypoint", "envFile", "environment", "expose",
                          "externalLinks", "extraHosts", "healthcheck", "hostname", "image", "init", "ipc", "labels", "links",
                          "logging", "name", "networkMode", "networks", "otherFields", "pid", "platform", "ports", "privileged",
                          "profiles", "pullPolicy", "readOnly", "restart", "scale", "secrets", "securityOpt", "shmSize",
                          "stdinOpen", "stopGracePeriod", "stopSignal", "sysctls", "tmpfs", "tty", "ulimits", "user", "volumes",
                          "volumesFrom", "workingDir"],
        "EnvFileReference": ["path", "required"],
        "ServicePort": ["appProtocol", "hostIP", "mode", "name", "protocol", "published", "target"],
        "ServiceVolume": ["bind", "consistency", "readOnly", "source", "target", "tmpfs", "type", "volume"],
        "ServiceVolume.BindOptions": ["createHostPath", "propagation", "selinux"],
        "ServiceVolume.VolumeOptions": ["nocopy", "subpath"],
        "ServiceVolume.TmpfsOptions": ["mode", "size"],
        "ServiceNetworkAttachment": ["aliases", "driverOpts", "gwPriority", "interfaceName", "ipv4Address", "ipv6Address",
                                     "linkLocalIPs", "macAddress", "priority"],
        "Healthcheck": ["disable", "interval", "retries", "startInterval", "startPeriod", "test", "timeout"],
        "DeployConfig": ["otherFields", "replicas", "resources"],
        "DeployConfig.Resources": ["limits", "reservations"],
        "DeployConfig.Limits": ["cpus", "devices", "memory", "pids"],
        "Ulimit": ["hard", "soft"],
        "LoggingConfig": ["driver", "options"],
        "DeviceMapping": ["permissions", "source", "target"],
        "ServiceFileReference": ["gid", "mode", "source", "target", "uid"],
        "ServiceDependency": ["condition", "required", "restart"],
        "ComposeDuration": ["nanoseconds"],
        "ByteCount": ["bytes"],
    ]
}

extension JSONValue {
    static func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
    static func strings(_ values: [String: String]) -> JSONValue { .object(mapping: values, JSONValue.string) }

    /// `.object(values.mapValues(transform))`, but an empty dictionary maps
    /// to the shared empty one: `mapValues` makes a new table even for no
    /// entries, and most services leave most of their maps empty.
    static func object<Value>(mapping values: [String: Value], _ transform: (Value) -> JSONValue) -> JSONValue {
        values.isEmpty ? .object([:]) : .object(values.mapValues(transform))
    }
}

extension ComposeDuration {
    var jsonValue: JSONValue { .int(Int(nanoseconds)) }
}

extension EnvFileReference {
    var jsonValue: JSONValue { .object(["path": .string(path), "required": .bool(required)]) }
}

extension ServicePort {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["target": .int(target), "protocol": .string(`protocol`)]
        members["published"] = published.map(JSONValue.string)
        members["host_ip"] = hostIP.map(JSONValue.string)
        members["mode"] = mode.map(JSONValue.string)
        members["name"] = name.map(JSONValue.string)
        members["app_protocol"] = appProtocol.map(JSONValue.string)
        return .object(members)
    }
}

extension ServiceVolume {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["type": .string(type.rawValue), "target": .string(target)]
        members["source"] = source.map(JSONValue.string)
        members["read_only"] = readOnly.map(JSONValue.bool)
        members["consistency"] = consistency.map(JSONValue.string)
        members["bind"] = bind.map { bind in
            var options: [String: JSONValue] = [:]
            options["propagation"] = bind.propagation.map(JSONValue.string)
            options["create_host_path"] = bind.createHostPath.map(JSONValue.bool)
            options["selinux"] = bind.selinux.map(JSONValue.string)
            return .object(options)
        }
        members["volume"] = volume.map { volume in
            var options: [String: JSONValue] = [:]
            options["nocopy"] = volume.nocopy.map(JSONValue.bool)
            options["subpath"] = volume.subpath.map(JSONValue.string)
            return .object(options)
        }
        members["tmpfs"] = tmpfs.map { tmpfs in
            var options: [String: JSONValue] = [:]
            options["size"] = tmpfs.size.map { .int($0.bytes) }
            options["mode"] = tmpfs.mode.map(JSONValue.int)
            return .object(options)
        }
        return .object(members)
    }
}

extension ServiceNetworkAttachment {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["aliases": .strings(aliases), "link_local_ips": .strings(linkLocalIPs),
                                            "driver_opts": .strings(driverOpts)]
        members["ipv4_address"] = ipv4Address.map(JSONValue.string)
        members["ipv6_address"] = ipv6Address.map(JSONValue.string)
        members["mac_address"] = macAddress.map(JSONValue.string)
        members["priority"] = priority.map(JSONValue.int)
        members["gw_priority"] = gwPriority.map(JSONValue.int)
        members["interface_name"] = interfaceName.map(JSONValue.string)
        return .object(members)
    }
}

extension Healthcheck {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [:]
        members["test"] = test.map(JSONValue.strings)
        members["interval"] = interval?.jsonValue
        members["timeout"] = timeout?.jsonValue
        members["start_period"] = startPeriod?.jsonValue
        members["start_interval"] = startInterval?.jsonValue
        members["retries"] = retries.map(JSONValue.int)
        members["disable"] = disable.map(JSONValue.bool)
        return .object(members)
    }
}

extension DeployConfig {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["x-other-fields": .object(otherFields)]
        members["replicas"] = replicas.map(JSONValue.int)
        members["resources"] = resources.map { resources in
            var parts: [String: JSONValue] = [:]
            parts["limits"] = resources.limits?.jsonValue
            parts["reservations"] = resources.reservations?.jsonValue
            return .object(parts)
        }
        return .object(members)
    }
}

extension DeployConfig.Limits {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = [:]
        members["cpus"] = cpus.map(JSONValue.string)
        members["memory"] = memory.map { .int($0.bytes) }
        members["pids"] = pids.map(JSONValue.int)
        members["devices"] = devices
        return .object(members)
    }
}

extension ServiceFileReference {
    var jsonValue: JSONValue {
        var members: [String: JSONValue] = ["source": .string(source)]
        members["target"] = target.map(JSONValue.string)
        members["uid"] = uid.map(JSONValue.string)
        members["gid"] = gid.map(JSONValue.string)
        members["mode"] = mode.map(JSONValue.int)
        return .object(members)
    }
}
