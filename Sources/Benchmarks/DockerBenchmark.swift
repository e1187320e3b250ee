import Foundation

/// `composeplan up` against Debian's `docker-compose` 1.29 on a real daemon,
/// on the same 20-service compose file: from nothing, and after a change to
/// one service. Needs a daemon (`DOCKER_HOST` or the first argument), the
/// `composeplan` binary next to this one, `docker-compose` on the PATH and
/// the test image `composeplan-test/busybox:latest`.
enum DockerBenchmark {
    static let services = 20

    static func run(_ arguments: [String]) async throws {
        guard let host = arguments.first ?? ProcessInfo.processInfo.environment["DOCKER_HOST"] else {
            print("usage: composeplan-benchmarks docker unix:///path/to/docker.sock   (or set DOCKER_HOST)")
            return
        }
        let binary = ProcessInfo.processInfo.environment["COMPOSEPLAN_BINARY"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("composeplan").path
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchmarkFailure("no composeplan binary at \(binary): build it (swift build -c release) or set COMPOSEPLAN_BINARY")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-docker-bench").path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/compose.yaml"
        print("docker benchmark: \(services) services on \(host)")
        print("tool                 from nothing (s)   after one change (s)   no-op (s)")
        var results: [String: [Double]] = [:]
        for tool in ["composeplan", "docker-compose"] {
            try compose(version: 1).write(toFile: file, atomically: true, encoding: .utf8)
            let project = tool == "composeplan" ? "cpbench" : "dcbench"
            let up: () throws -> Double = {
                try timed(tool == "composeplan"
                    ? [binary, "up", "-y", "--progress", "plain", "-p", project, "-f", file, "-H", host]
                    : ["/usr/bin/docker-compose", "-p", project, "-f", file, "up", "-d"], host: host)
            }
            defer {
                _ = try? timed(["/usr/bin/docker-compose", "-p", project, "-f", file, "down", "-v", "-t", "1"], host: host)
            }
            let fresh = try up()
            try compose(version: 2).write(toFile: file, atomically: true, encoding: .utf8)
            let changed = try up()
            let noop = try up()
            results[tool] = [fresh, changed, noop]
            print(tool.padding(toLength: 20, withPad: " ", startingAt: 0),
                  String(format: "%18.2f %22.2f %11.2f", fresh, changed, noop))
        }
        if let ours = results["composeplan"], let theirs = results["docker-compose"] {
            print(String(format: "ratio composeplan/docker-compose: from nothing %.2f, after one change %.2f, no-op %.2f",
                         ours[0] / theirs[0], ours[1] / theirs[1], ours[2] / theirs[2]))
        }
    }

    /// 20 busybox services in a chain of dependencies every fourth service.
    static func compose(version: Int) -> String {
        var yaml = "services:\n"
        for index in 0..<services {
            yaml += "  s\(index):\n    image: composeplan-test/busybox:latest\n    command: [\"sleep\", \"3600\"]\n    init: true\n"
            yaml += "    stop_grace_period: 1s\n    environment:\n      VERSION: \"\(index == 7 ? version : 1)\"\n"
            if index % 4 != 0 { yaml += "    depends_on: [s\(index - index % 4)]\n" }
        }
        return yaml
    }

    /// Runs a command to completion; throws when it fails; returns its wall time.
    static func timed(_ command: [String], host: String) throws -> Double {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        var environment = ProcessInfo.processInfo.environment
        environment["DOCKER_HOST"] = host
        environment["COMPOSE_INTERACTIVE_NO_CLI"] = "1"
        process.environment = environment
        let log = FileHandle(forWritingAtPath: "/dev/null")
        process.standardOutput = log
        let errors = Pipe()
        process.standardError = errors
        let start = ContinuousClock.now
        try process.run()
        let errorOutput = errors.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        guard process.terminationStatus == 0 else {
            throw BenchmarkFailure("\(command.joined(separator: " ")) failed: \(String(decoding: errorOutput, as: UTF8.self).suffix(400))")
        }
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// A benchmark step that could not run.
struct BenchmarkFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
