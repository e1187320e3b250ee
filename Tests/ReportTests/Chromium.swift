import Foundation
import Testing

/// Headless Debian `chromium` for the browser tests: loads a report from
/// disk in a private profile, with a timeout, and returns the DOM after the
/// page's scripts ran, or takes a screenshot.
struct Chromium {
    /// What one load gave.
    struct Load {
        var dom: String
        var log: String
        var seconds: Double
    }

    let executable: String

    /// The installed chromium (`CHROMIUM` overrides the path), or `nil`.
    static func locate() -> Chromium? {
        let candidates = [ProcessInfo.processInfo.environment["CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }.map(Chromium.init)
    }

    /// The chromium to use, or `nil` after printing why the test is skipped;
    /// under CI (`CI` set) a missing chromium is a failure.
    static func required(sourceLocation: SourceLocation = #_sourceLocation) -> Chromium? {
        if let found = locate() { return found }
        if ProcessInfo.processInfo.environment["CI"] != nil {
            Issue.record("chromium is not installed; CI must install it (apt-get install -y chromium)", sourceLocation: sourceLocation)
        } else {
            print("skipping browser test: chromium is not installed (apt-get install chromium)")
        }
        return nil
    }

    /// The DOM of `file` after load (`--dump-dom`), with the browser's log.
    func dumpDOM(_ file: String, fragment: String = "", timeout: Double = 90) throws -> Load {
        try run(["--dump-dom", URL(fileURLWithPath: file).absoluteString + fragment], timeout: timeout)
    }

    /// Writes a PNG of `file` to `png`.
    func screenshot(_ file: String, to png: String, width: Int = 1400, height: Int = 1800, timeout: Double = 90) throws -> Load {
        try run(["--screenshot=\(png)", "--window-size=\(width),\(height)", "--hide-scrollbars",
                 URL(fileURLWithPath: file).absoluteString], timeout: timeout)
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private func run(_ arguments: [String], timeout: Double) throws -> Load {
        let profile = FileManager.default.temporaryDirectory.appendingPathComponent("report-chromium-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: profile, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: profile) }
        let process = Process()
        // coreutils' timeout ends chromium (and so its helper processes) if it hangs.
        let timeoutTool = "/usr/bin/timeout"
        let useTimeout = FileManager.default.isExecutableFile(atPath: timeoutTool)
        process.executableURL = URL(fileURLWithPath: useTimeout ? timeoutTool : executable)
        process.arguments = (useTimeout ? ["-k", "5", String(Int(timeout)), executable] : []) + [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            "--disable-extensions", "--disable-background-networking", "--disable-sync", "--mute-audio",
            "--user-data-dir=\(profile.path)", "--enable-logging=stderr", "--v=0",
            "--virtual-time-budget=5000", "--run-all-compositor-stages-before-draw",
        ] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["HOME"] = profile.path
        process.environment = environment
        let output = profile.appendingPathComponent("stdout")
        let errors = profile.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errors.path, contents: nil)
        let outHandle = try FileHandle(forWritingTo: output)
        let errHandle = try FileHandle(forWritingTo: errors)
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        let started = Date()
        try process.run()
        let deadline = started.addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline.addingTimeInterval(useTimeout ? 10 : 0) { usleep(50_000) }
        if process.isRunning || (useTimeout && process.terminationStatus == 124) {
            if process.isRunning {
                kill(process.processIdentifier, SIGKILL)
                process.waitUntilExit()
            }
            throw Failure(description: "chromium did not finish within \(Int(timeout)) s")
        }
        let seconds = Date().timeIntervalSince(started)
        try? outHandle.close()
        try? errHandle.close()
        let dom = (try? String(contentsOf: output, encoding: .utf8)) ?? ""
        let log = (try? String(contentsOf: errors, encoding: .utf8)) ?? ""
        return Load(dom: dom, log: log, seconds: seconds)
    }
}
