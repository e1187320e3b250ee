import Foundation

/// Times a `composeplan` executable (by default the one built next to this
/// benchmark) as a child process: what a user waits for, including start-up, reading the files
/// and writing the plan file.
enum WholeProcess {
    /// Seconds from spawn to exit of `composeplan plan -p bench -f <compose>
    /// --observed <snapshot> -o <plan.json>` on `generated` and `snapshot`
    /// (written next to the compose file), the best of 3. The plan text
    /// goes to /dev/null.
    static func planSeconds(_ generated: ProjectGenerator, snapshot: Data, executable: URL) throws -> Double {
        let directory = generated.directory!
        let snapshotPath = directory + "/snapshot.json"
        try snapshot.write(to: URL(fileURLWithPath: snapshotPath))
        let arguments = ["plan", "-p", "bench", "-f", generated.composeFile, "--observed", snapshotPath, "-o", directory + "/plan.json"]
        var best = Double.infinity
        for _ in 0..<3 {
            let process = Process()
            process.executableURL = executable
            process.arguments = arguments
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            let start = ContinuousClock.now
            try process.run()
            let stderr = errors.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            let elapsed = ContinuousClock.now - start
            guard process.terminationStatus == 0 else {
                throw ChildFailure(status: process.terminationStatus, stderr: String(decoding: stderr, as: UTF8.self))
            }
            best = min(best, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        }
        return best
    }

    /// `composeplan` in the directory of this executable (both are built
    /// into the same `.build/<configuration>`).
    static var siblingExecutable: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("composeplan")
    }

    /// The child exited with a failure.
    struct ChildFailure: Error, CustomStringConvertible {
        var status: Int32
        var stderr: String
        var description: String { "composeplan exited with \(status): \(stderr)" }
    }
}
