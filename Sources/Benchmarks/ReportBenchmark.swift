import ComposeModel
import Foundation
import TestSupport

/// `composeplan-benchmarks report [SERVICES…]`: the pictures at scale. For
/// the `plan` benchmark's projects (300, 600, 1,000 and 10,000 services × 2
/// replicas, half diverged: 600 services make a 3,000-node plan) it plans, runs the plan on the simulated engine
/// (`apply --dry-run --record`), then times the whole `composeplan render`
/// and `composeplan report` processes (seconds, peak memory, output size)
/// and opens each report in headless chromium: the time from navigation to
/// the first paint, and to the page being ready to use (its compressed
/// parts inflated and every handler in place).
enum ReportBenchmark {
    struct Child {
        var seconds: Double
        var peakMiB: Double
        var status: Int32
        var stderr: String
    }

    static func run(_ arguments: [String]) async throws {
        let sizes = arguments.compactMap(Int.init)
        let executable = arguments.firstIndex(of: "--composeplan").map { URL(fileURLWithPath: arguments[$0 + 1]) }
            ?? WholeProcess.siblingExecutable
        let chromium = HeadlessBrowser.locateChromium()
        print("report benchmark: services × 2 replicas, random dependencies, half-diverged snapshot, run on the simulated engine")
        print("services  nodes  render(s)  render MiB  render output          report(s)  report MiB  report bytes  first paint(s)  ready(s)")
        for size in sizes.isEmpty ? [300, 600, 1_000, 10_000] : sizes {
            let generated = try ProjectGenerator(services: size, seed: 42)
            defer { if !arguments.contains("--keep") { generated.directory.map { try? FileManager.default.removeItem(atPath: $0) } } }
            let directory = generated.directory!
            let project = try ProjectLoader().load(LoadOptions(files: [generated.composeFile], projectName: "bench",
                                                               environment: [:], currentDirectory: directory))
            try generated.snapshot(for: project).encoded().write(to: URL(fileURLWithPath: directory + "/snapshot.json"))
            let plan = try spawn(executable, ["plan", "-p", "bench", "-f", generated.composeFile, "--observed", "snapshot.json",
                                              "-o", "plan.json"], in: directory)
            guard plan.status == 0 else { throw WholeProcess.ChildFailure(status: plan.status, stderr: plan.stderr) }
            let apply = try spawn(executable, ["apply", "plan.json", "--dry-run", "--observed", "snapshot.json", "--record", "run.json",
                                               "--progress", "plain"], in: directory)
            guard apply.status == 0 else { throw WholeProcess.ChildFailure(status: apply.status, stderr: apply.stderr) }
            let nodes = try planNodeCount(directory + "/plan.json")
            let render = try spawn(executable, ["render", "plan.json", "-o", "plan.svg"], in: directory)
            let rendered = render.status == 0
                ? "\(fileSize(directory + "/plan.svg")) bytes"
                : "refused: " + (render.stderr.contains("--focus") ? "names --focus" : "exit \(render.status)")
            let report = try spawn(executable, ["report", "plan.json", "--record", "run.json", "-o", "report.html"], in: directory)
            guard report.status == 0 else { throw WholeProcess.ChildFailure(status: report.status, stderr: report.stderr) }
            var paint = "-", ready = "-"
            if let chromium {
                let timing = try firstPaint(of: URL(fileURLWithPath: directory + "/report.html"), chromium: chromium)
                paint = String(format: "%.3f", timing.paint)
                ready = String(format: "%.3f", timing.ready)
            }
            print(String(format: "%8d %6d %10.2f %11.0f  %-22@ %9.2f %11.0f %13d %15@ %9@", size, nodes, render.seconds, render.peakMiB,
                         rendered as NSString, report.seconds, report.peakMiB, fileSize(directory + "/report.html"),
                         paint as NSString, ready as NSString))
        }
        if chromium == nil { print("first paint not measured: chromium is not installed (apt-get install chromium)") }
        print("whole processes of \(executable.path), one run each; peak memory is the child's VmHWM; "
            + "first paint and ready are chromium's performance entries (first-contentful-paint, report-ready), best of 3")
    }

    /// Runs `executable` in `directory`, sampling its peak resident memory.
    static func spawn(_ executable: URL, _ arguments: [String], in directory: String) throws -> Child {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.standardOutput = FileHandle.nullDevice
        // Standard error goes to a file: a progress log can outgrow a pipe's buffer.
        let log = directory + "/stderr-\(UUID().uuidString).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        defer { try? FileManager.default.removeItem(atPath: log) }
        let errors = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardError = errors
        let start = ContinuousClock.now
        try process.run()
        var peak = 0.0
        while process.isRunning {
            peak = max(peak, highWaterMiB(process.processIdentifier))
            usleep(5_000)
        }
        process.waitUntilExit()
        let elapsed = ContinuousClock.now - start
        try? errors.close()
        let stderr = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Child(seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                     peakMiB: peak, status: process.terminationStatus, stderr: String(stderr.suffix(2000)))
    }

    /// The `VmHWM` (peak resident set) of a running process, in MiB.
    static func highWaterMiB(_ pid: Int32) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
              let kilobytes = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    /// Seconds from navigation to the first paint and to the page being
    /// ready, the best of 3 loads.
    static func firstPaint(of file: URL, chromium: String) throws -> (paint: Double, ready: Double) {
        let browser = try HeadlessBrowser.launch(executable: chromium)
        defer { browser.close() }
        var best = (paint: Double.infinity, ready: Double.infinity)
        for _ in 0..<3 {
            try browser.open(file)
            let entries = try browser.evaluate("""
                [performance.getEntriesByName('first-contentful-paint')[0].startTime,
                 performance.getEntriesByName('report-ready')[0].startTime]
                """) as? [Double] ?? []
            guard entries.count == 2 else { throw HeadlessBrowser.Failure(description: "no paint timing for \(file.path)") }
            best = (min(best.paint, entries[0] / 1000), min(best.ready, entries[1] / 1000))
        }
        return best
    }

    static func planNodeCount(_ path: String) throws -> Int {
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: Any]
        return (object?["nodes"] as? [Any])?.count ?? 0
    }

    static func fileSize(_ path: String) -> Int {
        (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
    }
}
