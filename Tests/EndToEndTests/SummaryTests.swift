import Foundation
import PlanModel
import TestSupport
import Testing

/// Issue 11, items 2, 3, 4 and 9: the summaries on standard error, dry runs
/// that say so, `up`'s output options, and `show`.
@Suite("Summaries, dry runs, up's outputs and show, through the built binary")
struct SummaryTests {
    static let drifted = ["-f", "examples/drifted/compose.yaml", "--observed", "examples/drifted/snapshot.json"]

    @Test("plan: stdout is the plan text alone; stderr has the totals, the orphan hint and the files written")
    func planSummary() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try CommandRunner.composeplan(["plan"] + Self.drifted + ["-o", "\(directory.path)/plan.json",
                                                                             "--svg", "\(directory.path)/plan.svg"])
        #expect(result.status == 0, "\(result.stderr)")
        let withOrphans = try String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/drifted/plan.txt", encoding: .utf8)
        let expected = withOrphans.split(separator: "\n", omittingEmptySubsequences: false)
            .filter { !$0.contains("orphan:") }.joined(separator: "\n")
        #expect(result.stdout == expected)
        #expect(result.stderr == """
            Plan: 2 to replace, 2 to remove, 2 to restart; unchanged: web
            found 1 orphan container (blog-legacy-cron-1) of services not in the compose files; the plan leaves it alone: run with --remove-orphans to remove it
            wrote plan file \(directory.path)/plan.json
            wrote diagram \(directory.path)/plan.svg

            """)
    }

    @Test("plan with --remove-orphans: no hint; the orphan counts among the removals")
    func planSummaryRemovingOrphans() throws {
        let result = try CommandRunner.composeplan(["plan"] + Self.drifted + ["--remove-orphans"])
        #expect(result.status == 0)
        #expect(result.stderr == "Plan: 2 to replace, 3 to remove, 2 to restart; unchanged: web\n")
    }

    @Test("plan of a fresh project counts creations; an empty plan says nothing to do and names the unchanged services")
    func createAndNothingToDo() throws {
        let fresh = try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed", "examples/fresh/snapshot.json"])
        #expect(fresh.stderr == "Plan: 9 to create\n")
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        try directory.write("compose.yaml", "name: calm\nservices:\n  web:\n    image: nginx\n")
        let hashes = try CommandRunner.composeplan(["hash"], in: directory.path)
        let decoded = try JSONDecoder().decode([String: [String: String]].self, from: Data(hashes.stdout.utf8))
        var state = SnapshotBuilder(project: "calm")
        let network = state.network(key: "default", hash: decoded["networks"]!["default"]!)
        state.container(service: "web", hash: decoded["services"]!["web"]!, networks: ["calm_default": network])
        try directory.write("snapshot.json", String(decoding: try state.snapshot.encoded(), as: UTF8.self))
        let calm = try CommandRunner.composeplan(["plan", "--observed", "snapshot.json"], in: directory.path)
        #expect(calm.status == 0)
        #expect(calm.stdout == "")
        #expect(calm.stderr == "nothing to do; unchanged: web\n")
        var stopped = SnapshotBuilder(project: "calm")
        let stoppedNetwork = stopped.network(key: "default", hash: decoded["networks"]!["default"]!)
        stopped.container(service: "web", state: "exited", hash: decoded["services"]!["web"]!, networks: ["calm_default": stoppedNetwork])
        try directory.write("stopped.json", String(decoding: try stopped.snapshot.encoded(), as: UTF8.self))
        let start = try CommandRunner.composeplan(["plan", "--observed", "stopped.json"], in: directory.path)
        #expect(start.stdout.split(separator: "\n").map { $0.split(separator: ", ")[1] } == ["StartContainer"])
        #expect(start.stderr == "Plan: 1 to start\n")
    }

    @Test("up --dry-run says so: before the run, in the final line, and in the report's title and header; the outcome per service")
    func dryRunSaysSo() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let report = "\(directory.path)/report.html"
        let result = try CommandRunner.composeplan(["up", "--dry-run"] + Self.drifted + ["--remove-orphans", "-y", "--progress", "plain",
                                                                                         "--report", report])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").map(String.init)
        #expect(lines.first == "Plan: 2 to replace, 3 to remove, 2 to restart; unchanged: web")
        #expect(lines[1] == "dry run: running 27 operations on the simulated engine; nothing reaches the daemon")
        let closing = Array(lines.drop { !$0.hasPrefix("dry run succeeded in ") })
        #expect(closing.count == 8, "\(lines)")
        #expect(closing.first?.hasSuffix("s: 27 succeeded") == true)
        #expect(Array(closing.dropFirst()) == [
            "  app: 7 succeeded",
            "  db: 4 succeeded",
            "  worker: 12 succeeded",
            "  networks: 2 succeeded",
            "  orphans: 2 succeeded",
            "wrote report \(report)",
            "dry run: nothing reached the daemon",
        ])
        let html = try String(contentsOfFile: report, encoding: .utf8)
        #expect(html.contains("<title>blog · composeplan report (dry run)</title>"))
        #expect(html.contains("id=\"outcome\">dry run succeeded</span>"))
        #expect(html.contains("<div id=\"dry-run\"><b>Dry run</b>: the plan ran on the simulated engine; nothing reached the daemon.</div>"))
        #expect(html.contains("<div><b>Dry run</b>"))
    }

    @Test("A real run's report does not say dry run")
    func reportWithoutDryRun() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let plan = "\(directory.path)/plan.json"
        #expect(try CommandRunner.composeplan(["plan", "-f", "examples/fresh/compose.yaml", "--observed", "examples/fresh/snapshot.json",
                                               "-o", plan]).status == 0)
        let report = try CommandRunner.composeplan(["report", plan, "-o", "\(directory.path)/r.html"])
        #expect(report.status == 0)
        #expect(report.stderr == "wrote report \(directory.path)/r.html\n")
        let html = try String(contentsOfFile: "\(directory.path)/r.html", encoding: .utf8)
        #expect(html.contains("<title>webshop · composeplan report</title>"))
        #expect(!html.contains("dry-run"))
    }

    @Test("up takes plan's output options: --format, --png, --focus, --collapse, -o")
    func upOutputOptions() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let result = try CommandRunner.composeplan(["up", "--dry-run"] + Self.drifted + [
            "-y", "--progress", "json", "--format", "mermaid", "--png", "\(directory.path)/app.png", "--focus", "app",
            "--collapse", "none", "-o", "\(directory.path)/plan.json",
        ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("---\ntitle: "))
        #expect(result.stdout.contains("flowchart"))
        let png = try Data(contentsOf: URL(fileURLWithPath: "\(directory.path)/app.png"))
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]))
        #expect(result.stderr.contains("\nwrote plan file \(directory.path)/plan.json\nwrote diagram \(directory.path)/app.png\n"))
        let unknown = try CommandRunner.composeplan(["up", "--dry-run"] + Self.drifted + ["-y", "--focus", "nosuch"])
        #expect(unknown.status == 1)
        #expect(unknown.stdout == "")
        #expect(unknown.stderr.hasSuffix("""
            error: --focus: cannot focus on 'nosuch': no operation of the plan acts on it (services in the plan: app, db, worker)

            """))
    }

    @Test("show prints a saved plan: text, json, markdown, mermaid")
    func show() throws {
        let directory = try TemporaryDirectory()
        defer { directory.remove() }
        let planPath = "\(directory.path)/plan.json"
        let planned = try CommandRunner.composeplan(["plan"] + Self.drifted + ["--remove-orphans", "-o", planPath])
        #expect(planned.status == 0)
        let text = try CommandRunner.composeplan(["show", planPath])
        #expect(text.status == 0)
        #expect(text.stdout == planned.stdout)
        #expect(text.stderr == "Plan: 2 to replace, 3 to remove, 2 to restart\n")
        let json = try CommandRunner.composeplan(["show", planPath, "--format", "json"])
        #expect(json.stdout == String(decoding: try Data(contentsOf: URL(fileURLWithPath: planPath)), as: UTF8.self) + "\n")
        let markdown = try CommandRunner.composeplan(["show", planPath, "--format", "markdown"])
        #expect(markdown.stdout.hasPrefix("### composeplan: plan for `blog`\n\n**27 operations**\n"))
        let fromPlan = try CommandRunner.composeplan(["plan"] + Self.drifted + ["--remove-orphans", "--format", "markdown"])
        #expect(markdown.stdout == fromPlan.stdout)
        let mermaid = try CommandRunner.composeplan(["show", planPath, "--format", "mermaid"])
        let mermaidFromPlan = try CommandRunner.composeplan(["plan"] + Self.drifted + ["--remove-orphans", "--format", "mermaid"])
        #expect(mermaid.stdout == mermaidFromPlan.stdout)
        let missing = try CommandRunner.composeplan(["show", "\(directory.path)/nope.json"])
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: \(directory.path)/nope.json: cannot read plan file: no such file\n")
    }
}
