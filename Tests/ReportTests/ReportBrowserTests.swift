import Foundation
import PlanModel
import Testing
import TestSupport
@testable import Report

/// Loads reports in headless chromium and checks what a browser makes of
/// them: the page's script ran to the end without a JavaScript error (nor a
/// blocked script), and the DOM holds an element per node in the diagram,
/// the table and the timeline. Skipped with a printed reason when chromium
/// is missing, except under CI (`CI` set), where that fails.
///
/// `REPORT_SCREENSHOT_DIR=docs swift test --filter ReportBrowserTests` also
/// writes the example report and its screenshot there (`docs/report-drifted.png`).
@Suite(.serialized) struct ReportBrowserTests {
    struct Page {
        var html: String
        var load: Chromium.Load
        var file: String
    }

    /// Renders `input`, writes it to a temporary file and loads it.
    static func load(_ input: ReportInput, fragment: String = "", chromium: Chromium) async throws -> Page {
        let html = try await ReportBuilder().render(input)
        let directory = try TemporaryDirectory(prefix: "report-browser")
        defer { directory.remove() }
        let file = try directory.write("report.html", html)
        let load = try chromium.dumpDOM(file, fragment: fragment)
        Self.keep(html, name: "\(input.planFile.project.name.filter(\.isLetter))-\(input.record?.outcome.rawValue ?? "plan")")
        return Page(html: html, load: load, file: file)
    }

    /// The script ran to its end and reported no error; the browser logged
    /// no uncaught exception and blocked no script.
    static func expectCleanLoad(_ page: Page, sourceLocation: SourceLocation = #_sourceLocation) {
        let dom = page.load.dom
        #expect(dom.contains("data-report-ready=\"true\""), "the page's script did not finish; log:\n\(page.load.log.suffix(3000))",
                sourceLocation: sourceLocation)
        #expect(dom.contains("<pre id=\"report-errors\"></pre>"), "JavaScript errors: \(errorBox(dom))", sourceLocation: sourceLocation)
        let bad = page.load.log.split(separator: "\n").filter {
            $0.contains("Uncaught") || $0.contains("Refused to") || ($0.contains(":CONSOLE") && $0.lowercased().contains("error"))
        }
        #expect(bad.isEmpty, "browser log: \(bad.joined(separator: "\n"))", sourceLocation: sourceLocation)
    }

    static func errorBox(_ dom: String) -> String {
        guard let start = dom.range(of: "<pre id=\"report-errors\">"), let end = dom[start.upperBound...].range(of: "</pre>") else { return "" }
        return String(dom[start.upperBound..<end.lowerBound])
    }

    static func count(_ pattern: String, in text: String) -> Int {
        (try? NSRegularExpression(pattern: pattern).numberOfMatches(in: text, range: NSRange(text.startIndex..., in: text))) ?? 0
    }

    static func expectEveryNode(_ plan: Plan, record: ExecutionRecord?, diagram: Bool, in dom: String,
                                sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(count(#"<tr [^>]*data-node="\d+""#, in: dom) == plan.nodes.count, "table rows", sourceLocation: sourceLocation)
        if diagram {
            for node in plan.nodes {
                #expect(dom.contains("id=\"node-\(node.id)\""), "diagram node \(node.id)", sourceLocation: sourceLocation)
            }
        }
        let ran = record?.nodes.filter { $0.start != nil }.count ?? 0
        #expect(count(#"<g class="bar [^"]*" id="bar-\d+""#, in: dom) == ran, "timeline bars", sourceLocation: sourceLocation)
    }

    @Test func planOnlyReport() async throws {
        guard let chromium = Chromium.required() else { return }
        let file = try PlanFixtures.drifted()
        let page = try await Self.load(ReportInput(planFile: file), chromium: chromium)
        Self.expectCleanLoad(page)
        Self.expectEveryNode(file.plan, record: nil, diagram: true, in: page.load.dom)
        #expect(!page.load.dom.contains("id=\"timeline-svg\""))
        #expect(page.load.dom.contains("27 of 27 nodes"))
    }

    @Test func successfulRunReportAndSelection() async throws {
        guard let chromium = Chromium.required() else { return }
        let file = try PlanFixtures.drifted()
        let record = RunFixtures.simulate(file)
        let page = try await Self.load(ReportInput(planFile: file, record: record), fragment: "#node-12", chromium: chromium)
        Self.expectCleanLoad(page)
        Self.expectEveryNode(file.plan, record: record, diagram: true, in: page.load.dom)
        let dom = page.load.dom
        // Node 12 selected from the link: highlighted in the table, the timeline and the diagram.
        #expect(Self.count(#"<tr data-node="12"[^>]*class="selected""#, in: dom) == 1)
        #expect(Self.count(#"<g class="bar [^"]*selected" id="bar-12""#, in: dom) == 1)
        #expect(Self.count(#"<g id="node-12" class="[^"]*selected""#, in: dom) == 1)
        #expect(dom.contains("#12 CreateNetwork network:backend"))
    }

    @Test func failedRunReport() async throws {
        guard let chromium = Chromium.required() else { return }
        let file = try PlanFixtures.drifted()
        let record = RunFixtures.simulate(file, failing: [19: RunFixtures.driftedFailure])
        let input = ReportInput(planFile: file, record: record, generatedAt: "2026-01-01T10:12:00Z")
        let page = try await Self.load(input, chromium: chromium)
        Self.expectCleanLoad(page)
        Self.expectEveryNode(file.plan, record: record, diagram: true, in: page.load.dom)
        #expect(page.load.dom.contains("Errors (1)"))
        #expect(Self.count(#"<g id="node-20" class="[^"]*status-skipped"#, in: page.load.dom) == 1)

        let png = FileManager.default.temporaryDirectory.appendingPathComponent("report-\(UUID().uuidString).png").path
        defer { try? FileManager.default.removeItem(atPath: png) }
        try await Self.screenshot(input, chromium: chromium, to: png)
        let size = (try? FileManager.default.attributesOfItem(atPath: png)[.size] as? Int) ?? 0
        #expect(size > 20_000, "screenshot of \(size) bytes")
        if let directory = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT_DIR"] {
            try await Self.screenshot(input, chromium: chromium, to: directory + "/report-drifted.png", height: 3200)
            try await ReportBuilder().render(input).write(toFile: directory + "/report-drifted.html", atomically: true, encoding: .utf8)
            let planOnly = ReportInput(planFile: file, generatedAt: "2026-01-01T10:05:00Z")
            try await Self.screenshot(planOnly, chromium: chromium, to: directory + "/report-drifted-plan.png", height: 1500)
        }
    }

    /// With `REPORT_KEEP_DIR` set, keeps a copy of each report loaded, to look at.
    static func keep(_ html: String, name: String) {
        guard let directory = ProcessInfo.processInfo.environment["REPORT_KEEP_DIR"] else { return }
        try? html.write(toFile: "\(directory)/\(name).html", atomically: true, encoding: .utf8)
    }

    static func screenshot(_ input: ReportInput, chromium: Chromium, to png: String, height: Int = 1800) async throws {
        let html = try await ReportBuilder().render(input)
        let directory = try TemporaryDirectory(prefix: "report-shot")
        defer { directory.remove() }
        let file = try directory.write("report.html", html)
        _ = try chromium.screenshot(file, to: png, height: height)
    }

    @Test func hostileProjectRunsNothing() async throws {
        guard let chromium = Chromium.required() else { return }
        let file = try PlanFixtures.hostile()
        var record = RunFixtures.simulate(file, failing: [1: "Error: \(PlanFixtures.payload) & \"bad\""])
        record.project = file.project.name
        for input in [ReportInput(planFile: file), ReportInput(planFile: file, record: record)] {
            let page = try await Self.load(input, chromium: chromium)
            Self.expectCleanLoad(page)
            let dom = page.load.dom
            #expect(!dom.contains("data-pwned"), "an injected script or handler ran")
            #expect(Self.count("<script", in: dom) == 3)
            #expect(!dom.contains("<img"))
            #expect(!dom.contains(PlanFixtures.secret))
            #expect(dom.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            Self.expectEveryNode(file.plan, record: input.record, diagram: true, in: dom)
        }
    }
}
