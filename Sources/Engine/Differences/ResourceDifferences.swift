import ComposeModel
import PlanModel

/// The fields in which an existing network or volume differs from the one
/// composeplan would create: the creation request compared with the
/// daemon's answer (a `GET /networks` or `GET /volumes` entry, which holds
/// the whole configuration). Labels under `com.docker.compose.` are
/// bookkeeping and never compared; other labels and driver options show
/// their keys only unless `showValues`.
public enum ResourceDifferences {
    /// The changes that turn network `actual` into the one `request` creates.
    public static func changes(network request: NetworkCreateRequest, actual: JSONValue, showValues: Bool = false) -> [FieldChange] {
        var changes: [FieldChange] = []
        let body = request.body
        func note(_ field: String, _ before: String?, _ after: String?) {
            if before != after { changes.append(FieldChange(field: field, from: before, to: after)) }
        }
        note("driver", text(actual["Driver"]) ?? "bridge", text(body["Driver"]) ?? "bridge")
        for (key, field) in [("Internal", "internal"), ("Attachable", "attachable"), ("EnableIPv6", "enable_ipv6")] {
            note(field, String(actual[key]?.boolValue ?? false), String(body[key]?.boolValue ?? false))
        }
        let ipamDriver = { (value: JSONValue?) in text(value?["Driver"]).flatMap { $0 == "default" ? nil : $0 } }
        note("ipam.driver", ipamDriver(actual["IPAM"]), ipamDriver(body["IPAM"]))
        // The daemon picks a subnet when none is asked for: compared only when asked.
        if let pools = body["IPAM"]?["Config"] {
            note("ipam.config", poolList(actual["IPAM"]?["Config"]), poolList(pools))
        }
        changes += keyed("driver_opts", actual["Options"]?.stringDictionary ?? [:], body["Options"]?.stringDictionary ?? [:],
                         showValues: true)
        changes += keyed("labels", bookkeepingRemoved(actual["Labels"]), bookkeepingRemoved(body["Labels"]), showValues: showValues)
        return changes
    }

    /// The changes that turn volume `actual` into the one `request` creates.
    public static func changes(volume request: VolumeCreateRequest, actual: JSONValue, showValues: Bool = false) -> [FieldChange] {
        var changes: [FieldChange] = []
        let before = text(actual["Driver"]) ?? "local"
        if before != request.driver { changes.append(FieldChange(field: "driver", from: before, to: request.driver)) }
        changes += keyed("driver_opts", actual["Options"]?.stringDictionary ?? [:], request.body["DriverOpts"]?.stringDictionary ?? [:],
                         showValues: true)
        changes += keyed("labels", bookkeepingRemoved(actual["Labels"]), bookkeepingRemoved(request.body["Labels"]), showValues: showValues)
        return changes
    }

    /// A non-empty string value, else `nil`.
    private static func text(_ value: JSONValue?) -> String? {
        guard case .string? = value else { return nil }
        return ContainerDifferences.text(value)
    }

    /// `172.20.0.0/16 gateway 172.20.0.1`, one per pool, comma-separated.
    private static func poolList(_ value: JSONValue?) -> String? {
        let pools = (value?.arrayValue ?? []).map { pool in
            [text(pool["Subnet"]), text(pool["IPRange"]).map { "range \($0)" }, text(pool["Gateway"]).map { "gateway \($0)" }]
                .compactMap { $0 }.joined(separator: " ")
        }.sorted()
        return pools.isEmpty ? nil : pools.joined(separator: ", ")
    }

    private static func bookkeepingRemoved(_ labels: JSONValue?) -> [String: String] {
        (labels?.stringDictionary ?? [:]).filter { !$0.key.hasPrefix("com.docker.compose.") }
    }

    private static func keyed(_ family: String, _ before: [String: String], _ after: [String: String],
                              showValues: Bool) -> [FieldChange] {
        Set(before.keys).union(after.keys).sorted().compactMap { key in
            guard before[key] != after[key] else { return nil }
            let change = FieldChange(field: "\(family).\(key)", from: before[key], to: after[key])
            return showValues ? change : change.withheld
        }
    }
}
