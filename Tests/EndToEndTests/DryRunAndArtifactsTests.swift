import Foundation
import PlanModel
import TestSupport
import Testing

@Suite("Dry runs, diagrams and reports through the built binary")
struct DryRunAndArtifactsTests {
    @Test("The README's main command: up --dry-run on the drifted example writes a record, a trace, a diagram and a report")
    func readmeMainCommand() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.path
        let result = try CommandRunner.composeplan([
            "up", "--dry-run", "-f", "examples/drifted/compose.yaml", "--observed", "examples/drifted/snapshot.json",
            "--remove-orphans", "-y", "--report", "\(out)/report.html", "--svg", "\(out)/plan.svg",
            "--record", "\(out)/run.json", "--trace", "\(out)/trace.json", "--progress", "json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/drifted/plan.txt", encoding: .utf8)
        #expect(result.stdout == expected)
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: "\(out)/run.json")), path: "run.json")
        #expect(record.outcome == .succeeded)
        #expect(record.nodes.count == 27)
        #expect(record.nodes.allSatisfy { $0.status == .succeeded && $0.start != nil && $0.end != nil })
        #expect(record.engine.kind == "simulated")
        let events = result.stderr.split(separator: "\n").filter { $0.hasPrefix("{") }
        #expect(events.count >= 54)
        for event in events { #expect((try? JSONSerialization.jsonObject(with: Data(event.utf8))) != nil) }
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(html.contains("blog"))
        #expect(!html.contains("MARIADB_RANDOM_ROOT_PASSWORD"))
        let svg = try String(contentsOfFile: "\(out)/plan.svg", encoding: .utf8)
        #expect(svg.contains("<svg"))
        let trace = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/trace.json"))) as? [String: Any]
        #expect(((trace?["traceEvents"] as? [[String: Any]])?.filter { $0["ph"] as? String == "X" }.count) == 27)
    }

    @Test("The pulls example: plan text as plan.txt; a dry run pulls on the simulated registry, with bytes in the progress, the record and the report")
    func pullsExample() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.path
        let example = ["-f", "examples/pulls/compose.yaml", "--observed", "examples/pulls/snapshot.json"]
        let expected = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/pulls/plan.txt", encoding: .utf8)
        let plan = try CommandRunner.composeplan(["plan", "--remove-orphans"] + example)
        #expect(plan.status == 0, "\(plan.stderr)")
        #expect(plan.stdout == expected)
        #expect(plan.stderr.contains("Plan: 3 to pull, 1 to create, 1 to replace; unchanged: db, web"), "\(plan.stderr)")
        let result = try CommandRunner.composeplan(["up", "--dry-run", "-y", "--record", "\(out)/run.json",
                                                    "--report", "\(out)/report.html", "--progress", "json"] + example)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout == expected)
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: "\(out)/run.json")), path: "run.json")
        #expect(record.outcome == .succeeded)
        // A new manifest and an absent image download; the daily refresh finds the registry's manifest already here.
        #expect(record.node(1)?.bytes ?? 0 > 0)
        #expect(record.node(2)?.bytes ?? 0 > 0)
        #expect(record.node(3)?.bytes == 0)
        let progress = result.stderr.split(separator: "\n").filter { $0.contains("\"kind\":\"progress\"") && $0.contains("totalBytes") }
        #expect(!progress.isEmpty, "\(result.stderr)")
        let html = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(html.contains("PullImage"))
        #expect(html.contains(" MB"))
    }

    @Test("Plan files and execution records are readable by their owner only (0600), also when they existed")
    func privateFiles() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let out = directory.path
        // Files left by an earlier run with the usual umask's mode.
        for name in ["plan.json", "run.json"] {
            FileManager.default.createFile(atPath: "\(out)/\(name)", contents: Data("old".utf8), attributes: [.posixPermissions: 0o644])
        }
        let example = ["-f", "examples/drifted/compose.yaml", "--observed", "examples/drifted/snapshot.json"]
        let plan = try CommandRunner.composeplan(["plan", "-o", "\(out)/plan.json"] + example)
        #expect(plan.status == 0, "\(plan.stderr)")
        let run = try CommandRunner.composeplan(["up", "--dry-run", "-y", "--record", "\(out)/run.json", "--report", "\(out)/report.html"] + example)
        #expect(run.status == 0, "\(run.stderr)")
        func mode(_ name: String) throws -> Int {
            (try FileManager.default.attributesOfItem(atPath: "\(out)/\(name)")[.posixPermissions] as? NSNumber)?.intValue ?? -1
        }
        #expect(try mode("plan.json") == 0o600)
        #expect(try mode("run.json") == 0o600)
        #expect(try PlanFile.read(from: Data(contentsOf: URL(fileURLWithPath: "\(out)/plan.json")), path: "plan.json").plan.text == plan.stdout)
    }

    @Test("apply --dry-run runs a saved plan; a plan made against another state is refused as stale")
    func applySavedPlan() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plan = directory.path + "/plan.json"
        #expect(try CommandRunner.composeplan(["plan", "-f", "examples/healthchecks/compose.yaml", "--observed",
                                               "examples/healthchecks/snapshot.json", "-o", plan]).status == 0)
        let applied = try CommandRunner.composeplan(["apply", plan, "--dry-run", "--observed", "examples/healthchecks/snapshot.json",
                                                     "--parallel", "2", "--record", directory.path + "/run.json"])
        #expect(applied.status == 0, "\(applied.stderr)")
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: directory.path + "/run.json")), path: "run.json")
        #expect(record.parallelism == 2)
        #expect(record.outcome == .succeeded)
        let stale = try CommandRunner.composeplan(["apply", plan, "--dry-run", "--observed", "examples/drifted/snapshot.json"])
        #expect(stale.status == 1)
        #expect(stale.stderr.hasPrefix("error: plan is stale: the project changed since it was planned; run plan again"))
        #expect(stale.stderr.split(separator: "\n").count == 1)
        let noObserved = try CommandRunner.composeplan(["apply", plan, "--observed", "examples/healthchecks/snapshot.json"])
        #expect(noObserved.status == 64)
        #expect(noObserved.stderr.hasPrefix("Error: --observed needs --dry-run with apply: a snapshot cannot be changed"))
    }

    @Test("render and report: formats, focus, and clear errors for bad input")
    func renderAndReport() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plan = directory.path + "/plan.json"
        #expect(try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed",
                                               "examples/fresh/snapshot.json", "-o", plan]).status == 0)
        for name in ["d.svg", "d.png", "d.dot"] {
            let result = try CommandRunner.composeplan(["render", plan, "-o", "\(directory.path)/\(name)", "--focus", "api"])
            #expect(result.status == 0, "\(name): \(result.stderr)")
        }
        let png = try Data(contentsOf: URL(fileURLWithPath: directory.path + "/d.png"))
        #expect(png.prefix(8) == Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        #expect(try String(contentsOfFile: directory.path + "/d.dot", encoding: .utf8).contains("digraph"))
        #expect(try CommandRunner.composeplan(["render", plan, "-o", directory.path + "/d.gif"]).status == 64)
        let unwritable = try CommandRunner.composeplan(["render", plan, "-o", "/nonexistent/dir/d.svg"])
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.hasPrefix("error: /nonexistent/dir/d.svg: cannot write"))
        try directory.write("corrupt.json", "{\"formatVersion\": 1, \"nodes\": 3}")
        let corrupt = try CommandRunner.composeplan(["render", directory.path + "/corrupt.json", "-o", directory.path + "/x.svg"])
        #expect(corrupt.status == 1)
        #expect(corrupt.stderr.contains("corrupt.json: not a composeplan plan file"))
        let unknownFocus = try CommandRunner.composeplan(["render", plan, "-o", directory.path + "/x.svg", "--focus", "nope"])
        #expect(unknownFocus.status == 1)
        let report = try CommandRunner.composeplan(["report", plan, "-o", directory.path + "/report.html"])
        #expect(report.status == 0, "\(report.stderr)")
        #expect(try String(contentsOfFile: directory.path + "/report.html", encoding: .utf8).contains("node-17"))
        let badTemplate = try CommandRunner.composeplan(["report", plan, "-o", directory.path + "/r.html", "--template", "/nonexistent.mustache"])
        #expect(badTemplate.status == 1)
        #expect(badTemplate.stderr.split(separator: "\n").count == 1)
        for format in ["mermaid", "markdown", "dot"] {
            let result = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed",
                                                        "examples/fresh/snapshot.json", "--format", format])
            #expect(result.status == 0)
            #expect(!result.stdout.isEmpty)
        }
    }
}

@Suite("Interrupting a run")
struct InterruptTests {
    @Test("Ctrl-C: nothing new starts, in-flight operations finish, the record and report are still written, exit 1")
    func interrupt() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: CommandRunner.composeplan)
        process.arguments = ["up", "--dry-run", "-f", "examples/fresh/compose.yaml", "--observed", "examples/fresh/snapshot.json",
                             "-y", "--parallel", "1", "--progress", "plain", "--record", directory.path + "/run.json",
                             "--report", directory.path + "/report.html"]
        process.currentDirectoryURL = URL(fileURLWithPath: CommandRunner.repositoryRoot)
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        // Wait until the run has started operations, then interrupt it.
        var output = Data()
        let handle = errors.fileHandleForReading
        while !String(decoding: output, as: UTF8.self).contains("succeeded") {
            let chunk = handle.availableData
            if chunk.isEmpty { break }
            output.append(chunk)
        }
        process.interrupt()
        output.append(handle.readDataToEndOfFile())
        process.waitUntilExit()
        #expect(process.terminationStatus == 1, "\(String(decoding: output, as: UTF8.self))")
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: directory.path + "/run.json")), path: "run.json")
        #expect(record.outcome == .cancelled)
        #expect(record.nodes.contains { $0.status == .succeeded })
        #expect(record.nodes.contains { $0.status == .cancelled })
        #expect(!record.nodes.contains { $0.status == .failed })
        #expect(FileManager.default.fileExists(atPath: directory.path + "/report.html"))
        #expect(String(decoding: output, as: UTF8.self).contains("interrupted"))
    }
}

@Suite("Confirmation on a terminal")
struct TerminalConfirmationTests {
    /// Runs composeplan under `script`, which gives it a terminal, answering `answer`.
    func runOnTerminal(_ arguments: [String], answer: String) throws -> CommandRunner.Result {
        let command = ([CommandRunner.composeplan] + arguments).map { "'\($0)'" }.joined(separator: " ")
        return try CommandRunner.run("/usr/bin/script", ["-qec", command, "/dev/null"], input: answer)
    }

    /// Whether `script` can open a pseudo-terminal here (CI machines may have none).
    static let terminalsAvailable: Bool = {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script"),
              let probe = try? CommandRunner.run("/usr/bin/script", ["-qec", "true", "/dev/null"], timeout: 30),
              probe.status == 0 else {
            print("note: no pseudo-terminal available; skipping the terminal confirmation test")
            return false
        }
        return true
    }()

    @Test("up asks before applying on a terminal: no applies nothing, yes applies", .enabled(if: terminalsAvailable))
    func upAsks() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let arguments = ["up", "--dry-run", "-f", "examples/drifted/compose.yaml", "--observed", "examples/drifted/snapshot.json",
                         "--progress", "plain", "--record", directory.path + "/run.json"]
        let declined = try runOnTerminal(arguments, answer: "n\n")
        #expect(declined.status == 1)
        #expect(declined.stdout.contains("Run this plan on the simulated engine (dry run, 25 operations)? [y/N]"))
        #expect(declined.stdout.contains("cancelled: nothing was applied"))
        #expect(!FileManager.default.fileExists(atPath: directory.path + "/run.json"))
        let accepted = try runOnTerminal(arguments, answer: "y\n")
        #expect(accepted.status == 0, "\(accepted.stdout)")
        #expect(FileManager.default.fileExists(atPath: directory.path + "/run.json"))
    }

    @Test("On a terminal, the live progress ends with the final state of every operation on screen",
          .enabled(if: terminalsAvailable))
    func progressLeavesFinalState() throws {
        let result = try runOnTerminal(["up", "--dry-run", "-f", "examples/drifted/compose.yaml", "--observed",
                                        "examples/drifted/snapshot.json", "--remove-orphans", "-y"], answer: "")
        #expect(result.status == 0, "\(result.stdout)")
        let screen = result.stdout.replacingOccurrences(of: "\r", with: "")
        // What stays on screen: everything after the last erasure of the live list.
        let final = String(screen[try #require(screen.ranges(of: "\u{1B}[J").last).upperBound...])
        let lines = final.split(separator: "\n").map { String($0).replacing(/\ \d+\.\d\ds$/, with: " Ns") }
        // One line per operation of the plan, in plan order, from the committed plan text.
        let plan = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/drifted/plan.txt", encoding: .utf8)
        let expected = plan.split(separator: "\n").map { line -> String in
            let operation = line.split(separator: " -> ")[1].split(separator: ", ")
            return " ✔ \(operation[0]) \(operation[1]) succeeded Ns"
        }
        #expect(Array(lines.prefix(27)) == expected)
        #expect(lines[27].hasPrefix("dry run succeeded in "))
        #expect(lines.last == "dry run: nothing reached the daemon")
        #expect(screen.contains(" done, ") && screen.contains(" in flight, ") && screen.contains("(dry run)"))
    }
}
