import Foundation

/// `composeplan-benchmarks soak [CYCLES] [--host unix:///…/docker.sock] [--seed N] [--no-in-process]`:
/// a soak test on a real daemon, not a CI job (issue 14).
///
/// A project of about six busybox services, two networks and two named
/// volumes gets CYCLES (200) random small changes, seeded: an environment
/// value, a scale between 0 and 3, a service added or removed, a service
/// moved to another network, a volume mount added or removed, a label, now
/// and then a network's labels or driver options (which recreates the
/// network). After each change:
///
/// - `composeplan up -y --remove-orphans` runs as a child process (the
///   binary next to this one), then `composeplan plan --detailed-exitcode`
///   must exit 0 (converged); the child's wall time, peak memory (`wait4`)
///   and most open descriptors (`/proc/<pid>/fd`, polled) are kept;
/// - the same change is applied to a second project through the library
///   (`PlanningWorkflow`, `ApplyWorkflow`, the project lock) in this process,
///   whose descriptors and resident memory are sampled after each cycle, so
///   a leak shows as growth;
/// - every 10 cycles and after the last, the daemon's containers, networks
///   and volumes labelled with each project are compared with what the
///   compose file asks for: any extra one, a container under a temporary
///   name or a lock container left is a leak.
///
/// At the end both projects are emptied by composeplan itself (a compose
/// file with no services, `--remove-orphans`; composeplan has no `down`),
/// their networks and volumes removed, and nothing labelled may remain.
/// Exits 1 when a cycle failed or something leaked.
enum SoakBenchmark {
    static let usage = "usage: composeplan-benchmarks soak [CYCLES] [--host unix:///path/to/docker.sock] [--seed N] [--no-in-process]"
    static let childProject = "soak"
    static let libraryProject = "soakin"

    /// One cycle's figures.
    struct Cycle {
        var change: String
        var child: SoakChild
        var inProcess: SoakInProcess?
        /// This process's open descriptors and resident memory after the cycle.
        var descriptors: Int
        var residentMiB: Double
        /// The replicas the compose file asks for after the change.
        var containers = 0
    }

    static func run(_ arguments: [String]) async throws {
        var cycles = 200
        var host = ProcessInfo.processInfo.environment["DOCKER_HOST"] ?? ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_HOST"]
        var seed: UInt64 = 1
        var inProcess = true
        var index = 0
        while index < arguments.count {
            switch arguments[index] {
            case "--host" where index + 1 < arguments.count:
                host = arguments[index + 1]
                index += 1
            case "--seed" where index + 1 < arguments.count && UInt64(arguments[index + 1]) != nil:
                seed = UInt64(arguments[index + 1])!
                index += 1
            case "--no-in-process":
                inProcess = false
            case let count where Int(count).map { $0 > 0 } == true:
                cycles = Int(count)!
            default:
                say(usage)
                return
            }
            index += 1
        }
        guard let host else {
            say(usage + "\n(or set DOCKER_HOST or COMPOSEPLAN_TEST_DOCKER_HOST)")
            return
        }
        let executable = WholeProcess.siblingExecutable.path
        guard FileManager.default.isExecutableFile(atPath: executable) else {
            throw BenchmarkFailure("no composeplan binary at \(executable): build it (swift build -c release --product composeplan)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-soak-\(getpid())").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let file = folder + "/compose.yaml"
        let projects = inProcess ? [childProject, libraryProject] : [childProject]
        let started = ContinuousClock.now

        say("soak: \(cycles) cycles, seed \(seed), on \(host); \(executable) as a child (project \(childProject))"
            + (inProcess ? ", the library in this process (project \(libraryProject))" : ""))
        try await SoakProbe.removeEverything(of: projects, host: host)
        var model = SoakModel()
        var random = BenchmarkRandom(seed: seed)
        var soak = SoakRun(executable: executable, host: host, folder: folder, file: file, inProcess: inProcess)

        // Cycle 0 brings the project up from nothing; it must succeed.
        try model.yaml.write(toFile: file, atomically: true, encoding: .utf8)
        let first = try await soak.cycle(0, change: "up from nothing")
        guard soak.failures.isEmpty else { throw BenchmarkFailure("the first up failed: \(soak.failures[0])") }
        say("cycle 0 (from nothing): up \(Measure.format(first.child.seconds, 2)) s, child \(Measure.format(first.child.peakResidentMiB, 1)) MiB"
            + " \(first.child.maximumDescriptors) fds; this process \(first.descriptors) fds, \(Measure.format(first.residentMiB, 1)) MiB")
        say("\n cycle   containers   up s (mean, max)   child MiB (max)   child fds (max)"
            + (inProcess ? "   library up s (mean)   this process: fds   MiB" : ""))
        var records: [Cycle] = []
        for cycle in 1...cycles {
            let change = model.mutate(&random)
            try model.yaml.write(toFile: file, atomically: true, encoding: .utf8)
            records.append(try await soak.cycle(cycle, change: change))
            records[records.count - 1].containers = model.services.values.map(\.scale).reduce(0, +)
            if cycle % 10 == 0 || cycle == cycles {
                try await soak.checkLeaks(projects.map(model.expected), after: "cycle \(cycle) (\(change))")
            }
            if cycle % 20 == 0 || cycle == cycles {
                let window = records.suffix(cycle % 20 == 0 ? 20 : cycle % 20)
                let ups = window.map(\.child.seconds)
                var line = "\(pad(cycle, 6))   \(pad(records.last!.containers, 10))   \(pad(Measure.format(mean(ups), 2), 6)), \(pad(Measure.format(ups.max()!, 2), 5))"
                line += "   \(pad(Measure.format(window.map(\.child.peakResidentMiB).max()!, 1), 15))"
                line += "   \(pad(window.map(\.child.maximumDescriptors).max()!, 15))"
                if inProcess {
                    line += "   \(pad(Measure.format(mean(window.compactMap { $0.inProcess?.seconds }), 2), 19))"
                    line += "   \(pad(records.last!.descriptors, 17))   \(pad(Measure.format(records.last!.residentMiB, 1), 5))"
                }
                say(line)
            }
        }

        // Teardown: composeplan removes every container (no services,
        // --remove-orphans); networks and volumes stay, as with compose's
        // up, and are then removed here.
        try "services: {}\n".write(toFile: file, atomically: true, encoding: .utf8)
        _ = try await soak.cycle(cycles + 1, change: "teardown: no services, --remove-orphans")
        try await soak.checkLeaks(projects.map { project in
            var expectation = model.expected(project: project)
            expectation.scales = [:]
            return expectation
        }, after: "teardown")
        try await SoakProbe.removeEverything(of: projects, host: host)
        try await soak.checkLeaks(projects.map(SoakExpectation.nothing), after: "removing the networks and volumes")
        let total = ContinuousClock.now - started

        say("\nsummary")
        say("  cycles run: \(cycles) (+ the first up and the teardown), seed \(seed)")
        let kinds = Dictionary(grouping: records, by: { String($0.change.split(separator: " ").first ?? "") })
        say("  changes: " + kinds.sorted { $0.value.count > $1.value.count }.map { "\($0.value.count) \($0.key)" }.joined(separator: ", "))
        say("  failures: \(soak.failures.count)" + (soak.failures.isEmpty ? "" : " (first: \(soak.failures[0]))"))
        let leaks = soak.leaks
        say("  leaks: \(leaks.containers.count) containers, \(leaks.networks.count) networks, \(leaks.volumes.count) volumes,"
            + " \(leaks.temporaryNames.count) temporary-named containers, \(leaks.locks.count) locks"
            + " (\(soak.checks) checks: every 10 cycles, after the teardown, after removing everything)")
        if !leaks.unconverged.isEmpty { say("  not converged at a check: \(leaks.unconverged.joined(separator: ", "))") }
        let head = records.prefix(20)
        let tail = records.suffix(20)
        say("  child composeplan, first 20 vs last 20 cycles:"
            + " peak RSS mean \(Measure.format(mean(head.map(\.child.peakResidentMiB)), 1)) → \(Measure.format(mean(tail.map(\.child.peakResidentMiB)), 1)) MiB,"
            + " max fds \(head.map(\.child.maximumDescriptors).max() ?? 0) → \(tail.map(\.child.maximumDescriptors).max() ?? 0),"
            + " up time mean \(Measure.format(mean(head.map(\.child.seconds)), 2)) → \(Measure.format(mean(tail.map(\.child.seconds)), 2)) s")
        if inProcess {
            say("  this process (library), first 20 vs last 20 cycles:"
                + " fds mean \(Measure.format(mean(head.map { Double($0.descriptors) }), 1)) → \(Measure.format(mean(tail.map { Double($0.descriptors) }), 1))"
                + " (after cycle 0: \(first.descriptors)),"
                + " RSS mean \(Measure.format(mean(head.map(\.residentMiB)), 1)) → \(Measure.format(mean(tail.map(\.residentMiB)), 1)) MiB"
                + " (after cycle 0: \(Measure.format(first.residentMiB, 1)), peak \(Measure.format(SoakProbe.peakResidentMiB, 1))),"
                + " up time mean \(Measure.format(mean(head.compactMap { $0.inProcess?.seconds }), 2)) → \(Measure.format(mean(tail.compactMap { $0.inProcess?.seconds }), 2)) s,"
                + " \(records.compactMap { $0.inProcess?.operations.values.reduce(0, +) }.reduce(0, +)) operations")
            // A leak grows at the same pace all along; a high-water mark
            // (allocator arenas, code pages first touched) levels off.
            let middle = records[records.count / 2]
            say("  this process, second half (cycle \(records.count / 2 + 1) to \(records.count)):"
                + " RSS \(Measure.format(middle.residentMiB, 1)) → \(Measure.format(records.last!.residentMiB, 1)) MiB,"
                + " fds \(middle.descriptors) → \(records.last!.descriptors)")
            let tally = records.compactMap(\.inProcess?.operations).reduce(into: [String: Int]()) { total, counts in
                total.merge(counts, uniquingKeysWith: +)
            }
            say("  operations the library applied: " + tally.sorted { $0.value > $1.value }.map { "\($0.value) \($0.key)" }.joined(separator: ", "))
        }
        say("  total time: \(Measure.format(ExecutorBenchmark.seconds(total), 1)) s")
        if soak.failures.isEmpty && leaks.leakCount == 0 && leaks.unconverged.isEmpty {
            try? FileManager.default.removeItem(atPath: folder)
        } else {
            say("  kept: \(folder) (the last cycle's logs; the compose file and logs of each failed cycle)")
            exit(1)
        }
    }

    /// Prints `line` and flushes: a run takes minutes, and its output often
    /// goes to a file or a pipe.
    static func say(_ line: String) {
        print(line)
        fflush(nil)
    }

    static func mean(_ values: some Collection<Double>) -> Double {
        values.isEmpty ? 0 : values.reduce(0, +) / Double(values.count)
    }

    static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        ExecutorBenchmark.pad(value, width)
    }
}

/// The state of a soak run: where things are, what failed, what leaked.
struct SoakRun {
    let executable: String
    let host: String
    let folder: String
    let file: String
    let inProcess: Bool
    private(set) var failures: [String] = []
    /// Every leak seen, each once (a leak left in place is seen again at the next check).
    private(set) var leaks = SoakLeaks()
    private var seen: Set<String> = []
    private(set) var checks = 0

    init(executable: String, host: String, folder: String, file: String, inProcess: Bool) {
        self.executable = executable
        self.host = host
        self.folder = folder
        self.file = file
        self.inProcess = inProcess
    }

    /// Applies the compose file as it is now: the child `up`, the child
    /// `plan --detailed-exitcode`, then the library in this process.
    mutating func cycle(_ number: Int, change: String) async throws -> SoakBenchmark.Cycle {
        let engine = ["-p", SoakBenchmark.childProject, "-f", file, "-H", host, "--remove-orphans"]
        let up = try SoakProbe.run(executable, ["up", "-y", "--progress", "plain"] + engine, log: folder + "/up")
        if up.status != 0 {
            fail(number, change, "composeplan up exited with \(up.status): " + lastLines(of: folder + "/up.err"), keep: ["up.out", "up.err"])
        } else {
            let plan = try SoakProbe.run(executable, ["plan", "--detailed-exitcode"] + engine, log: folder + "/plan")
            if plan.status != 0 {
                fail(number, change, "composeplan plan --detailed-exitcode exited with \(plan.status) after up: "
                    + lastLines(of: folder + (plan.status == 2 ? "/plan.out" : "/plan.err")), keep: ["up.out", "up.err", "plan.out", "plan.err"])
            }
        }
        var library: SoakInProcess?
        if inProcess {
            let run = await SoakProbe.upInProcess(file: file, project: SoakBenchmark.libraryProject, host: host)
            if let failure = run.failure { fail(number, change, "in process: " + failure, keep: []) }
            library = run
        }
        return SoakBenchmark.Cycle(change: change, child: up, inProcess: library,
                                   descriptors: SoakProbe.descriptorCount(of: "self") ?? 0, residentMiB: SoakProbe.residentMiB)
    }

    /// Lists the projects' objects on the daemon; prints and keeps the leaks not seen before.
    mutating func checkLeaks(_ expectations: [SoakExpectation], after: String) async throws {
        checks += 1
        let found = try await SoakProbe.leaks(expectations, host: host)
        var new = SoakLeaks()
        func fresh(_ names: [String], _ kind: String) -> [String] {
            names.filter { seen.insert("\(kind) \($0)").inserted }
        }
        new.containers = fresh(found.containers, "container")
        new.networks = fresh(found.networks, "network")
        new.volumes = fresh(found.volumes, "volume")
        new.temporaryNames = fresh(found.temporaryNames, "temporary")
        new.locks = fresh(found.locks, "lock")
        new.unconverged = fresh(found.unconverged, "unconverged")
        guard !new.description.isEmpty else { return }
        SoakBenchmark.say("  ! after \(after): \(new.description)")
        leaks.add(new)
    }

    private mutating func fail(_ number: Int, _ change: String, _ what: String, keep: [String]) {
        let failure = "cycle \(number) (\(change)): \(what)"
        SoakBenchmark.say("  ! " + failure)
        failures.append(failure)
        let manager = FileManager.default
        try? manager.copyItem(atPath: file, toPath: folder + "/cycle-\(number).compose.yaml")
        for name in keep { try? manager.copyItem(atPath: folder + "/" + name, toPath: folder + "/cycle-\(number).\(name)") }
    }

    private func lastLines(of path: String, _ count: Int = 12) -> String {
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(count).joined(separator: "\n")
    }
}
