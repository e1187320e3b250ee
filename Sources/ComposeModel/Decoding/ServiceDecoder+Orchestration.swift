import Foundation

/// Service fields about orchestration: `deploy` and `depends_on`.
extension ServiceDecoder {
    func deploy(_ field: NodeReader) throws -> DeployConfig? {
        if field.isNull { return nil }
        var deploy = DeployConfig()
        for (key, value) in try field.mapping(allowedKeys: AllowedKeys.deploy) {
            switch key {
            case "replicas": deploy.replicas = try nonNegative(value)
            case "resources":
                var resources = DeployConfig.Resources()
                for (side, limits) in try value.mapping(allowedKeys: AllowedKeys.deployResources) {
                    var parsed = DeployConfig.Limits()
                    for (limit, limitValue) in try limits.mapping(allowedKeys: AllowedKeys.resourceLimits) {
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

    func dependsOn(_ field: NodeReader) throws -> [String: ServiceDependency] {
        var result: [String: ServiceDependency] = [:]
        for (name, value) in try field.mapping() {
            var dependency = ServiceDependency()
            for (key, option) in try value.mapping(allowedKeys: AllowedKeys.dependency) {
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
}
