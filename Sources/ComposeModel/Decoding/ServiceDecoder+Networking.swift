import Foundation

/// Service fields about networking: published and exposed ports, networks and extra hosts.
extension ServiceDecoder {
    func ports(_ field: NodeReader) throws -> [ServicePort] {
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
            for (key, value) in try item.mapping(allowedKeys: AllowedKeys.port) {
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

    func exposed(_ text: String, _ field: NodeReader) throws -> String {
        let spec = text.split(separator: "/", maxSplits: 1).map(String.init)
        guard let first = spec.first, ShortSyntax.range(first) != nil else { throw field.fail("invalid exposed port \"\(text)\"") }
        return text
    }

    func networks(_ field: NodeReader) throws -> [String: ServiceNetworkAttachment] {
        var result: [String: ServiceNetworkAttachment] = [:]
        for (key, value) in try field.mapping() {
            var attachment = ServiceNetworkAttachment()
            for (option, optionValue) in try value.mapping(allowedKeys: AllowedKeys.networkAttachment) {
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

    func extraHosts(_ field: NodeReader) throws -> [String] {
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
}
