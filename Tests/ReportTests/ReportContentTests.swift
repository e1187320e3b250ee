import Foundation
import PlanModel
import TestSupport
import Testing
@testable import Report

@Suite struct ReportContentTests {
    static func count(_ needle: String, in text: String) -> Int { text.components(separatedBy: needle).count - 1 }

    @Test func planOnlyReportHasSummaryRowsAndDiagram() async throws {
        let html = try await ReportBuilder().render(ReportInput(planFile: PlanFixtures.small()))
        #expect(html.contains("planned, not applied"))
        #expect(html.contains("CreateContainer × 2"))
        #expect(html.contains("StartContainer × 2"))
        #expect(Self.count("<tr data-node=", in: html) == 5)
        for id in 1...5 { #expect(html.contains("id=\"node-\(id)\"")) }
        #expect(!html.contains("id=\"timeline-svg\""))
        #expect(html.contains("<h3>web <span class=\"muted\">(2)</span></h3>"))
        #expect(html.contains("<h3>networks"))
        #expect(!html.contains("<?xml") && !html.contains("<!DOCTYPE svg"))
    }

    @Test func succeededRunHasTimelineStatusesAndDurations() async throws {
        let file = try PlanFixtures.drifted()
        let record = RunFixtures.simulate(file)
        let html = try await ReportBuilder().render(ReportInput(planFile: file, record: record))
        #expect(html.contains("run succeeded"))
        #expect(Self.count("<g class=\"bar ", in: html) == 27)
        #expect(Self.count("<tr data-node=", in: html) == 27)
        #expect(html.contains("status-succeeded")) // the diagram's nodes coloured by outcome
        #expect(html.contains("--parallel 4"))
        #expect(!html.contains("id=\"errors\""))
    }

    @Test("A pull appears in the table, the changes and the timeline, with the bytes it downloaded")
    func pullsShowTheirSize() async throws {
        let plan = Plan(fixture: """
            [] -> #1 image:127.0.0.1:5000/shop/api:2, PullImage, not present
            [] -> #2 network:default, CreateNetwork, not found
            [1,2] -> #3 service:api:1, CreateContainer, no existing container
            [3] -> #4 service:api:1, StartContainer, service start
            """)
        let file = PlanFixtures.planFile(plan.nodes, project: "shop")
        var record = RunFixtures.simulate(file)
        record.nodes[0].bytes = 31_400_000
        let html = try await ReportBuilder().render(ReportInput(planFile: file, record: record))
        #expect(html.contains("PullImage × 1"))
        #expect(html.contains("<h3>images"))
        #expect(html.contains("31.4 MB"))
        #expect(Self.count("<g class=\"bar ", in: html) == 4)
        #expect(html.contains("k-pull"))
    }

    @Test func failedRunListsErrorsAndSkippedNodes() async throws {
        let file = try PlanFixtures.drifted()
        let record = RunFixtures.simulate(file, failing: [19: RunFixtures.driftedFailure])
        #expect(record.outcome == .failed)
        let html = try await ReportBuilder().render(ReportInput(planFile: file, record: record))
        #expect(html.contains("run failed"))
        // Errors count failures only; the nodes skipped because of one are listed apart.
        #expect(html.contains("<section id=\"errors\"><h2>Errors (1)</h2>"))
        let skipped = record.nodes.filter { $0.status == .skipped }.count
        #expect(skipped > 0)
        #expect(html.contains("<summary>Not run (\(skipped))</summary>"))
        #expect(html.contains("may require &#39;docker login&#39;"))
        #expect(html.contains("<tr data-node=\"20\" data-service=\"app\" data-type=\"RemoveContainer\" data-status=\"skipped\">"))
        #expect(html.contains("class=\"bar k-replace st-failed"))
        #expect(html.contains("✕ failed"))
    }

    @Test func warnedAndCancelledNodesAreShown() async throws {
        var nodes = PlanFixtures.small().nodes
        nodes[2].bestEffort = true
        let file = PlanFixtures.planFile(nodes, project: "shop")
        let warned = RunFixtures.simulate(file, parallelism: nil, failing: [3: "container exited & \"restarting\""])
        #expect(warned.node(3)?.status == .warned && warned.outcome == .succeeded)
        let html = try await ReportBuilder().render(ReportInput(planFile: file, record: warned))
        #expect(html.contains("st-warned"))
        #expect(html.contains("container exited &amp; &quot;restarting&quot;"))

        let cancelled = RunFixtures.simulate(file, parallelism: 1, cancelAt: 0.5)
        #expect(cancelled.outcome == .cancelled)
        let page = try await ReportBuilder().render(ReportInput(planFile: file, record: cancelled))
        #expect(page.contains("run cancelled"))
        #expect(page.contains("cancelled: interrupted (SIGINT)"))
    }

    @Test func hostileStringsAppearOnlyEscapedAndSecretsNever() async throws {
        let file = try PlanFixtures.hostile()
        #expect(file.nodes[0].details.serviceConfig?.environment["DB_PASSWORD"] == PlanFixtures.secret)
        var record = RunFixtures.simulate(file, failing: [1: "Error: </script><script>alert(8)</script> & \"bad\" 'x'"])
        record.project = file.project.name
        for input in [ReportInput(planFile: file), ReportInput(planFile: file, record: record)] {
            let html = try await ReportBuilder().render(input)
            #expect(!html.contains(PlanFixtures.secret))
            #expect(!html.contains("DB_PASSWORD"))
            // The page's own three script elements, and no other.
            #expect(Self.count("<script", in: html) == 3)
            #expect(!html.contains("<img"))
            // No event-handler attribute in any tag (escaped text may still read "onerror=").
            #expect(html.range(of: #"<[a-zA-Z][^>]*\son[a-zA-Z]+\s*="#, options: .regularExpression) == nil)
            #expect(!html.contains("alert(2)") && !html.contains("alert(3)")) // commands and labels are never shown
            #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &quot;quoted&quot; &amp; &#39;single&#39;"))
            #expect(html.contains("evil&lt;script&gt;alert(7)&lt;/script&gt;&amp;&quot;"))
            #expect(html.contains(#"\u003cscript\u003ealert(1)\u003c\/script\u003e"#))
            #expect(html.contains("warning with &lt;script&gt;"))
        }
    }

    @Test func scriptDataCannotCloseItsElement() {
        let json = MarkupEscaping.scriptSafeJSON(#"{"a":"</script><!-- & \#u{2028}\#u{2029}"}"#)
        #expect(json == #"{"a":"\u003c/script\u003e\u003c!-- \u0026 \u2028\u2029"}"#)
        #expect(MarkupEscaping.escaped(#"<a href="x">&'"#) == "&lt;a href=&quot;x&quot;&gt;&amp;&#39;")
    }

    @Test func svgIsSanitizedDefensively() {
        let svg = """
            <?xml version="1.0"?><!DOCTYPE svg><!-- c --><svg><g id="node-1" onclick="alert(1)"><title>t</title>\
            <script>alert(2)</script><SCRIPT src=x></SCRIPT><a href="javascript:alert(3)">x</a></g></svg>
            """
        let clean = SVGSanitizer.inlinable(svg)
        #expect(clean.hasPrefix("<svg>"))
        #expect(!clean.lowercased().contains("<script"))
        #expect(!clean.contains(" onclick="))
        #expect(!clean.contains("javascript:"))
        #expect(clean.contains("id=\"node-1\""))
    }

    @Test func recordOfAnotherPlanIsRefused() async throws {
        let file = PlanFixtures.small()
        var record = RunFixtures.simulate(file)
        record.fingerprint = String(repeating: "0", count: 64)
        await #expect(throws: ReportError.recordMismatch(recordFingerprint: record.fingerprint, planFingerprint: PlanFixtures.fingerprint)) {
            try await ReportBuilder().render(ReportInput(planFile: file, record: record))
        }
    }

    @Test func givenDiagramIsUsedAsIs() async throws {
        let html = try await ReportBuilder().render(ReportInput(planFile: PlanFixtures.small(),
                                                                diagramSVG: "<svg id=\"given\"><g id=\"node-1\"></g></svg>"))
        #expect(html.contains("<svg id=\"given\">"))
    }

    @Test func contentSecurityPolicyAllowsOnlyTheTemplateScripts() async throws {
        let scripts = ContentSecurityPolicy.inlineScripts(in: ReportTemplate.embedded)
        #expect(scripts.count == 2)
        let html = try await ReportBuilder().render(ReportInput(planFile: PlanFixtures.small()))
        try? html.write(toFile: "/tmp/report-small.html", atomically: true, encoding: .utf8)
        #expect(html.contains("script-src &#39;sha256-")) // an attribute value: the browser reads '
        #expect(html.contains("default-src &#39;none&#39;"))
    }
}

/// A plan whose diagram is over the layout budget still gets its report.
@Suite("Reports of plans too big to draw")
struct OversizedReportTests {
    @Test("The report leaves the diagram out, says why and how to draw a part, and keeps the table")
    func diagramLeftOut() async throws {
        var lines: [String] = []
        for index in 0..<2_500 {
            lines.append("[] -> #\(2 * index + 1) service:s\(index):1, CreateContainer, no existing container")
            lines.append("[\(2 * index + 1)] -> #\(2 * index + 2) service:s\(index):1, StartContainer, service start")
        }
        let file = PlanFixtures.planFile(try Plan(text: lines.joined(separator: "\n")).nodes, project: "huge")
        let html = try await ReportBuilder(collapse: .none).render(ReportInput(planFile: file))
        #expect(html.contains("The diagram is left out: the diagram would have 5000 boxes"))
        #expect(html.contains("--focus SERVICE"))
        // The table's 5,000 rows travel compressed; the page puts them back.
        #expect(!html.contains("<tr data-node=\"5000\""))
        #expect(try InflatedPage.markup(html).contains("<tr data-node=\"5000\""))
        #expect(html.utf8.count < 1_000_000, "\(html.utf8.count) bytes")
    }
}
