import ComposeModel
import PlanModel

extension ContainerDifferences {
    /// How one `HostConfig` field is compared and shown.
    enum HostField {
        /// A number or text whose absence is the daemon's default (0, "", false).
        case scalar(String)
        /// A size in bytes.
        case bytes(String)
        /// An unordered list (`CapAdd`, `Dns`): order and null vs empty do not matter.
        case set(String)
        /// Compared only when the request sets it: the daemon fills in its own value otherwise.
        case requestedOnly(String)
    }

    /// The `HostConfig` fields with a compose name, and how to compare them.
    static let hostFields: [(key: String, field: HostField)] = [
        ("Memory", .bytes("mem_limit")), ("MemoryReservation", .bytes("mem_reservation")),
        ("MemorySwap", .requestedOnly("memswap_limit")), ("NanoCpus", .scalar("cpus")), ("CpuShares", .scalar("cpu_shares")),
        ("CpuQuota", .scalar("cpu_quota")), ("CpuPeriod", .scalar("cpu_period")), ("CpusetCpus", .scalar("cpuset")),
        ("CpuRealtimeRuntime", .scalar("cpu_rt_runtime")), ("CpuRealtimePeriod", .scalar("cpu_rt_period")),
        ("PidsLimit", .scalar("pids_limit")), ("OomKillDisable", .scalar("oom_kill_disable")),
        ("OomScoreAdj", .scalar("oom_score_adj")), ("BlkioWeight", .scalar("blkio_config.weight")),
        ("MemorySwappiness", .requestedOnly("mem_swappiness")), ("ShmSize", .requestedOnly("shm_size")),
        ("CapAdd", .set("cap_add")), ("CapDrop", .set("cap_drop")), ("Dns", .set("dns")), ("DnsSearch", .set("dns_search")),
        ("DnsOptions", .set("dns_opt")), ("ExtraHosts", .set("extra_hosts")), ("GroupAdd", .set("group_add")),
        ("SecurityOpt", .set("security_opt")), ("VolumesFrom", .set("volumes_from")),
        ("DeviceCgroupRules", .set("device_cgroup_rules")),
        ("Privileged", .scalar("privileged")), ("ReadonlyRootfs", .scalar("read_only")), ("Init", .scalar("init")),
        ("PublishAllPorts", .scalar("publish_all_ports")), ("AutoRemove", .scalar("auto_remove")),
        ("NetworkMode", .requestedOnly("network_mode")), ("IpcMode", .requestedOnly("ipc")), ("PidMode", .scalar("pid")),
        ("UsernsMode", .scalar("userns_mode")), ("UTSMode", .scalar("uts")), ("CgroupnsMode", .requestedOnly("cgroup")),
        ("CgroupParent", .scalar("cgroup_parent")), ("Runtime", .requestedOnly("runtime")),
        ("Isolation", .scalar("isolation")), ("LogConfig", .requestedOnly("logging")),
        ("Sysctls", .requestedOnly("sysctls")), ("Tmpfs", .requestedOnly("tmpfs")), ("Ulimits", .requestedOnly("ulimits")),
        ("Devices", .requestedOnly("devices")),
    ]

    /// `HostConfig` keys compared elsewhere (mounts, ports, restart) or not
    /// configuration at all.
    static let hostKeysCompared: Set<String> = Set(hostFields.map(\.key)).union(["Binds", "Mounts", "PortBindings", "RestartPolicy"])

    mutating func compareHostConfig() {
        note("ports", Self.set(Self.portBindings(actualHost["PortBindings"])), Self.set(Self.portBindings(requestedHost["PortBindings"])))
        note("restart", Self.restartPolicy(actualHost["RestartPolicy"]), Self.restartPolicy(requestedHost["RestartPolicy"]))
        for (key, kind) in Self.hostFields {
            let expected = requestedHost[key]
            let current = actualHost[key]
            switch kind {
            case .scalar(let field):
                note(field, Self.scalar(current), Self.scalar(expected))
            case .bytes(let field):
                note(field, Self.bytes(current), Self.bytes(expected))
            case .set(let field):
                note(field, Self.set(Self.capabilityNormalised(key, current)), Self.set(Self.capabilityNormalised(key, expected)))
            case .requestedOnly(let field):
                guard let expected else { continue }
                if CanonicalJSON.string(current ?? .null) != CanonicalJSON.string(expected) {
                    note(field, Self.scalar(current) ?? "(none)", Self.scalar(expected) ?? "(none)")
                }
            }
        }
        // Anything else the request sets, under its API name.
        for (key, expected) in (requestedHost.objectValue ?? [:]).sorted(by: { $0.key < $1.key })
        where !Self.hostKeysCompared.contains(key) {
            let current = actualHost[key] ?? .null
            if CanonicalJSON.string(current) != CanonicalJSON.string(expected) {
                note(key, Self.scalar(current), Self.scalar(expected))
            }
        }
    }

    /// A scalar with its default (0, "", false, null, empty) as `nil`.
    static func scalar(_ value: JSONValue?) -> String? {
        guard let value, CanonicalJSON.pruned(.object(["v": value])) != nil else { return nil }
        switch value {
        case .int(let number) where number == -1: return nil
        case .string(let text) where text == "default": return nil
        default: return text(value)
        }
    }

    /// Capabilities without their `CAP_` prefix, upper-cased; other lists as they are.
    static func capabilityNormalised(_ key: String, _ value: JSONValue?) -> Set<String> {
        let items = value?.arrayValue?.compactMap { $0.stringValue ?? CanonicalJSON.string($0) } ?? []
        guard key == "CapAdd" || key == "CapDrop" else { return Set(items) }
        return Set(items.map { item in
            let upper = item.uppercased()
            return upper.hasPrefix("CAP_") ? String(upper.dropFirst(4)) : upper
        })
    }

    /// `PortBindings` as `[ip:]host:container/proto` strings; `0.0.0.0` and
    /// an empty host IP are the same.
    static func portBindings(_ value: JSONValue?) -> Set<String> {
        var result: Set<String> = []
        for (port, bindings) in value?.objectValue ?? [:] {
            let container = port.contains("/") ? port : port + "/tcp"
            for binding in bindings.arrayValue ?? [] {
                var ip = binding["HostIp"]?.stringValue ?? ""
                if ip == "0.0.0.0" { ip = "" }
                let host = binding["HostPort"]?.stringValue ?? ""
                result.insert((ip.isEmpty ? "" : ip + ":") + (host.isEmpty ? "" : host + ":") + container)
            }
        }
        return result
    }

    /// `no`, `always`, `unless-stopped`, `on-failure[:N]`.
    static func restartPolicy(_ value: JSONValue?) -> String {
        let name = value?["Name"]?.stringValue ?? ""
        guard !name.isEmpty, name != "no" else { return "no" }
        if name == "on-failure", let count = value?["MaximumRetryCount"]?.intValue, count > 0 { return "on-failure:\(count)" }
        return name
    }
}
