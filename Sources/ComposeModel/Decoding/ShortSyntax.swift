import Foundation

/// Parsers for the short spellings of ports, mounts and devices.
enum ShortSyntax {
    /// Expands one short `ports:` entry (`"127.0.0.1:8080-8081:80-81/udp"`) to
    /// long-form ports, one per container port.
    static func ports(_ spec: String) -> [ServicePort]? {
        var text = Substring(ValueParsers.trimmingWhitespace(spec))
        var proto = "tcp"
        if let slash = text.lastIndex(of: "/") {
            proto = String(text[text.index(after: slash)...]).lowercased()
            text = text[..<slash]
            guard ["tcp", "udp", "sctp"].contains(proto) else { return nil }
        }
        var hostIP: String?
        if text.hasPrefix("[") {
            guard let close = text.firstIndex(of: "]") else { return nil }
            hostIP = String(text[text.index(after: text.startIndex)..<close])
            text = text[text.index(after: close)...]
            guard text.hasPrefix(":") else { return nil }
            text = text.dropFirst()
        }
        var parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        if hostIP == nil && parts.count > 3 {
            hostIP = parts.dropLast(2).joined(separator: ":")
            parts = Array(parts.suffix(2))
        } else if hostIP == nil && parts.count == 3 {
            hostIP = parts.removeFirst()
        }
        let containerPart: String
        var hostPart: String?
        switch parts.count {
        case 1: containerPart = parts[0]
        case 2: hostPart = parts[0].isEmpty ? nil : parts[0]; containerPart = parts[1]
        default: return nil
        }
        guard let containerRange = range(containerPart) else { return nil }
        if let ip = hostIP, ip.isEmpty { hostIP = nil }
        var result: [ServicePort] = []
        if let hostPart {
            guard let hostRange = range(hostPart) else { return nil }
            if containerRange.count == 1 {
                let published = hostRange.count == 1 ? String(hostRange.lowerBound) : "\(hostRange.lowerBound)-\(hostRange.upperBound)"
                result.append(ServicePort(target: containerRange.lowerBound, published: published, hostIP: hostIP, protocol: proto))
            } else {
                guard hostRange.count == containerRange.count else { return nil }
                for (offset, target) in containerRange.enumerated() {
                    result.append(ServicePort(target: target, published: String(hostRange.lowerBound + offset), hostIP: hostIP, protocol: proto))
                }
            }
        } else {
            for target in containerRange {
                result.append(ServicePort(target: target, published: nil, hostIP: hostIP, protocol: proto))
            }
        }
        return result
    }

    /// `"80"` or `"8000-8010"` as a closed range of valid port numbers.
    static func range(_ text: String) -> ClosedRange<Int>? {
        let bounds = text.split(separator: "-", omittingEmptySubsequences: false)
        guard bounds.count == 1 || bounds.count == 2,
              let low = Int(bounds[0]), let high = Int(bounds.last!),
              low >= 0, high <= 65535, low <= high else { return nil }
        return low...high
    }

    /// Parses one short `volumes:` entry. `resolvePath` makes a bind source
    /// absolute.
    static func volume(_ spec: String, resolvePath: (String) -> String) -> ServiceVolume? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard !parts.isEmpty, parts.count <= 3, !parts.contains(where: \.isEmpty) else { return nil }
        if parts.count == 1 {
            guard parts[0].hasPrefix("/") else { return nil }
            return ServiceVolume(type: .volume, source: nil, target: parts[0])
        }
        let source = parts[0]
        let target = parts[1]
        guard target.hasPrefix("/") else { return nil }
        let isPath = source.hasPrefix("/") || source.hasPrefix(".") || source.hasPrefix("~")
        var volume = ServiceVolume(type: isPath ? .bind : .volume, source: isPath ? resolvePath(source) : source, target: target)
        if isPath { volume.bind = ServiceVolume.BindOptions(createHostPath: true) }
        if parts.count == 3 {
            for option in parts[2].split(separator: ",").map(String.init) {
                switch option {
                case "ro": volume.readOnly = true
                case "rw": volume.readOnly = false
                case "z", "Z":
                    var bind = volume.bind ?? ServiceVolume.BindOptions()
                    bind.selinux = option
                    volume.bind = bind
                case "nocopy":
                    volume.volume = ServiceVolume.VolumeOptions(nocopy: true)
                case "shared", "rshared", "slave", "rslave", "private", "rprivate":
                    var bind = volume.bind ?? ServiceVolume.BindOptions()
                    bind.propagation = option
                    volume.bind = bind
                case "consistent", "cached", "delegated":
                    volume.consistency = option
                default:
                    return nil
                }
            }
        }
        if volume.readOnly == false { volume.readOnly = nil }
        return volume
    }

    /// Parses `/dev/a[:/dev/b[:perms]]`.
    static func device(_ spec: String) -> DeviceMapping? {
        let parts = spec.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard let source = parts.first, !source.isEmpty, parts.count <= 3 else { return nil }
        switch parts.count {
        case 1: return DeviceMapping(source: source, target: source)
        case 2:
            if parts[1].hasPrefix("/") { return DeviceMapping(source: source, target: parts[1]) }
            return DeviceMapping(source: source, target: source, permissions: parts[1])
        default: return DeviceMapping(source: source, target: parts[1], permissions: parts[2])
        }
    }
}
