import ComposeModel
import DockerModel
import PlanModel

extension ContainerDifferences {
    /// Mounts by destination, whichever way they were asked for: the legacy
    /// `Binds` strings (docker-compose 1.x puts named volumes there too),
    /// `HostConfig.Mounts`, `Tmpfs`, and the anonymous volumes of
    /// `Config.Volumes`. Anonymous volumes compare by destination only (a
    /// replacement mounts the old one by its ID); the image's own volumes
    /// are not the service's.
    mutating func compareMounts() {
        let imageVolumes = Set(image?["Volumes"]?.objectValue?.keys.map { $0 } ?? [])
        let expected = Self.mounts(config: requested, host: requestedHost).filter { !($0.value == Self.anonymous && imageVolumes.contains($0.key)) }
        var current = Self.mounts(config: actualConfig, host: actualHost).filter { !($0.value == Self.anonymous && imageVolumes.contains($0.key)) }
        if image == nil {
            // Not knowing the image's volumes, an anonymous volume only the
            // container has may be the image's.
            current = current.filter { $0.value != Self.anonymous || expected[$0.key] != nil }
        }
        for target in Set(expected.keys).union(current.keys).sorted() {
            let before = current[target].map { Self.describe($0, target) }
            let after = expected[target].map { Self.describe($0, target) }
            note("volumes", before, after)
        }
    }

    /// An anonymous volume's source.
    static let anonymous = "(anonymous)"

    /// `source[:ro]` by destination: `/srv/conf:ro` for a bind, `volume
    /// app_data` for a named volume, `(anonymous)`, `tmpfs`.
    static func mounts(config: JSONValue, host: JSONValue) -> [String: String] {
        var result: [String: String] = [:]
        for bind in host["Binds"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let parts = bind.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard parts.count >= 2 else { continue }
            let options = parts.count > 2 ? parts[2].split(separator: ",").map(String.init) : []
            result[parts[1]] = source(parts[0], isVolume: !parts[0].hasPrefix("/") && !parts[0].hasPrefix("."),
                                      readOnly: options.contains("ro"),
                                      extra: options.filter { !["ro", "rw", "rprivate", "nocopy"].contains($0) })
        }
        for mount in host["Mounts"]?.arrayValue ?? [] {
            guard let target = mount["Target"]?.stringValue else { continue }
            let type = mount["Type"]?.stringValue ?? "volume"
            let readOnly = mount["ReadOnly"]?.boolValue ?? false
            switch type {
            case "tmpfs": result[target] = "tmpfs" + (readOnly ? ":ro" : "")
            case "bind", "npipe":
                var extra: [String] = []
                if let propagation = mount["BindOptions"]?["Propagation"]?.stringValue, propagation != "rprivate" { extra.append(propagation) }
                result[target] = source(mount["Source"]?.stringValue ?? "", isVolume: false, readOnly: readOnly, extra: extra)
            default:
                result[target] = source(mount["Source"]?.stringValue ?? "", isVolume: true, readOnly: readOnly, extra: [])
            }
        }
        for (target, _) in host["Tmpfs"]?.objectValue ?? [:] where result[target] == nil {
            result[target] = "tmpfs"
        }
        // Config.Volumes names every destination for some tools; only the
        // ones nothing else mounts are anonymous volumes.
        for target in config["Volumes"]?.objectValue?.keys.map({ $0 }) ?? [] where result[target] == nil {
            result[target] = anonymous
        }
        return result
    }

    private static func source(_ source: String, isVolume: Bool, readOnly: Bool, extra: [String]) -> String {
        guard isVolume else { return source + ([readOnly ? "ro" : nil].compactMap { $0 } + extra).map { ":" + $0 }.joined() }
        if source.isEmpty || DockerID.isFullID(source) { return anonymous + (readOnly ? ":ro" : "") }
        return "volume " + source + (readOnly ? ":ro" : "")
    }

    /// `/srv/conf:/conf:ro`, `volume app_data:/data`, `(anonymous):/cache`.
    private static func describe(_ source: String, _ target: String) -> String {
        guard let colon = source.firstIndex(of: ":") else { return source + ":" + target }
        return String(source[..<colon]) + ":" + target + String(source[colon...])
    }

    // MARK: - Networks

    /// Networks by Docker name: joined or left, and on each the aliases and
    /// static addresses. The short container ID the daemon adds to the
    /// aliases and the container's own name (which the daemon's DNS
    /// resolves anyway; docker compose v2 lists it, 1.x does not) are not
    /// compared.
    mutating func compareNetworks() {
        var expected: [String: JSONValue] = [:]
        for endpoint in request.networks { expected[endpoint.network] = endpoint.settings }
        if requestedHost["NetworkMode"]?.stringValue.map({ $0.contains(":") || ["host", "none", "bridge"].contains($0) }) == true {
            return
        }
        let current = actual["NetworkSettings"]?["Networks"]?.objectValue ?? [:]
        let keys = networkKeys
        let key = { (name: String) in keys[name] ?? name }
        note("networks", Self.set(Set(current.keys.map(key))), Self.set(Set(expected.keys.map(key))))
        let id = actual["Id"]?.stringValue ?? ""
        // The request is built under the container's final name.
        let implicit: Set<String> = [String(id.prefix(12)), Self.trimmedName(actual["Name"]?.stringValue), request.name]
        for name in expected.keys.sorted() {
            guard let endpoint = current[name] else { continue }
            let settings = expected[name]!
            let aliases = { (value: JSONValue?) in
                Set(value?.arrayValue?.compactMap(\.stringValue) ?? []).subtracting(implicit)
            }
            note("networks.\(key(name)).aliases", Self.set(aliases(endpoint["Aliases"])), Self.set(aliases(settings["Aliases"])))
            for (api, field) in [("IPv4Address", "ipv4_address"), ("IPv6Address", "ipv6_address")] {
                note("networks.\(key(name)).\(field)", Self.text(endpoint["IPAMConfig"]?[api]), Self.text(settings["IPAMConfig"]?[api]))
            }
        }
    }

    private static func trimmedName(_ name: String?) -> String {
        guard let name else { return "" }
        return name.hasPrefix("/") ? String(name.dropFirst()) : name
    }
}
