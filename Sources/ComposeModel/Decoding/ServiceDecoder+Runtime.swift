import Foundation

/// Service fields about the process and its lifecycle: command lines, environment and env files, health checks, restart and pull policies, limits and logging.
extension ServiceDecoder {
    func nonNegative(_ field: NodeReader) throws -> Int? {
        if field.isNull { return nil }
        let value = try field.int()
        guard value >= 0 else { throw field.fail("must not be negative") }
        return value
    }

    func commandLine(_ field: NodeReader) throws -> [String]? {
        if field.isNull { return nil }
        if case .scalar = field.node {
            let text = try field.string()
            guard let words = ValueParsers.shellWords(text) else { throw field.fail("unterminated quote in \"\(text)\"") }
            return words
        }
        return try field.sequence().map { try $0.string() }
    }

    func environment(_ field: NodeReader) throws -> [String: String?] {
        var result: [String: String?] = [:]
        for (key, value) in try field.mapping() {
            if value.isNull {
                result[key] = .some(context.environment[key])
            } else {
                result[key] = .some(try value.string())
            }
        }
        return result
    }

    /// `build` with a local `context` made absolute against the project
    /// directory, and each `args` entry that has no value taken from the
    /// environment, as compose does (`KEY` in a list, `KEY:` in a map);
    /// unset variables stay without a value.
    func normalizedBuild(_ build: JSONValue) -> JSONValue {
        guard case .object(var members) = build else { return build }
        if let path = members["context"]?.stringValue, !path.isEmpty, !PathResolver.isRemoteContext(path) {
            members["context"] = .string(context.absolutePath(path))
        }
        guard let args = members["args"] else { return .object(members) }
        switch args {
        case .object(var entries):
            for (key, value) in entries where value == .null {
                if let fromEnvironment = context.environment[key] { entries[key] = .string(fromEnvironment) }
            }
            members["args"] = .object(entries)
        case .array(let items):
            members["args"] = .array(items.map { item in
                guard let text = item.stringValue, !text.contains("="), let value = context.environment[text] else { return item }
                return .string("\(text)=\(value)")
            })
        default:
            break
        }
        return .object(members)
    }

    func envFiles(_ field: NodeReader) throws -> [EnvFileReference] {
        if field.isNull { return [] }
        if case .scalar = field.node { return [EnvFileReference(path: context.absolutePath(try field.string()))] }
        return try field.sequence().map { item in
            if case .scalar = item.node { return EnvFileReference(path: context.absolutePath(try item.string())) }
            var reference = EnvFileReference(path: "")
            for (key, value) in try item.mapping(allowedKeys: AllowedKeys.envFile) {
                switch key {
                case "path": reference.path = context.absolutePath(try value.string())
                case "required": reference.required = try value.bool()
                default: break
                }
            }
            guard !reference.path.isEmpty else { throw item.fail("env_file entry needs a path") }
            return reference
        }
    }

    func healthcheck(_ field: NodeReader) throws -> Healthcheck? {
        if field.isNull { return nil }
        var check = Healthcheck()
        for (key, value) in try field.mapping(allowedKeys: AllowedKeys.healthcheck) {
            switch key {
            case "test":
                if case .scalar = value.node {
                    check.test = ["CMD-SHELL", try value.string()]
                } else {
                    let test = try value.sequence().map { try $0.string() }
                    guard let first = test.first, ["CMD", "CMD-SHELL", "NONE"].contains(first) else {
                        throw value.fail("a healthcheck test list must start with CMD, CMD-SHELL or NONE")
                    }
                    check.test = test
                }
            case "interval": check.interval = try value.duration()
            case "timeout": check.timeout = try value.duration()
            case "start_period": check.startPeriod = try value.duration()
            case "start_interval": check.startInterval = try value.duration()
            case "retries": check.retries = try value.int()
            default: check.disable = try value.bool()
            }
        }
        return check
    }

    func restartPolicy(_ field: NodeReader) throws -> String? {
        guard let text = try field.optionalString() else { return nil }
        let name = text.split(separator: ":").first.map(String.init) ?? text
        guard ["no", "always", "on-failure", "unless-stopped"].contains(name) else {
            throw field.fail("invalid restart policy \"\(text)\" (no, always, on-failure[:N], unless-stopped)")
        }
        return text
    }

    func pullPolicy(_ field: NodeReader) throws -> String? {
        guard let text = try field.optionalString() else { return nil }
        guard PullPolicy(text) != nil else {
            throw field.fail("invalid pull policy \"\(text)\" (always, never, missing, build, daily, weekly or every_<duration>)")
        }
        return text
    }

    func ulimits(_ field: NodeReader) throws -> [String: Ulimit] {
        var result: [String: Ulimit] = [:]
        for (name, value) in try field.mapping() {
            if case .scalar = value.node {
                let limit = try value.int()
                result[name] = Ulimit(soft: limit, hard: limit)
            } else {
                var soft: Int?
                var hard: Int?
                for (key, bound) in try value.mapping(allowedKeys: AllowedKeys.ulimit) {
                    if key == "soft" { soft = try bound.int() } else { hard = try bound.int() }
                }
                guard let soft, let hard else { throw value.fail("a ulimit needs both soft and hard") }
                result[name] = Ulimit(soft: soft, hard: hard)
            }
        }
        return result
    }

    func logging(_ field: NodeReader) throws -> LoggingConfig? {
        if field.isNull { return nil }
        var config = LoggingConfig()
        for (key, value) in try field.mapping(allowedKeys: AllowedKeys.logging) {
            if key == "driver" { config.driver = try value.optionalString() } else { config.options = try value.stringMap() }
        }
        return config
    }
}
