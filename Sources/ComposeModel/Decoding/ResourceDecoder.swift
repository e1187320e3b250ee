/// Decodes the top-level `networks:`, `volumes:`, `secrets:` and `configs:`
/// sections.
struct ResourceDecoder {
    let context: DecodingContext
    let projectName: String

    func network(key: String, _ reader: NodeReader) throws -> NetworkConfig {
        var network = NetworkConfig(name: "\(projectName)_\(key)")
        var explicitName: String?
        var externalName: String?
        for (field, value) in try reader.mapping(allowedKeys: AllowedKeys.network, what: "network \"\(key)\"") {
            switch field {
            case "driver": network.driver = try value.optionalString()
            case "driver_opts": network.driverOpts = try value.stringMap()
            case "ipam": network.ipam = try ipam(value)
            case "external": (network.external, externalName) = try external(value)
            case "internal": network.internal = try value.bool()
            case "attachable": network.attachable = try value.bool()
            case "enable_ipv6": network.enableIPv6 = try value.bool()
            case "enable_ipv4": network.enableIPv4 = try value.bool()
            case "labels": network.labels = try labels(value)
            default: explicitName = try value.optionalString()
            }
        }
        if let name = explicitName ?? externalName {
            network.name = name
        } else if network.external {
            network.name = key
        }
        return network
    }

    func volume(key: String, _ reader: NodeReader) throws -> VolumeConfig {
        var volume = VolumeConfig(name: "\(projectName)_\(key)")
        var explicitName: String?
        var externalName: String?
        for (field, value) in try reader.mapping(allowedKeys: AllowedKeys.volume, what: "volume \"\(key)\"") {
            switch field {
            case "driver": volume.driver = try value.optionalString() ?? "local"
            case "driver_opts": volume.driverOpts = try value.stringMap()
            case "external": (volume.external, externalName) = try external(value)
            case "labels": volume.labels = try labels(value)
            default: explicitName = try value.optionalString()
            }
        }
        if let name = explicitName ?? externalName {
            volume.name = name
        } else if volume.external {
            volume.name = key
        }
        return volume
    }

    func fileObject(key: String, kind: String, _ reader: NodeReader) throws -> FileObjectConfig {
        var object = FileObjectConfig()
        for (field, value) in try reader.mapping(allowedKeys: AllowedKeys.fileObject, what: "\(kind) \"\(key)\"") {
            switch field {
            case "file": object.file = context.absolutePath(try value.string())
            case "environment":
                let variable = try value.string()
                object.environment = variable
                object.environmentValue = context.environment[variable]
            case "external": object.external = try external(value).0
            case "name": object.name = try value.optionalString()
            case "content": object.content = try value.string()
            default: break
            }
        }
        let sources = [object.file != nil, object.environment != nil, object.content != nil, object.external].filter { $0 }.count
        guard sources == 1 else {
            throw reader.fail("\(kind) \"\(key)\" needs exactly one of file, environment, content or external")
        }
        return object
    }

    private func external(_ value: NodeReader) throws -> (Bool, String?) {
        if case .mapping = value.node {
            var name: String?
            for (field, nameValue) in try value.mapping(allowedKeys: AllowedKeys.external) where field == "name" {
                name = try nameValue.string()
            }
            return (true, name)
        }
        return (try value.bool(), nil)
    }

    private func labels(_ value: NodeReader) throws -> [String: String] {
        if case .sequence = value.node {
            var result: [String: String] = [:]
            for item in try value.sequence() {
                let text = try item.string()
                if let equals = text.firstIndex(of: "=") {
                    result[String(text[..<equals])] = String(text[text.index(after: equals)...])
                } else {
                    result[text] = ""
                }
            }
            return result
        }
        return try value.stringMap()
    }

    private func ipam(_ value: NodeReader) throws -> IPAMConfig {
        var config = IPAMConfig()
        for (field, fieldValue) in try value.mapping(allowedKeys: AllowedKeys.ipam) {
            switch field {
            case "driver": config.driver = try fieldValue.optionalString()
            case "options": config.options = try fieldValue.stringMap()
            default:
                config.config = try fieldValue.sequence().map { pool in
                    var parsed = IPAMConfig.IPAMPool()
                    for (key, poolValue) in try pool.mapping(allowedKeys: AllowedKeys.ipamPool) {
                        switch key {
                        case "subnet": parsed.subnet = try poolValue.optionalString()
                        case "ip_range": parsed.ipRange = try poolValue.optionalString()
                        case "gateway": parsed.gateway = try poolValue.optionalString()
                        default: parsed.auxAddresses = try poolValue.stringMap()
                        }
                    }
                    return parsed
                }
            }
        }
        return config
    }
}
