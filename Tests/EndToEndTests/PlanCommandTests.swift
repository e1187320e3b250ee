import Foundation
import PlanModel
import TestSupport
import Testing

@Suite("composeplan plan and hash, through the built binary")
struct PlanCommandTests {
    static let examples = ["fresh", "drifted", "healthchecks", "pulls"]

    @Test("Each example plans exactly its committed plan.txt", arguments: examples)
    func examplePlans(example: String) throws {
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/\(example)/compose.yaml",
                                                    "--observed", "examples/\(example)/snapshot.json", "--remove-orphans"])
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOfFile: "\(CommandRunner.repositoryRoot)/examples/\(example)/plan.txt", encoding: .utf8)
        #expect(result.stdout == expected)
    }

    @Test("The stack example plans exactly its committed plan.txt with --target swarm, and a dry run converges it")
    func stackExample() throws {
        let arguments = ["--target", "swarm", "-f", "examples/stack/compose.yaml", "--observed", "examples/stack/snapshot.json",
                         "--remove-orphans"]
        let result = try CommandRunner.composeplan(["plan"] + arguments)
        #expect(result.status == 0, "\(result.stderr)")
        let expected = try String(contentsOfFile: "\(CommandRunner.repositoryRoot)/examples/stack/plan.txt", encoding: .utf8)
        #expect(result.stdout == expected)
        #expect(result.stderr.hasSuffix("Plan: 2 to create, 3 to update, 2 to remove\n"), "\(result.stderr)")
        // As containers, the same snapshot holds nothing of the project's.
        let containers = try CommandRunner.composeplan(["plan", "-f", "examples/stack/compose.yaml", "--observed", "examples/stack/snapshot.json"])
        #expect(containers.status == 0 && containers.stdout.contains("CreateContainer") && !containers.stdout.contains("Service"))
        let directory = try TemporaryDirectory(prefix: "stack")
        defer { directory.remove() }
        let up = try CommandRunner.composeplan(["up", "--dry-run", "-y", "--record", directory.path + "/run.json"] + arguments)
        #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
        let record = try String(contentsOfFile: directory.path + "/run.json", encoding: .utf8)
        // Each WaitConverged kept the tasks it saw, up to all of them running.
        #expect(record.contains("\"tasks\""), "\(record)")
        #expect(record.contains("\"running\" : 3"), "\(record)")
        // A plan file for a stack refuses another target.
        let planFile = directory.path + "/plan.json"
        #expect(try CommandRunner.composeplan(["plan", "-o", planFile] + arguments).status == 0)
        let wrong = try CommandRunner.composeplan(["apply", planFile, "--target", "containers", "--dry-run", "--observed",
                                                   "examples/stack/snapshot.json"])
        #expect(wrong.status == 1)
        #expect(wrong.stderr == "error: \(planFile): this plan is for --target swarm, not containers\n", "\(wrong.stderr)")
        // A stack that changed since the plan (a service updated behind its back) is refused.
        let original = try Data(contentsOf: URL(fileURLWithPath: "\(CommandRunner.repositoryRoot)/examples/stack/snapshot.json"))
        var document = try #require(try JSONSerialization.jsonObject(with: original) as? [String: Any])
        var services = try #require(document["services"] as? [[String: Any]])
        services[0]["Version"] = ["Index": 99_999]
        document["services"] = services
        _ = try directory.write("moved.json", String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self))
        let stale = try CommandRunner.composeplan(["apply", planFile, "--dry-run", "--observed", directory.path + "/moved.json"])
        #expect(stale.status == 1, "\(stale.stderr)")
        #expect(stale.stderr.contains("plan is stale"), "\(stale.stderr)")
        let refused = try CommandRunner.composeplan(["plan", "--target", "swarm", "--adopt", "-f", "examples/stack/compose.yaml",
                                                     "--observed", "examples/stack/snapshot.json"])
        #expect(refused.status == 64, "\(refused.stderr)")
        #expect(refused.stderr.contains("--adopt cannot be combined with --target swarm"), "\(refused.stderr)")
    }

    @Test("The drifted example without --remove-orphans leaves the orphan alone")
    func orphanNeedsFlag() throws {
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/drifted/compose.yaml", "--observed", "examples/drifted/snapshot.json"])
        #expect(result.status == 0)
        #expect(!result.stdout.contains("orphan:"))
        #expect(result.stdout.split(separator: "\n").count == 25)
    }

    /// The awesome-compose corpus folder beside the repository, and its projects, sorted.
    static func corpusProjects() throws -> (folder: String, projects: [String]) {
        let corpus = CommandRunner.sharedDirectory + "/corpus/awesome-compose"
        let projects = try FileManager.default.contentsOfDirectory(atPath: corpus).filter { name in
            var isDirectory: ObjCBool = false
            return FileManager.default.fileExists(atPath: "\(corpus)/\(name)", isDirectory: &isDirectory) && isDirectory.boolValue
        }.sorted()
        #expect(projects.count >= 30)
        return (corpus, projects)
    }

    @Test("Every awesome-compose project runs through up --dry-run from an empty snapshot, every operation succeeding on the simulated engine")
    func corpusDryRuns() throws {
        let (corpus, projects) = try Self.corpusProjects()
        let folder = try TemporaryDirectory()
        defer { folder.remove() }
        let snapshot = try folder.write("empty.json", "{}")
        for project in projects {
            let record = "\(folder.path)/\(project).json"
            let result = try CommandRunner.composeplan(["up", "--dry-run", "-y", "--observed", snapshot, "--record", record,
                                                        "--progress", "json"], in: "\(corpus)/\(project)")
            #expect(result.status == 0, "\(project): \(result.stderr.suffix(600))")
            let run = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: record)), path: record)
            #expect(run.outcome == .succeeded && run.nodes.allSatisfy { $0.status == .succeeded }, "\(project)")
        }
    }

    @Test("Every awesome-compose project loads, plans against an empty snapshot, and renders")
    func corpus() throws {
        let (corpus, projects) = try Self.corpusProjects()
        let empty = try TemporaryDirectory()
        defer { empty.remove() }
        let snapshot = try empty.write("empty.json", "{}")
        for project in projects {
            let svg = "\(empty.path)/\(project).svg"
            let result = try CommandRunner.composeplan(["plan", "--observed", snapshot, "--svg", svg], in: "\(corpus)/\(project)")
            let drawing = (try? String(contentsOfFile: svg, encoding: .utf8)) ?? ""
            #expect(drawing.contains("<svg") && (drawing.contains("id=\"node-1\"") || drawing.contains("id=\"node&#45;1\"")), "\(project): no diagram")
            #expect(result.status == 0, "\(project): \(result.stderr)")
            let lines = result.stdout.split(separator: "\n")
            #expect(!lines.isEmpty, "\(project) planned nothing")
            #expect(lines.contains { $0.contains("CreateContainer, no existing container") }, "\(project)")
        }
    }

    @Test("A snapshot built from `hash` output is up to date: the next plan is empty")
    func hashMatchesPlan() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("compose.yaml", "name: shop\nservices:\n  web:\n    image: nginx\n    volumes: [data:/d]\nvolumes:\n  data: {}\n")
        let hashResult = try CommandRunner.composeplan(["hash"], in: directory.path)
        #expect(hashResult.status == 0)
        let hashes = try JSONDecoder().decode([String: [String: String]].self, from: Data(hashResult.stdout.utf8))
        var state = SnapshotBuilder(project: "shop")
        let networkID = state.network(key: "default", hash: hashes["networks"]!["default"]!)
        state.volume(key: "data", hash: hashes["volumes"]!["data"]!)
        state.container(service: "web", hash: hashes["services"]!["web"]!, networks: ["shop_default": networkID],
                        volumes: [("shop_data", "/d")])
        let snapshotPath = try directory.write("snapshot.json", String(decoding: try state.snapshot.encoded(), as: UTF8.self))
        let plan = try CommandRunner.composeplan(["plan", "--observed", snapshotPath, "--detailed-exitcode"], in: directory.path)
        #expect(plan.status == 0)
        #expect(plan.stdout.isEmpty)
        #expect(plan.stderr.contains("nothing to do"))
    }

    @Test("--detailed-exitcode returns 2 for a plan with changes; -o writes a plan file")
    func detailedExitCodeAndPlanFile() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let planPath = directory.path + "/plan.json"
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed",
                                                    "examples/fresh/snapshot.json", "--detailed-exitcode", "-o", planPath])
        #expect(result.status == 2)
        let file = try PlanFile.read(from: Data(contentsOf: URL(fileURLWithPath: planPath)), path: planPath)
        #expect(file.project.name == "webshop")
        #expect(file.nodes.count == 17)
        #expect(file.plan.text == result.stdout)
        #expect(file.fingerprint.entries.isEmpty)
        #expect(file.composeFiles.count == 1)
        #expect(file.nodes.first { $0.type == .createContainer }?.details.serviceConfig != nil)
        let json = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed",
                                                  "examples/fresh/snapshot.json", "--format", "json"])
        let printed = try PlanFile.read(from: Data(json.stdout.utf8), path: "stdout")
        // Printed, the environment's values are withheld (issue 12: no value in any output without --show-values).
        #expect(printed.nodes == file.withoutEnvironmentValues.nodes)
        #expect(printed.nodes != file.nodes)
        let shown = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed",
                                                   "examples/fresh/snapshot.json", "--format", "json", "--show-values"])
        #expect(try PlanFile.read(from: Data(shown.stdout.utf8), path: "stdout").nodes == file.nodes)
    }

    @Test("Bad input: one line naming the file (and line and column), exit 1")
    func badInput() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("compose.yaml", "services:\n  web:\n    image: nginx\n    prots: [80]\n")
        try directory.write("snapshot.json", "{\"containers\": 5}")
        try directory.write("good.json", "{}")
        let cases: [([String], String)] = [
            (["plan", "--observed", "good.json"], "error: compose.yaml:4:5: unknown key \"prots\" in service \"web\""),
            (["plan", "-f", "missing.yaml", "--observed", "good.json"], "error: missing.yaml: cannot read file: no such file"),
            (["hash", "-f", "missing.yaml"], "error: missing.yaml: cannot read file: no such file"),
        ]
        for (arguments, expected) in cases {
            let result = try CommandRunner.composeplan(arguments, in: directory.path)
            #expect(result.status == 1, "\(arguments)")
            #expect(result.stderr == expected + "\n", "\(arguments)")
            #expect(result.stdout.isEmpty)
        }
        try directory.write("compose.yaml", "services:\n  web:\n    image: nginx\n")
        let badSnapshot = try CommandRunner.composeplan(["plan", "--observed", "snapshot.json"], in: directory.path)
        #expect(badSnapshot.status == 1)
        #expect(badSnapshot.stderr.hasPrefix("error: snapshot.json: not a valid snapshot"))
        #expect(badSnapshot.stderr.split(separator: "\n").count == 1)
        let cycle = "services:\n  a:\n    image: x\n    depends_on: [b]\n  b:\n    image: x\n    depends_on: [a]\n"
        try directory.write("compose.yaml", cycle)
        let cycleResult = try CommandRunner.composeplan(["plan", "--observed", "good.json"], in: directory.path)
        #expect(cycleResult.status == 1)
        #expect(cycleResult.stderr.contains("dependency cycle: a -> b -> a"))
        let unknown = try CommandRunner.composeplan(["plan", "--observed", "good.json", "nope"], in: directory.path)
        #expect(unknown.status == 1)
    }

    @Test("Bad usage exits 64")
    func usage() throws {
        #expect(try CommandRunner.composeplan(["plan", "--no-such-flag"]).status == 64)
        #expect(try CommandRunner.composeplan(["plan", "--force-recreate", "--no-recreate", "--observed", "x"]).status == 64)
        #expect(try CommandRunner.composeplan(["plan", "--format", "yaml"]).status == 64)
    }

    @Test("A volume recreate with no terminal and no --yes is declined with a warning; --yes confirms")
    func volumeConfirmation() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("compose.yaml", "name: v\nservices:\n  db:\n    image: postgres\n    volumes: [data:/d]\nvolumes:\n  data: {}\n")
        var state = SnapshotBuilder(project: "v")
        state.volume(key: "data", hash: "stale")
        try directory.write("snapshot.json", String(decoding: try state.snapshot.encoded(), as: UTF8.self))
        let declined = try CommandRunner.composeplan(["plan", "--observed", "snapshot.json", "--no-start"], in: directory.path)
        #expect(declined.status == 0)
        #expect(!declined.stdout.contains("RemoveVolume"))
        #expect(declined.stderr.contains("warning: volume \"v_data\""))
        let confirmed = try CommandRunner.composeplan(["plan", "--observed", "snapshot.json", "--no-start", "-y"], in: directory.path)
        #expect(confirmed.stdout.contains("volume:data, RemoveVolume, config hash diverged"))
    }

    @Test("Without --observed (and no engine support), plan says what it needs")
    func needsSnapshotOrDaemon() throws {
        let result = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "-H", "unix:///nonexistent.sock"])
        #expect(result.status == 1)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }
}
