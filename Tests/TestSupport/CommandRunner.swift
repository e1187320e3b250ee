import Foundation

/// Runs the built `composeplan` binary (or any program) and captures its output.
public struct CommandRunner: Sendable {
    /// What a run produced.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// The repository root (found from this file's location).
    public static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }
        return url.path
    }()

    /// `../shared` beside the repository.
    public static var sharedDirectory: String {
        URL(fileURLWithPath: repositoryRoot).deletingLastPathComponent().appendingPathComponent("shared").path
    }

    /// The `composeplan` executable: `COMPOSEPLAN_BINARY`, else next to the
    /// test bundle in the build folder.
    public static let composeplan: String = {
        if let explicit = ProcessInfo.processInfo.environment["COMPOSEPLAN_BINARY"] { return explicit }
        let candidates = [
            URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("composeplan").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("composeplan").path,
            repositoryRoot + "/.build/debug/composeplan",
        ]
        return candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) ?? candidates.last!
    }()

    public init() {}

    /// Runs `composeplan arguments…` in `directory`.
    public static func composeplan(_ arguments: [String], in directory: String = repositoryRoot,
                                   environment: [String: String] = [:], input: String? = nil) throws -> Result {
        try run(composeplan, arguments, in: directory, environment: environment, input: input)
    }

    /// Runs `executable` and waits for it.
    /// A run still going after `timeout` seconds is terminated (its status is
    /// then 128 + SIGTERM), so a hang fails the test instead of stalling the
    /// suite. A process ended by a signal has the status 128 + the signal.
    public static func run(_ executable: String, _ arguments: [String], in directory: String = repositoryRoot,
                           environment: [String: String] = [:], input: String? = nil, timeout: Double = 300) throws -> Result {
        let child = try SpawnedProcess(executable, arguments, directory: directory, environment: childEnvironment(environment),
                                       input: input)
        let watchdog = DispatchWorkItem { if child.isRunning { child.send(SIGTERM) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        return child.wait()
    }
}

extension CommandRunner {
    /// A process started by ``start(_:_:in:environment:)``: its output is
    /// drained as it comes, so it never blocks on a full pipe.
    public final class Started: @unchecked Sendable {
        let child: SpawnedProcess

        init(child: SpawnedProcess) {
            self.child = child
        }

        /// The process id.
        public var pid: Int32 { child.pid }

        /// Sends SIGINT, as Ctrl-C on a terminal does.
        public func interrupt() { child.send(SIGINT) }

        /// Waits for the end and returns what it printed.
        public func wait() -> Result { child.wait() }
    }

    /// Starts `executable` without waiting for it (standard input closed).
    public static func start(_ executable: String, _ arguments: [String], in directory: String = repositoryRoot,
                             environment: [String: String] = [:]) throws -> Started {
        Started(child: try SpawnedProcess(executable, arguments, directory: directory, environment: childEnvironment(environment)))
    }

    /// This process's environment without the compose variables that would
    /// change what a test's compose files mean, plus `extra`. Also makes
    /// the test process ignore SIGPIPE, so a child that exits before
    /// reading its input cannot kill it.
    static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        signal(SIGPIPE, SIG_IGN)
        var merged = ProcessInfo.processInfo.environment
        for key in ["COMPOSE_PROJECT_NAME", "COMPOSE_FILE", "COMPOSE_PROFILES"] { merged.removeValue(forKey: key) }
        for (key, value) in extra { merged[key] = value }
        return merged
    }
}

final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
