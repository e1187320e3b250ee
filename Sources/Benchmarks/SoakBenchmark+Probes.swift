import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Workflows
#if canImport(Glibc)
import Glibc
#endif

/// What one `composeplan` child process did and used.
struct SoakChild {
    /// The exit code, or 128 + the signal that ended it.
    var status: Int32
    var seconds: Double
    /// `ru_maxrss` from `wait4`.
    var peakResidentMiB: Double
    /// The most entries seen in `/proc/<pid>/fd` (polled every 5 ms).
    var maximumDescriptors: Int
}

/// One cycle run in this process through the library (`PlanningWorkflow`,
/// `ApplyWorkflow`), as `composeplan up -y --remove-orphans` runs it.
struct SoakInProcess {
    var seconds: Double
    /// The operations of the plan applied, by type (`CreateContainer`, …).
    var operations: [String: Int] = [:]
    /// `nil` when the run succeeded and planning again gave an empty plan.
    var failure: String?
}

/// Leftovers found on the daemon, as readable names.
struct SoakLeaks {
    /// Containers beyond a service's replica count, or of a service the
    /// compose file no longer has.
    var containers: [String] = []
    var networks: [String] = []
    var volumes: [String] = []
    /// Containers under composeplan's temporary name (`<id>_<name>`).
    var temporaryNames: [String] = []
    /// `composeplan-lock.<project>` containers left after a run.
    var locks: [String] = []
    /// Not leaks but not converged either: missing replicas, containers not running.
    var unconverged: [String] = []

    var leakCount: Int { containers.count + networks.count + volumes.count + temporaryNames.count + locks.count }

    mutating func add(_ other: SoakLeaks) {
        containers += other.containers
        networks += other.networks
        volumes += other.volumes
        temporaryNames += other.temporaryNames
        locks += other.locks
        unconverged += other.unconverged
    }

    var description: String {
        [("containers", containers), ("networks", networks), ("volumes", volumes), ("temporary names", temporaryNames),
         ("locks", locks), ("unconverged", unconverged)]
            .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1.joined(separator: ", "))" }.joined(separator: "; ")
    }
}

enum SoakProbe {
    /// glibc's `posix_spawn_file_actions_addclosefrom_np` (2.34 and later),
    /// which the Glibc module does not declare: the child must not inherit
    /// this process's descriptors, or they would count as its own.
    private typealias AddCloseFrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private static let addCloseFrom: AddCloseFrom? = {
        guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np") else { return nil }
        return unsafeBitCast(symbol, to: AddCloseFrom.self)
    }()

    /// Runs `executable` with `arguments` (posix_spawn, as the tests do:
    /// Foundation's `Process` crashes now and then on Linux), standard
    /// output and error to `log.out` and `log.err`; counts its descriptors
    /// while it runs and takes its peak memory from `wait4`.
    static func run(_ executable: String, _ arguments: [String], log: String) throws -> SoakChild {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, log + ".out", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_addopen(&actions, 2, log + ".err", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard let addCloseFrom else { throw BenchmarkFailure("posix_spawn_file_actions_addclosefrom_np is missing (glibc 2.34 or later)") }
        _ = addCloseFrom(&actions, 3)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var child: pid_t = 0
        let start = ContinuousClock.now
        let spawned = posix_spawn(&child, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw BenchmarkFailure("cannot start \(executable): \(String(cString: strerror(spawned)))") }
        var maximumDescriptors = 0
        var raw: Int32 = 0
        var usage = rusage()
        while true {
            let waited = wait4(child, &raw, WNOHANG, &usage)
            if waited == child { break }
            if waited == -1 && errno != EINTR { throw BenchmarkFailure("wait4 failed: errno \(errno)") }
            if let count = descriptorCount(of: String(child)) { maximumDescriptors = max(maximumDescriptors, count) }
            usleep(5_000)
        }
        let elapsed = ContinuousClock.now - start
        return SoakChild(status: (raw & 0x7F) == 0 ? (raw >> 8) & 0xFF : 128 + (raw & 0x7F),
                         seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18,
                         peakResidentMiB: Double(usage.ru_maxrss) / 1024, maximumDescriptors: maximumDescriptors)
    }

    /// Entries of `/proc/<process>/fd` (`self`: this process, without the
    /// descriptor of the listing itself); `nil` once the process is gone.
    static func descriptorCount(of process: String) -> Int? {
        guard let directory = opendir("/proc/\(process)/fd") else { return nil }
        defer { closedir(directory) }
        var count = 0
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { count += 1 }
        }
        return process == "self" ? count - 1 : count
    }

    /// This process's resident memory now (`VmRSS`), in MiB.
    static var residentMiB: Double { statusMiB("VmRSS") }

    /// This process's peak resident memory so far (`VmHWM`), in MiB.
    static var peakResidentMiB: Double { statusMiB("VmHWM") }

    /// A `kB` field of `/proc/self/status`, in MiB.
    private static func statusMiB(_ field: String) -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
              let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let kilobytes = Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first ?? "") else { return 0 }
        return kilobytes / 1024
    }

    /// `composeplan up -y --remove-orphans` of `file` as project `project`, in
    /// this process, holding the project's lock as the CLI does; then a
    /// second plan, which must be empty.
    static func upInProcess(file: String, project: String, host: String) async -> SoakInProcess {
        let workflow = PlanningWorkflow(load: LoadOptions(files: [file], projectName: project),
                                        options: PlanOptions(removeOrphans: true))
        let mode = EngineMode.daemon(DaemonAddress(host: host))
        let start = ContinuousClock.now
        var result = SoakInProcess(seconds: 0)
        do {
            let loaded = try workflow.loadProject()
            let (operations, record) = try await EngineSession.open(mode, project: loaded.name, images: loaded) { session in
                try await session.withProjectLock(loaded.name, timeout: nil, command: "composeplan-benchmarks soak") {
                    let outcome = try await workflow.plan(loaded, in: session, confirm: { _ in true })
                    let operations = Dictionary(grouping: outcome.plan.nodes, by: \.type.rawValue).mapValues(\.count)
                    guard !outcome.plan.isEmpty else { return (operations, ExecutionRecord?.none) }
                    let run = try await ApplyWorkflow().execute(outcome.planFile, in: session, events: nil)
                    return (operations, Optional(run.record))
                }
            }
            let elapsed = ContinuousClock.now - start
            result.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            result.operations = operations
            if let record, record.outcome != .succeeded {
                result.failure = "run \(record.outcome.rawValue): " + record.nodes.compactMap(\.error).prefix(3).map { "\($0)" }.joined(separator: "; ")
                return result
            }
            let again = try await workflow.plan(mode: mode, confirm: { _ in true })
            if !again.plan.isEmpty {
                result.failure = "not converged, the next plan:\n" + again.plan.text
            }
        } catch {
            result.failure = "\(error)"
        }
        return result
    }

    /// Compares what the daemon holds for each project with its expectation.
    static func leaks(_ expectations: [SoakExpectation], host: String) async throws -> SoakLeaks {
        try await withEngine(host) { engine in
            var found = SoakLeaks()
            for expectation in expectations { found.add(try await leaks(expectation, on: engine)) }
            return found
        }
    }

    /// Runs `body` with a connection to the daemon at `host`, closed afterwards.
    static func withEngine<T>(_ host: String, _ body: (DockerEngine) async throws -> T) async throws -> T {
        let engine = try await DockerEngine.connect(host: host)
        do {
            let result = try await body(engine)
            try? await engine.shutdown()
            return result
        } catch {
            try? await engine.shutdown()
            throw error
        }
    }

    private static func leaks(_ expected: SoakExpectation, on engine: DockerEngine) async throws -> SoakLeaks {
        var found = SoakLeaks()
        let snapshot = try await engine.snapshot(project: expected.project)
        var byService: [String: [ContainerSummary]] = [:]
        for container in snapshot.containerSummaries {
            let service = container.service ?? "?"
            if container.name != "\(expected.project)-\(service)-\(container.number)" {
                found.temporaryNames.append(container.name)
                continue
            }
            if container.state != "running" { found.unconverged.append("\(container.name) \(container.state)") }
            byService[service, default: []].append(container)
        }
        for service in Set(byService.keys).union(expected.scales.keys).sorted() {
            let containers = (byService[service] ?? []).sorted { $0.number < $1.number }
            let wanted = expected.scales[service] ?? 0
            if containers.count > wanted {
                found.containers += containers.map(\.name).map { "\($0) (\(service): \(containers.count) of \(wanted))" }
            } else if containers.count < wanted {
                found.unconverged.append("\(service): \(containers.count) of \(wanted) replicas")
            }
        }
        for (name, networks) in Dictionary(grouping: snapshot.networkSummaries, by: \.name).sorted(by: { $0.key < $1.key }) {
            if !expected.networks.contains(name) {
                found.networks += networks.map { "\(name) (\($0.id.prefix(12)))" }
            } else if networks.count > 1 {
                found.networks += networks.dropFirst().map { "\(name) duplicate (\($0.id.prefix(12)))" }
            }
        }
        found.volumes = snapshot.volumeSummaries.map(\.name).filter { !expected.volumes.contains($0) }.sorted()
        let lock = "composeplan-lock.\(expected.project)"
        do {
            _ = try await engine.inspectContainer(lock)
            found.locks.append(lock)
        } catch let error as EngineError where error.kind == .notFound {}
        return found
    }

    /// Removes what is left of `projects` on the daemon (containers, by
    /// force, then networks and volumes) and the lock containers:
    /// composeplan has no `down`.
    static func removeEverything(of projects: [String], host: String) async throws {
        try await withEngine(host) { engine in
            for project in projects { try await removeEverything(of: project, on: engine) }
        }
    }

    private static func removeEverything(of project: String, on engine: DockerEngine) async throws {
        do {
            try await engine.removeContainer("composeplan-lock.\(project)", force: true)
        } catch let error as EngineError where error.kind == .notFound {}
        let snapshot = try await engine.snapshot(project: project)
        for container in snapshot.containerSummaries { try await engine.removeContainer(container.id, force: true) }
        for network in snapshot.networkSummaries { try await engine.removeNetwork(network.id) }
        for volume in snapshot.volumeSummaries { try await engine.removeVolume(volume.name) }
    }
}
