import ComposeModel
import Foundation

extension ContainerBodyBuilder {
    /// Resource limits and the other spec keys kept in `otherFields` that have
    /// an Engine API field. `deploy.resources` wins over the legacy keys
    /// (`cpus`, `mem_limit`, `mem_reservation`, `pids_limit`), as in docker compose.
    /// HostConfig integer fields and the compose keys they come from.
    private static let integerFields = [
        ("MemorySwappiness", "mem_swappiness"), ("PidsLimit", "pids_limit"), ("CpuShares", "cpu_shares"),
        ("CpuPeriod", "cpu_period"), ("CpuQuota", "cpu_quota"), ("CpuCount", "cpu_count"),
        ("CpuPercent", "cpu_percent"), ("OomScoreAdj", "oom_score_adj"),
    ]
    /// HostConfig string fields and the compose keys they come from.
    private static let stringFields = [
        ("Runtime", "runtime"), ("CgroupParent", "cgroup_parent"), ("Isolation", "isolation"), ("VolumeDriver", "volume_driver"),
    ]

    mutating func buildResources() {
        let other = service.otherFields
        if let cpus = other["cpus"].flatMap(Self.decimal) { hostConfig["NanoCpus"] = .int(Int((cpus * 1e9).rounded())) }
        setBytes("Memory", other["mem_limit"])
        setBytes("MemoryReservation", other["mem_reservation"])
        setBytes("MemorySwap", other["memswap_limit"])
        for (field, key) in Self.integerFields { setInt(field, other[key]) }
        setMicroseconds("CpuRealtimeRuntime", other["cpu_rt_runtime"])
        setMicroseconds("CpuRealtimePeriod", other["cpu_rt_period"])
        if let disable = other["oom_kill_disable"]?.boolValue { hostConfig["OomKillDisable"] = .bool(disable) }
        if let cpuset = other["cpuset"].flatMap(Self.text) { hostConfig["CpusetCpus"] = .string(cpuset) }
        for (field, key) in Self.stringFields {
            if let value = other[key]?.stringValue { hostConfig[field] = .string(value) }
        }
        if let groups = other["group_add"]?.arrayValue {
            hostConfig["GroupAdd"] = .strings(groups.compactMap(Self.text))
        }
        if let rules = other["device_cgroup_rules"]?.arrayValue {
            hostConfig["DeviceCgroupRules"] = .strings(rules.compactMap(\.stringValue))
        }
        if let options = other["storage_opt"]?.objectValue {
            hostConfig["StorageOpt"] = .object(options.compactMapValues { Self.text($0).map(JSONValue.string) })
        }
        if let weight = other["blkio_config"]?["weight"]?.intValue { hostConfig["BlkioWeight"] = .int(weight) }

        if let limits = service.deploy?.resources?.limits {
            if let cpus = limits.cpus.flatMap(Double.init) { hostConfig["NanoCpus"] = .int(Int((cpus * 1e9).rounded())) }
            if let memory = limits.memory { hostConfig["Memory"] = .int(memory.bytes) }
            if let pids = limits.pids { hostConfig["PidsLimit"] = .int(pids) }
        }
        if let reservations = service.deploy?.resources?.reservations, let memory = reservations.memory {
            hostConfig["MemoryReservation"] = .int(memory.bytes)
        }
    }

    private mutating func setInt(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        if let number = value.intValue ?? value.stringValue.flatMap({ Int($0) }) { hostConfig[key] = .int(number) }
    }

    private mutating func setBytes(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        if let number = value.intValue {
            hostConfig[key] = .int(number)
        } else if let text = value.stringValue {
            if text == "-1" { hostConfig[key] = .int(-1) } else if let bytes = ValueParsers.byteCount(text) { hostConfig[key] = .int(bytes.bytes) }
        }
    }

    /// A duration (`400ms`) or a plain number of microseconds.
    private mutating func setMicroseconds(_ key: String, _ value: JSONValue?) {
        guard let value else { return }
        if let number = value.intValue {
            hostConfig[key] = .int(number)
        } else if let text = value.stringValue, let duration = ValueParsers.duration(text) {
            hostConfig[key] = .int(Int(duration.nanoseconds / 1000))
        }
    }

    private static func decimal(_ value: JSONValue) -> Double? {
        value.doubleValue ?? value.stringValue.flatMap(Double.init)
    }

    private static func text(_ value: JSONValue) -> String? {
        if let string = value.stringValue { return string }
        if let number = value.intValue { return String(number) }
        return nil
    }
}
