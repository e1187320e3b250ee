import Foundation
import TestSupport
import Testing

/// Damaged and hostile snapshots, plan files and execution records, made
/// by mutating the examples' own files (seeded, so every run tries the
/// same ones): the CLI either accepts a mutation or refuses it with one
/// line naming the file, exit 1. It never crashes, hangs or prints a
/// stack.
@Suite("Mutated input files through the CLI")
struct BadInputFuzzTests {
    /// A small deterministic generator (SplitMix64).
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    /// Replacement values of every JSON type, and hostile ones.
    static var hostileValues: [Any] {
        [7, "x", [Any](), [String: Any](), NSNull(), true, 1e300, -1, Int64.max, String(repeating: "é", count: 10_000),
         ["nested": ["deeper": [1, 2, ["x": NSNull()]]]]]
    }

    /// Every path to a value in `object` (keys and indices).
    static func paths(in value: Any, prefix: [Any] = [], into result: inout [[Any]], limit: Int = 4000) {
        guard result.count < limit else { return }
        result.append(prefix)
        if let object = value as? [String: Any] {
            for key in object.keys.sorted() { paths(in: object[key]!, prefix: prefix + [key], into: &result, limit: limit) }
        } else if let array = value as? [Any] {
            for (index, element) in array.enumerated() { paths(in: element, prefix: prefix + [index], into: &result, limit: limit) }
        }
    }

    /// `value` with the element at `path` replaced (or removed when `replacement` is nil).
    static func replacing(_ value: Any, at path: ArraySlice<Any>, with replacement: Any?) -> Any? {
        guard let first = path.first else { return replacement }
        if var object = value as? [String: Any], let key = first as? String {
            object[key] = replacing(object[key] as Any, at: path.dropFirst(), with: replacement)
            return object
        }
        if var array = value as? [Any], let index = first as? Int, index < array.count {
            if let updated = replacing(array[index], at: path.dropFirst(), with: replacement) {
                array[index] = updated
            } else {
                array.remove(at: index)
            }
            return array
        }
        return value
    }

    /// `count` mutations of the JSON file at `path`, as file contents.
    static func mutations(of path: String, count: Int, seed: UInt64) throws -> [Data] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let document = try JSONSerialization.jsonObject(with: data)
        var allPaths: [[Any]] = []
        Self.paths(in: document, into: &allPaths)
        var generator = Generator(state: seed)
        var result: [Data] = []
        for round in 0..<count {
            switch round % 5 {
            case 0:
                // Truncated somewhere.
                result.append(data.prefix(generator.below(data.count)))
            case 1:
                // A field removed.
                let target = allPaths[1 + generator.below(allPaths.count - 1)]
                let mutated = Self.replacing(document, at: target[...], with: nil) ?? NSNull()
                result.append(try JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]))
            default:
                // A value of another type, or a hostile one.
                let target = allPaths[generator.below(allPaths.count)]
                let replacement = hostileValues[generator.below(hostileValues.count)]
                let mutated = Self.replacing(document, at: target[...], with: replacement) ?? NSNull()
                result.append(try JSONSerialization.data(withJSONObject: mutated, options: [.fragmentsAllowed]))
            }
        }
        return result
    }

    /// Runs `arguments` (with `FILE` standing for the mutated file) on each
    /// mutation and checks the outcome.
    static func expectNoCrash(_ mutations: [Data], file name: String, arguments: [String]) throws {
        let folder = try TemporaryDirectory(prefix: "fuzz")
        defer { folder.remove() }
        var refused = 0
        for (index, data) in mutations.enumerated() {
            let path = folder.path + "/\(index)-\(name)"
            try data.write(to: URL(fileURLWithPath: path))
            let resolved = arguments.map { $0 == "FILE" ? path : $0.replacingOccurrences(of: "OUT", with: folder.path) }
            let result = try CommandRunner.run(CommandRunner.composeplan, resolved, timeout: 30)
            #expect(result.status == 0 || result.status == 1, "mutation \(index) of \(name): status \(result.status)\n\(result.stderr.prefix(500))")
            // A plan that was accepted may still fail when it runs (a
            // mutated node): that is a run's failure, reported as one.
            if result.status == 1 && !result.stderr.contains("dry run: running") {
                refused += 1
                let lines = result.stderr.split(separator: "\n")
                #expect(lines.count == 1 && result.stderr.hasPrefix("error: \(path)"),
                        "mutation \(index) of \(name): \(result.stderr.prefix(500))")
            }
        }
        #expect(refused > 0, "no mutation of \(name) was refused: the mutations do not reach the reader")
    }

    @Test("Snapshots: plan --observed")
    func snapshots() throws {
        let root = CommandRunner.repositoryRoot
        let mutations = try Self.mutations(of: root + "/examples/drifted/snapshot.json", count: 40, seed: 1)
        try Self.expectNoCrash(mutations, file: "snapshot.json",
                               arguments: ["plan", "-f", root + "/examples/drifted/compose.yaml", "--observed", "FILE", "--remove-orphans"])
    }

    @Test("Plan files: show and apply --dry-run")
    func planFiles() throws {
        let root = CommandRunner.repositoryRoot
        let folder = try TemporaryDirectory(prefix: "fuzz-plan")
        defer { folder.remove() }
        let planPath = folder.path + "/plan.json"
        let planned = try CommandRunner.composeplan(["plan", "-f", root + "/examples/drifted/compose.yaml", "--observed",
                                                     root + "/examples/drifted/snapshot.json", "--remove-orphans", "-o", planPath])
        #expect(planned.status == 0)
        let mutations = try Self.mutations(of: planPath, count: 30, seed: 2)
        try Self.expectNoCrash(mutations, file: "plan.json", arguments: ["show", "FILE"])
        try Self.expectNoCrash(Array(mutations.prefix(15)), file: "plan.json",
                               arguments: ["apply", "FILE", "--dry-run", "--observed", root + "/examples/drifted/snapshot.json",
                                           "--progress", "plain"])
    }

    @Test("Execution records: report --record")
    func records() throws {
        let root = CommandRunner.repositoryRoot
        let folder = try TemporaryDirectory(prefix: "fuzz-record")
        defer { folder.remove() }
        let planPath = folder.path + "/plan.json"
        let recordPath = folder.path + "/run.json"
        let ran = try CommandRunner.composeplan(["up", "-f", root + "/examples/drifted/compose.yaml", "--observed",
                                                 root + "/examples/drifted/snapshot.json", "--dry-run", "-y", "-o", planPath,
                                                 "--record", recordPath, "--progress", "plain"])
        #expect(ran.status == 0, "\(ran.stderr)")
        let mutations = try Self.mutations(of: recordPath, count: 30, seed: 3)
        try Self.expectNoCrash(mutations, file: "run.json", arguments: ["report", planPath, "--record", "FILE", "-o", "OUT/report.html"])
    }
}
