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
    /// A run still going after `timeout` seconds is killed (its status is then
    /// the signal's), so a hang fails the test instead of stalling the suite.
    public static func run(_ executable: String, _ arguments: [String], in directory: String = repositoryRoot,
                           environment: [String: String] = [:], input: String? = nil, timeout: Double = 300) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        var merged = ProcessInfo.processInfo.environment
        merged.removeValue(forKey: "COMPOSE_PROJECT_NAME")
        merged.removeValue(forKey: "COMPOSE_FILE")
        merged.removeValue(forKey: "COMPOSE_PROFILES")
        for (key, value) in environment { merged[key] = value }
        process.environment = merged
        let stdout = Pipe()
        let stderr = Pipe()
        let stdin = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = stdin
        // A child that exits before reading its input must not kill the test
        // process with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        try process.run()
        let watchdog = DispatchWorkItem { if process.isRunning { process.terminate() } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: watchdog)
        defer { watchdog.cancel() }
        if let input { try? stdin.fileHandleForWriting.write(contentsOf: Data(input.utf8)) }
        try? stdin.fileHandleForWriting.close()
        // Read both pipes concurrently so a full pipe never blocks the child.
        let errorData = LockedData()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async {
            errorData.set(stderr.fileHandleForReading.readDataToEndOfFile())
            group.leave()
        }
        let outputData = stdout.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: outputData, as: UTF8.self),
                      stderr: String(decoding: errorData.get(), as: UTF8.self))
    }
}

private final class LockedData: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.lock(); data = value; lock.unlock() }
    func get() -> Data { lock.lock(); defer { lock.unlock() }; return data }
}
