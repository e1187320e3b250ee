import ComposeModel

/// A command to run in a running container, as `docker exec` runs it (a
/// service's lifecycle hook).
public struct ExecRequest: Hashable, Sendable {
    public var command: [String]
    public var user: String?
    public var privileged: Bool
    public var workingDir: String?
    /// `KEY=VALUE` entries.
    public var environment: [String]

    public init(command: [String], user: String? = nil, privileged: Bool = false, workingDir: String? = nil,
                environment: [String] = []) {
        self.command = command
        self.user = user
        self.privileged = privileged
        self.workingDir = workingDir
        self.environment = environment
    }

    /// The exec that runs a service's lifecycle hook.
    public init(hook: ServiceHook) {
        self.init(command: hook.command, user: hook.user, privileged: hook.privileged, workingDir: hook.workingDir,
                  environment: hook.environment)
    }

    /// The body of `POST /containers/{id}/exec`.
    public var body: JSONValue {
        var body: [String: JSONValue] = [
            "Cmd": .strings(command), "AttachStdout": true, "AttachStderr": true, "Privileged": .bool(privileged),
        ]
        if let user, !user.isEmpty { body["User"] = .string(user) }
        if let workingDir, !workingDir.isEmpty { body["WorkingDir"] = .string(workingDir) }
        if !environment.isEmpty { body["Env"] = .strings(environment) }
        return .object(body)
    }
}

/// How an exec ended: its exit code and its output (standard output and
/// error, interleaved as the daemon sent them).
public struct ExecResult: Hashable, Sendable {
    public var exitCode: Int
    public var output: String

    public init(exitCode: Int, output: String) {
        self.exitCode = exitCode
        self.output = output
    }

    /// The daemon's multiplexed stream (8-byte frame headers: stream, 0, 0,
    /// 0, big-endian length) as text; a stream without headers (a TTY) as is.
    public static func demultiplexed(_ bytes: [UInt8]) -> String {
        var output: [UInt8] = []
        var index = 0
        while index + 8 <= bytes.count, [0, 1, 2].contains(bytes[index]), bytes[index + 1] == 0, bytes[index + 2] == 0,
              bytes[index + 3] == 0 {
            let length = bytes[(index + 4)..<(index + 8)].reduce(0) { $0 << 8 | Int($1) }
            let end = min(bytes.count, index + 8 + length)
            output += bytes[(index + 8)..<end]
            index = end
        }
        if index < bytes.count { output += bytes[index...] }
        return String(decoding: output, as: UTF8.self)
    }
}
