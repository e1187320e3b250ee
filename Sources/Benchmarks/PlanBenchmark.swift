import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Reconciler
import Workflows

/// Times the planning pipeline on generated projects: N services × 2
/// replicas with random dependencies, against a snapshot where half the
/// containers diverged. Prints, per size, the in-process phases (load,
/// observe, reconcile with its config hashing, write with its parts) and
/// the whole `composeplan plan -o` process, and how each grows from the
/// smallest size to the largest.
enum PlanBenchmark {
    /// The in-process timings of one size, in seconds (best of 3 each).
    struct Phases {
        var size = 0
        var nodes = 0
        var load = 0.0
        /// The compose file's YAML to a tree, part of `load`.
        var yaml = 0.0
        /// Snapshot JSON to `Snapshot` and `ObservedState`.
        var observe = 0.0
        /// Snapshot JSON to `Snapshot`, part of `observe`.
        var snapshotRead = 0.0
        var reconcile = 0.0
        /// The config hashes, part of `reconcile`.
        var hashing = 0.0
        var text = 0.0
        var fingerprint = 0.0
        var json = 0.0
        var write: Double { text + fingerprint + json }
        /// The paths the levers replaced, timed once each for comparison:
        /// the snapshot through `JSONDecoder`, the config hashes on one
        /// core, the plan file through `JSONEncoder`.
        var snapshotThroughCodable = 0.0
        var yamlThroughYams = 0.0
        var hashingOnOneCore = 0.0
        var jsonThroughCodable = 0.0
        /// Sorting the members of every service's JSON (done once for its
        /// hash, once for the plan file): Strings compared as UTF8Views
        /// and moved by the sort, then `JSONKeyOrder.sorted`.
        var keySortThroughUTF8Views = 0.0
        var keySort = 0.0
        var total: Double { load + observe + reconcile + write }
    }

    static func run(_ arguments: [String]) async throws {
        let numbers = arguments.compactMap(Int.init)
        let sizes = numbers.isEmpty ? [1_000, 2_000, 5_000, 10_000] : numbers
        // `--composeplan PATH` times another build's executable (a baseline).
        let executable = arguments.firstIndex(of: "--composeplan").map { URL(fileURLWithPath: arguments[$0 + 1]) }
            ?? WholeProcess.siblingExecutable
        let wholeSizes = sizes.count > 1 ? [sizes.first!, sizes.last!] : sizes
        // `--keep` leaves each size's compose file and snapshot in place, to profile the process by hand.
        let keep = arguments.contains("--keep")
        print("plan benchmark: services × 2 replicas, random dependencies, half-diverged snapshot (release build, \(ProcessInfo.processInfo.activeProcessorCount) cores)")
        print("services   nodes  load(s) [yaml]  observe(s)  reconcile(s) [hashing]  write(s) [text  fingerprint  json]  total(s)  µs/service  process(s)")
        var rows: [(phases: Phases, process: Double?)] = []
        for size in sizes {
            let generated = try ProjectGenerator(services: size, seed: 42)
            defer { if !keep { generated.directory.map { try? FileManager.default.removeItem(atPath: $0) } } }
            let (phases, snapshot) = try measure(generated)
            var process: Double?
            if wholeSizes.contains(size) { process = try WholeProcess.planSeconds(generated, snapshot: snapshot, executable: executable) }
            rows.append((phases, process))
            let p = phases
            print(String(format: "%8d %7d %8.3f [%.3f] %11.3f %13.3f [%.3f] %9.3f [%.3f  %.3f  %.3f] %9.3f %11.1f  ", p.size, p.nodes, p.load,
                         p.yaml, p.observe, p.reconcile, p.hashing, p.write, p.text, p.fingerprint, p.json, p.total,
                         p.total / Double(p.size) * 1e6) + (process.map { String(format: "%10.3f", $0) } ?? "         -"))
        }
        if let first = rows.first, let last = rows.last, last.phases.size > first.phases.size {
            let sizeRatio = Double(last.phases.size) / Double(first.phases.size)
            print(String(format: "growth %d → %d services: size ×%.1f, in-process time ×%.2f", first.phases.size, last.phases.size,
                         sizeRatio, last.phases.total / first.phases.total)
                  + (first.process.flatMap { a in last.process.map { b in String(format: ", whole process ×%.2f", b / a) } } ?? "")
                  + String(format: " (linear would be ×%.1f)", sizeRatio))
        }
        print("levers, old path → new path (s):")
        for (phases, _) in rows {
            print(String(format: "%8d  YAML through Yams's tree %.3f → %.3f   snapshot JSONDecoder %.3f → %.3f   hashes on one core %.3f → %.3f   plan file JSONEncoder %.3f → %.3f   service keys sorted as UTF8Views %.3f → %.3f",
                         phases.size, phases.yamlThroughYams, phases.yaml, phases.snapshotThroughCodable, phases.snapshotRead,
                         phases.hashingOnOneCore, phases.hashing, phases.jsonThroughCodable, phases.json,
                         phases.keySortThroughUTF8Views, phases.keySort))
        }
        print("process: `\(executable.path) plan -p bench -f compose.yaml --observed snapshot.json -o plan.json` (text to /dev/null), spawn to exit, best of 3")
        print(String(format: "peak memory: %.0f MiB", Measure.peakMemoryMiB))
        if keep { print("kept: " + rows.map { "\(FileManager.default.temporaryDirectory.path)/composeplan-bench-\($0.phases.size)" }.joined(separator: " ")) }
    }

    /// The in-process phases of planning `generated`, each the best of 3,
    /// and the snapshot file planned against.
    static func measure(_ generated: ProjectGenerator) throws -> (Phases, snapshot: Data) {
        var phases = Phases(size: generated.services)
        var project: Project!
        phases.load = try Measure.best(of: 3) {
            project = try ProjectLoader().load(LoadOptions(files: [generated.composeFile], projectName: "bench",
                                                           environment: [:], currentDirectory: generated.directory!))
        }
        let yamlText = try String(contentsOfFile: generated.composeFile, encoding: .utf8)
        var tree: ConfigNode?
        phases.yaml = try Measure.best(of: 3) { tree = try ConfigNode.parse(yaml: yamlText, file: "compose.yaml") }
        phases.yamlThroughYams = try Measure.seconds { tree = try ConfigNode.parseThroughYams(yaml: yamlText, file: "compose.yaml") }
        precondition(tree?.entries?.first?.key == "services")
        let snapshotData = try generated.snapshot(for: project).encoded()
        var snapshot: Snapshot!
        var observed: ObservedState!
        phases.snapshotRead = try Measure.best(of: 3) { snapshot = try Snapshot.decode(snapshotData) }
        phases.observe = phases.snapshotRead + Measure.best(of: 3) { observed = ObservedState(snapshot: snapshot, project: project) }
        var plan: Plan!
        phases.reconcile = try Measure.best(of: 3) {
            plan = try Reconciler.plan(project: project, observed: observed, options: PlanOptions(), confirm: { _ in true })
        }
        phases.hashing = Measure.best(of: 3) {
            precondition(ExpectedHashes.compute(project: project, observed: observed).count == generated.services)
        }
        phases.nodes = plan.nodes.count
        var text = ""
        phases.text = Measure.best(of: 3) { text = plan.text }
        var fingerprint: StateFingerprint!
        phases.fingerprint = Measure.best(of: 3) { fingerprint = StateFingerprint(snapshot: snapshot, project: project.name) }
        let file = PlanFile(toolVersion: ToolVersion.current, project: ProjectContext(project: project), composeFiles: [:],
                            options: PlanOptions(), engine: nil, fingerprint: fingerprint, plan: plan)
        var data = Data()
        phases.json = try Measure.best(of: 3) { data = try file.encoded() }
        precondition(!text.isEmpty && !data.isEmpty)
        phases.snapshotThroughCodable = try Measure.seconds {
            let decoded = try JSONDecoder().decode(Snapshot.self, from: snapshotData)
            precondition(decoded == snapshot)
        }
        phases.hashingOnOneCore = Measure.seconds {
            let hashes = project.serviceNames.map { name in
                ConfigHasher.hash(service: ConfigHasher.resolvingReferences(in: project.services[name]!) {
                    observed.lowestNumberedContainerID(of: $0)
                })
            }
            precondition(hashes.count == generated.services)
        }
        let members = project.serviceNames.compactMap { name -> [String: JSONValue]? in
            guard case .object(let members) = project.services[name]!.jsonValue else { return nil }
            return members
        }
        var sortedKeys: [[String]] = []
        phases.keySort = Measure.best(of: 3) { sortedKeys = members.map { JSONKeyOrder.sorted($0.keys) } }
        var keysSortedAsUTF8Views: [[String]] = []
        phases.keySortThroughUTF8Views = Measure.seconds {
            keysSortedAsUTF8Views = members.map { $0.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) } }
        }
        precondition(keysSortedAsUTF8Views == sortedKeys)
        phases.jsonThroughCodable = try Measure.seconds {
            let encoded = try JSONEncoder.prettySorted.encode(file)
            precondition(encoded == data)
        }
        return (phases, snapshotData)
    }
}
