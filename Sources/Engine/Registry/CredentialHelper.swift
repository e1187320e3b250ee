import ComposeModel
import Foundation

/// A docker credential helper, `docker-credential-<name>`, run as the docker
/// CLI runs it: `docker-credential-<name> get`, the server address on
/// standard input, `{"ServerURL", "Username", "Secret"}` on standard output.
/// A `Username` of `<token>` means the secret is an identity token.
struct CredentialHelper: Sendable {
    /// What a helper answered.
    struct Answer: Hashable, Sendable {
        var username: String
        var secret: String
    }

    /// The helper's name (`pass`, `secretservice`, `ecr-login`, …).
    let name: String
    /// The configuration file that names it (for messages).
    let configurationPath: String
    /// `PATH`, searched for the executable.
    let searchPath: String

    /// The executable's path, or `nil` when it is not on `searchPath`.
    var executable: String? {
        for folder in searchPath.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/docker-credential-\(name)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// The credentials stored for `server`; `nil` when the helper has none
    /// (it exits non-zero saying "credentials not found").
    func get(_ server: String) async throws(RegistryCredentialError) -> Answer? {
        guard let executable else { throw .helperNotFound(helper: name, path: configurationPath) }
        let output: ProcessOutput
        do {
            output = try await ProcessOutput.run(executable, ["get"], input: Data(server.utf8))
        } catch {
            throw .helperFailed(helper: name, server: server, message: "\(error)")
        }
        let stdout = String(decoding: output.stdout, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard output.status == 0 else {
            // The docker-credential-helpers' ErrCredentialsNotFound text.
            if stdout.contains("credentials not found") { return nil }
            let stderr = String(decoding: output.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            let message = [stdout, stderr].filter { !$0.isEmpty }.joined(separator: "; ")
            throw .helperFailed(helper: name, server: server, message: message.isEmpty ? "exit status \(output.status)" : message)
        }
        guard let json = try? JSONDecoder().decode(JSONValue.self, from: output.stdout),
              let username = json["Username"]?.stringValue, let secret = json["Secret"]?.stringValue else {
            throw .malformedHelperOutput(helper: name, server: server)
        }
        return Answer(username: username, secret: secret)
    }
}

/// A finished child process's exit status and output.
struct ProcessOutput: Sendable {
    var status: Int32
    var stdout: Data
    var stderr: Data

    /// Runs `executable arguments…` with `input` on standard input, off the
    /// cooperative thread pool, and waits for it.
    static func run(_ executable: String, _ arguments: [String], input: Data) async throws -> ProcessOutput {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                do {
                    let process = Process()
                    process.executableURL = URL(fileURLWithPath: executable)
                    process.arguments = arguments
                    let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
                    process.standardInput = stdin
                    process.standardOutput = stdout
                    process.standardError = stderr
                    // The input (a server address) fits in the pipe's buffer:
                    // written before the child exists, it can never raise SIGPIPE.
                    try stdin.fileHandleForWriting.write(contentsOf: input)
                    try stdin.fileHandleForWriting.close()
                    try process.run()
                    // Read both pipes before waiting, so a full pipe never blocks the child.
                    let errors = DataBox()
                    let group = DispatchGroup()
                    group.enter()
                    DispatchQueue.global().async {
                        errors.set(stderr.fileHandleForReading.readDataToEndOfFile())
                        group.leave()
                    }
                    let output = stdout.fileHandleForReading.readDataToEndOfFile()
                    group.wait()
                    process.waitUntilExit()
                    continuation.resume(returning: ProcessOutput(status: process.terminationStatus, stdout: output, stderr: errors.get()))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }
}

/// Bytes handed from the thread reading a pipe to the one waiting for it.
private final class DataBox: @unchecked Sendable {
    private var data = Data()
    private let lock = NSLock()
    func set(_ value: Data) { lock.withLock { data = value } }
    func get() -> Data { lock.withLock { data } }
}
