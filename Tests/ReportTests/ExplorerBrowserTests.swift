import Foundation
import PlanModel
import Rendering
import Testing
import TestSupport
@testable import Report

/// The report's explorer in headless chromium, driven as a reader would:
/// clicks, key presses and searches over the DevTools protocol, then the
/// DOM read back. Every test also checks that the page threw no error and
/// asked for nothing but its own file. Skipped with a printed reason when
/// chromium is missing, except under CI, where that fails.
///
/// `REPORT_SCREENSHOT_DIR=docs swift test --filter ExplorerBrowserTests`
/// also writes the README's screenshots of the explorer there.
@Suite(.serialized) struct ExplorerBrowserTests {
    /// A report open in a browser.
    final class OpenReport {
        let browser: HeadlessBrowser
        let directory: TemporaryDirectory
        let file: URL
        let html: String

        /// The report of `input` open in chromium, or `nil` (the test is
        /// skipped) when chromium is missing outside CI.
        static func open(_ input: ReportInput, width: Int = 1400, height: Int = 1000) async throws -> OpenReport? {
            guard let chromium = Chromium.required() else { return nil }
            return try await OpenReport(input, chromium: chromium, width: width, height: height)
        }

        private init(_ input: ReportInput, chromium: Chromium, width: Int, height: Int) async throws {
            html = try await ReportBuilder().render(input)
            directory = try TemporaryDirectory(prefix: "explorer")
            file = URL(fileURLWithPath: try directory.write("report.html", html))
            browser = try HeadlessBrowser.launch(executable: chromium.executable, width: width, height: height)
            try browser.open(file)
        }

        deinit {
            browser.close()
            directory.remove()
        }

        func string(_ expression: String) throws -> String { try browser.evaluate(expression) as? String ?? "" }
        func number(_ expression: String) throws -> Double { try browser.evaluate(expression) as? Double ?? .nan }
        func strings(_ expression: String) throws -> [String] { try browser.evaluate(expression) as? [String] ?? [] }
        var view: String { get throws { try string("document.body.getAttribute('data-view')") } }
        var panelTitle: String { get throws { try string("document.getElementById('panel').hidden ? '' : document.getElementById('panel-title').textContent") } }
        /// Ids of the diagram elements with `cls`.
        func elements(with cls: String) throws -> Set<String> {
            Set(try strings("Array.from(document.querySelectorAll('#diagram-canvas .\(cls)')).map(function (e) { return e.id; })"))
        }
        /// The id of the overview box whose label starts with `title`.
        func box(titled title: String) throws -> String {
            try string("""
                (Array.from(document.querySelectorAll('#diagram-canvas g.node')).find(function (g) {
                  var t = g.querySelector('text'); return t && t.textContent === \(HeadlessBrowser.javaScriptString(title)); }) || {}).id || ''
                """)
        }

        /// No JavaScript error, nothing fetched but the report itself.
        func expectClean(sourceLocation: SourceLocation = #_sourceLocation) throws {
            #expect(browser.pageErrors.isEmpty, "\(browser.pageErrors)", sourceLocation: sourceLocation)
            #expect(try string("document.getElementById('report-errors').textContent") == "", sourceLocation: sourceLocation)
            let elsewhere = browser.requestedURLs.filter { $0 != file.absoluteString }
            #expect(elsewhere.isEmpty, "the page fetched \(elsewhere)", sourceLocation: sourceLocation)
        }

        func screenshot(_ name: String) throws {
            guard let directory = ProcessInfo.processInfo.environment["REPORT_SCREENSHOT_DIR"] else { return }
            try browser.screenshot(of: "#diagram").write(to: URL(fileURLWithPath: directory).appendingPathComponent(name))
        }
    }

    /// The plan's nodes in execution order before a run: by wave, then id.
    static func executionOrder(_ plan: Plan) -> [Int] {
        let waves = PlanAnalysis.waves(of: plan)
        return plan.nodes.map(\.id).sorted { (waves[$0]!, $0) < (waves[$1]!, $1) }
    }

    static func title(_ node: PlanNode) -> String { "#\(node.id) \(node.type.name) \(node.resource)" }

    @Test func overviewOpensAndServicesExpandIntoTheirOperations() async throws {
        let file = PlanFixtures.shop()
        guard let page = try await OpenReport.open(ReportInput(planFile: file)) else { return }
        try page.expectClean()
        #expect(try page.view == "main")
        #expect(try page.string("document.getElementById('explorer-title').textContent") == "overview: one box per service")
        // One box per service (db, cache, api, worker, web), the orphans, the network and the volume.
        let overview = try DiagramGraph(plan: file.plan, options: RenderOptions(collapse: .services))
        #expect(overview.nodes.count == 8)
        #expect(try page.number("document.querySelectorAll('#diagram-canvas g.node[data-plan-nodes]').length") == 8)
        #expect(try page.string("document.getElementById('diagram-canvas').textContent").contains("24 operations"))

        // A click on the web box shows web's operations, as Graphviz laid them out when the report was written.
        let web = try page.box(titled: "service web")
        try page.browser.click("#\(web)")
        try page.browser.waitUntil("document.body.getAttribute('data-view') === \(HeadlessBrowser.javaScriptString(web))")
        #expect(try page.string("document.getElementById('explorer-title').textContent") == "service web")
        let expected = try DiagramGraph(plan: file.plan, options: RenderOptions(
            collapse: .auto, expandedUnit: .service("web"), autoCollapseThreshold: ExplorerViews.expansionFoldThreshold, showsLegend: false))
        let drawn = try page.strings("Array.from(document.querySelectorAll('#diagram-canvas g.node[data-plan-nodes]')).map(function (g) { return g.id; })")
        #expect(Set(drawn) == Set(expected.nodes.map(\.id)))
        // Every web operation is in a box of the expansion; the API it waits for is one dashed box.
        let covered = try page.strings("Array.from(document.querySelectorAll('#diagram-canvas [data-plan-nodes]')).map(function (g) { return g.getAttribute('data-plan-nodes'); }).join(' ').split(' ')")
        let webIDs = file.plan.nodes.filter { $0.serviceName == "web" }.map { String($0.id) }
        #expect(Set(webIDs).isSubset(of: Set(covered)))
        #expect(drawn.contains { $0.hasPrefix("hidden-service-api") })

        // The dashed box of the API leads to the API's expansion; Escape back to the overview.
        try page.browser.click("#\(drawn.first { $0.hasPrefix("hidden-service-api") }!)")
        try page.browser.waitUntil("document.getElementById('explorer-title').textContent === 'service api'")
        #expect(try page.number("document.querySelectorAll('#diagram-canvas g.node[data-plan-nodes]').length")
            == Double(try DiagramGraph(plan: file.plan, options: RenderOptions(
                collapse: .auto, expandedUnit: .service("api"), autoCollapseThreshold: ExplorerViews.expansionFoldThreshold,
                showsLegend: false)).nodes.count))
        try page.browser.press("Escape")
        try page.browser.waitUntil("document.body.getAttribute('data-view') === 'main'")
        #expect(try page.number("document.querySelectorAll('#diagram-canvas g.node[data-plan-nodes]').length") == 8)
        try page.screenshot("explorer-overview.png")
        try page.expectClean()
    }

    @Test func keysStepThroughExecutionOrderAndThePanelShowsEachNode() async throws {
        let file = PlanFixtures.shop()
        guard let page = try await OpenReport.open(ReportInput(planFile: file)) else { return }
        let order = Self.executionOrder(file.plan)
        let critical = Set(PlanAnalysis.criticalPath(of: file.plan) { _ in 1 }.nodes)
        for step in 0..<14 {
            try page.browser.press(step.isMultiple(of: 2) ? "ArrowRight" : "j")
            let node = file.plan.node(order[step])!
            try page.browser.waitUntil("document.getElementById('panel-title').textContent === \(HeadlessBrowser.javaScriptString(Self.title(node)))")
            // The diagram shows the node where it is drawn on its own: its service's expansion, else the overview.
            let home = node.serviceName.map { "service \($0)" } ?? "overview: one box per service"
            try page.browser.waitUntil("document.getElementById('explorer-title').textContent === \(HeadlessBrowser.javaScriptString(home))")
            let selected = try page.elements(with: "selected")
            #expect(selected.count == 1, "step \(step): \(selected)")
            let holds = try page.string("(document.querySelector('#diagram-canvas .selected') || { getAttribute: function () { return ''; } }).getAttribute('data-plan-nodes')")
            #expect(holds.split(separator: " ").contains(Substring(String(node.id))), "step \(step)")
            let panel = try page.string("document.getElementById('panel-body').textContent")
            #expect(panel.contains(node.cause))
            #expect(panel.contains(critical.contains(node.id) ? "step " : "not on it"), "critical path of #\(node.id)")
            #expect(try page.number("document.querySelectorAll('#panel .links')[0].querySelectorAll('button').length") == Double(node.dependsOn.count))
        }
        try page.browser.press("ArrowLeft")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent === \(HeadlessBrowser.javaScriptString(Self.title(file.plan.node(order[12])!)))")

        // A dependency (or, for a node that waits for nothing, a dependent) in the panel is a link to that node.
        let node = file.plan.node(order[12])!
        let link = node.dependsOn.max() ?? file.plan.graph.dependentIDs(of: node.id).min()!
        try page.browser.click("#panel [data-go='\(link)']")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent === \(HeadlessBrowser.javaScriptString(Self.title(file.plan.node(link)!)))")

        // Escape closes the panel, then goes back to the overview.
        try page.browser.press("Escape")
        #expect(try page.panelTitle == "")
        try page.browser.press("Escape")
        try page.browser.waitUntil("document.body.getAttribute('data-view') === 'main'")
        try page.expectClean()
    }

    @Test func selectionHighlightsEverythingUpstreamAndDownstream() async throws {
        let file = try PlanFixtures.drifted()
        guard let page = try await OpenReport.open(ReportInput(planFile: file)) else { return }
        #expect(try page.string("document.getElementById('explorer-title').textContent") == "every operation")
        let graph = file.plan.graph
        for id in [11, 19, 1] {
            try page.browser.click("#plan-table tr[data-node='\(id)']")
            try page.browser.waitUntil("document.getElementById('panel-title').textContent.indexOf('#\(id) ') === 0")
            let position = graph.position(of: id)!
            let up = Set(graph.upstream(of: [position]).map { "node-\(graph.ids[$0])" })
            let down = Set(graph.downstream(of: [position]).map { "node-\(graph.ids[$0])" })
            #expect(!up.isEmpty || !down.isEmpty)
            #expect(try page.elements(with: "node.hl-up") == up, "upstream of #\(id)")
            #expect(try page.elements(with: "node.hl-down") == down, "downstream of #\(id)")
            #expect(try page.elements(with: "node.selected") == ["node-\(id)"])
            let others = Set(file.plan.nodes.map { "node-\($0.id)" }).subtracting(up).subtracting(down).subtracting(["node-\(id)"])
            #expect(try page.elements(with: "node.dim") == others)
            // An arrow is lit when both its ends are on the same side of the selection.
            let selected = "node-\(id)"
            var upEdges: Set<String> = [], downEdges: Set<String> = []
            for node in file.plan.nodes {
                for dependency in node.dependsOn {
                    let from = "node-\(dependency)", to = "node-\(node.id)"
                    let edge = DiagramEdge(from: from, to: to).id
                    if up.union([selected]).isSuperset(of: [from, to]) { upEdges.insert(edge) }
                    if down.union([selected]).isSuperset(of: [from, to]) { downEdges.insert(edge) }
                }
            }
            #expect(try page.elements(with: "edge.hl-up") == upEdges)
            #expect(try page.elements(with: "edge.hl-down") == downEdges)
        }
        // Without tracing, only the selection stands out.
        try page.browser.click("#explorer-trace")
        #expect(try page.elements(with: "hl-up").isEmpty && page.elements(with: "dim").isEmpty)
        #expect(try page.elements(with: "node.selected") == ["node-1"])
        try page.expectClean()
    }

    @Test func searchJumpsToAServiceAResourceOrANodeID() async throws {
        let file = PlanFixtures.shop()
        guard let page = try await OpenReport.open(ReportInput(planFile: file)) else { return }
        func search(_ text: String) throws {
            _ = try page.browser.evaluate("document.getElementById('explorer-search').value = ''")
            try page.browser.click("#explorer-search")
            try page.browser.type(text)
            try page.browser.press("Enter")
        }
        let order = Self.executionOrder(file.plan)
        let api = order.filter { file.plan.node($0)!.serviceName == "api" }
        try search("api")
        try page.browser.waitUntil("document.getElementById('explorer-title').textContent === 'service api'")
        #expect(try page.panelTitle == Self.title(file.plan.node(api[0])!))
        #expect(try page.string("document.getElementById('explorer-status').textContent") == "1 of \(api.count) matches (Enter for the next)")
        try page.browser.press("Enter")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent === \(HeadlessBrowser.javaScriptString(Self.title(file.plan.node(api[1])!)))")

        try search("#7")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent.indexOf('#7 ') === 0")
        try search("volume:pgdata")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent === '#2 CreateVolume volume:pgdata'")
        try page.browser.waitUntil("document.body.getAttribute('data-view') === 'main'")
        try search("legacy")
        try page.browser.waitUntil("document.getElementById('explorer-title').textContent === 'orphans'")
        try search("no such thing")
        #expect(try page.string("document.getElementById('explorer-status').textContent") == "nothing matches “no such thing”")
        // The slash key puts the cursor in the search box.
        _ = try page.browser.evaluate("document.activeElement.blur()")
        try page.browser.press("/")
        #expect(try page.string("document.activeElement.id") == "explorer-search")
        try page.expectClean()
    }

    @Test func theMinimapShowsAndMovesTheView() async throws {
        let file = PlanFixtures.shop()
        guard let page = try await OpenReport.open(ReportInput(planFile: file)) else { return }
        let box = try page.strings("(function () { var s = document.querySelector('#diagram-canvas svg').viewBox.baseVal; return [String(s.width), String(s.height)]; })()")
            .compactMap(Double.init)
        #expect(box.count == 2)
        for _ in 0..<6 { try page.browser.press("+") }
        #expect(try page.string("String(document.getElementById('minimap').hidden)") == "false")
        let shown = try page.number("document.getElementById('minimap-view').width.baseVal.value")
        #expect(shown > 0 && shown < box[0])
        // A click on the minimap centres the view there.
        _ = try page.browser.evaluate("document.getElementById('minimap').scrollIntoView({ block: 'center' })")
        let target = try page.strings("""
            (function () { var r = document.getElementById('minimap-svg').getBoundingClientRect();
              return [String(r.left + r.width * 0.8), String(r.top + r.height * 0.5)]; })()
            """).compactMap(Double.init)
        let point = try page.strings("""
            (function () { var m = document.getElementById('minimap-svg'), p = m.createSVGPoint(); p.x = \(target[0]); p.y = \(target[1]);
              p = p.matrixTransform(m.getScreenCTM().inverse()); return [String(p.x), String(p.y)]; })()
            """).compactMap(Double.init)
        try page.browser.click(x: target[0], y: target[1])
        let centre = try page.strings("""
            (function () { var r = document.getElementById('minimap-view');
              return [String(r.x.baseVal.value + r.width.baseVal.value / 2), String(r.y.baseVal.value + r.height.baseVal.value / 2)]; })()
            """).compactMap(Double.init)
        #expect(abs(centre[0] - point[0]) < box[0] * 0.02 && abs(centre[1] - point[1]) < box[1] * 0.02, "\(centre) vs \(point)")
        try page.browser.press("0")
        #expect(try page.string("String(document.getElementById('minimap').hidden)") == "true")
        try page.expectClean()
    }

    /// What a node was doing at `t` seconds into the run.
    static func state(_ entry: ExecutionRecord.NodeRecord?, at t: Double) -> String {
        guard let entry, let start = entry.start, t >= start else { return "waiting" }
        if t < start + (entry.duration ?? 0) { return "running" }
        return entry.status == .failed ? "failed" : "done"
    }

    @Test func replayShowsTheDiagramAsItWasAtAMoment() async throws {
        let file = PlanFixtures.shop()
        let record = RunFixtures.simulate(file, parallelism: 6)
        guard let page = try await OpenReport.open(ReportInput(planFile: file, record: record)) else { return }
        #expect(try page.string("document.body.getAttribute('data-replay') || 'off'") == "off")
        let data = try InflatedPage.dataJSON(page.html)
        let boxes = (data["main"] as? [String: Any])?["nodes"] as? [String: [Int]] ?? [:]
        #expect(boxes.count == 8)
        func check(sourceLocation: SourceLocation = #_sourceLocation) throws {
            let t = Double(try page.string("document.body.getAttribute('data-replay')")) ?? .nan
            #expect(t >= 0 && t <= record.duration, sourceLocation: sourceLocation)
            var counts = ["done": 0, "running": 0, "waiting": 0, "failed": 0]
            for node in file.plan.nodes { counts[Self.state(record.node(node.id), at: t), default: 0] += 1 }
            let expected = String(format: "at %.3f s: %d done, %d running, %d waiting", t, counts["done"]!, counts["running"]!, counts["waiting"]!)
            #expect(try page.string("document.getElementById('replay-time').textContent") == expected, sourceLocation: sourceLocation)
            for (box, ids) in boxes {
                let states = ids.map { Self.state(record.node($0), at: t) }
                let aggregate = states.contains("running") ? "running" : states.contains("failed") ? "failed"
                    : states.allSatisfy { $0 == "done" } ? "done" : states.contains("done") ? "partial" : "waiting"
                #expect(try page.string("document.getElementById('\(box)').getAttribute('class')").contains("rp-\(aggregate)"),
                        "\(box) at \(t) s", sourceLocation: sourceLocation)
            }
            let future = Set(record.nodes.filter { ($0.start ?? 0) > t }.map { "bar-\($0.id)" })
            #expect(Set(try page.strings("Array.from(document.querySelectorAll('.bar.rp-future')).map(function (b) { return b.id; })")) == future,
                    sourceLocation: sourceLocation)
            let origin = Double(try page.string("document.getElementById('timeline-svg').getAttribute('data-origin')"))!
            let scale = Double(try page.string("document.getElementById('timeline-svg').getAttribute('data-scale')"))!
            #expect(abs(try page.number("document.getElementById('timeline-cursor').x1.baseVal.value") - (origin + t * scale)) < 0.5,
                    sourceLocation: sourceLocation)
        }
        // The slider, a third of the way.
        let slider = try page.strings("""
            (function () { var r = document.getElementById('replay').getBoundingClientRect();
              return [String(r.left + r.width / 3), String(r.top + r.height / 2)]; })()
            """).compactMap(Double.init)
        _ = try page.browser.evaluate("document.getElementById('replay').scrollIntoView({ block: 'center' })")
        let moved = try page.strings("""
            (function () { var r = document.getElementById('replay').getBoundingClientRect();
              return [String(r.left + r.width / 3), String(r.top + r.height / 2)]; })()
            """).compactMap(Double.init)
        #expect(slider.count == 2)
        try page.browser.click(x: moved[0], y: moved[1])
        try page.browser.waitUntil("document.body.getAttribute('data-replay') !== null && document.body.getAttribute('data-replay') !== 'off'")
        try check()
        let states = try page.elements(with: "rp-done").count + page.elements(with: "rp-partial").count
        #expect(states > 0)
        try page.screenshot("explorer-replay.png")

        // Dragging on the timeline's time axis scrubs too.
        _ = try page.browser.evaluate("document.getElementById('timeline').scrollIntoView()")
        let band = try page.strings("""
            (function () { var r = document.querySelector('#timeline-svg .axis-band').getBoundingClientRect();
              return [String(r.left + r.width * 0.7), String(r.top + r.height / 2)]; })()
            """).compactMap(Double.init)
        let before = try page.string("document.body.getAttribute('data-replay')")
        try page.browser.click(x: band[0], y: band[1])
        try page.browser.waitUntil("document.body.getAttribute('data-replay') !== \(HeadlessBrowser.javaScriptString(before))")
        try check()
        try page.expectClean()
    }

    @Test func anExpandedServiceAfterARunAndNothingOverflows() async throws {
        let file = PlanFixtures.shop()
        let record = RunFixtures.simulate(file, parallelism: 6)
        guard let page = try await OpenReport.open(ReportInput(planFile: file, record: record)) else { return }
        let api = try page.box(titled: "service api")
        try page.browser.click("#\(api)")
        try page.browser.waitUntil("document.getElementById('explorer-title').textContent === 'service api'")
        let first = file.plan.nodes.first { $0.serviceName == "api" }!
        try page.browser.click("#node-\(first.id)")
        try page.browser.waitUntil("document.getElementById('panel-title').textContent === \(HeadlessBrowser.javaScriptString(Self.title(first)))")
        let entry = record.node(first.id)!
        #expect(try page.string("document.getElementById('panel-body').textContent")
            .contains(String(format: "started at %.3f s, took %.3f s", entry.start!, entry.duration!)))
        try page.screenshot("explorer-expanded.png")
        // No scrollbar where the content fits: the timeline and the table of a 106-node run.
        for id in ["timeline-scroll", "table-scroll"] {
            _ = try page.browser.evaluate("document.getElementById('\(id)').scrollIntoView()")
            #expect(try page.number("document.getElementById('\(id)').clientWidth") > 600)
            let overflow = try page.number("(function (e) { return e.scrollWidth - e.clientWidth; })(document.getElementById('\(id)'))")
            #expect(overflow <= 0, "\(id) overflows by \(overflow) px")
        }
        try page.expectClean()
    }

    /// A 3,000-node report: small, and complete once open (its speed is the `report` benchmark's).
    @Test func aLargeReportIsSmallAndComplete() async throws {
        let file = PlanFixtures.large()
        #expect(file.nodes.count == 3000)
        let record = RunFixtures.simulate(file, parallelism: 8)
        guard let page = try await OpenReport.open(ReportInput(planFile: file, record: record)) else { return }
        #expect(page.html.utf8.count < 2_000_000, "\(page.html.utf8.count) bytes")
        #expect(page.html.contains("Folded: \(file.nodes.count) operations drawn as"))
        let rows = Set(try page.strings("Array.from(document.querySelectorAll('#plan-table tbody tr')).map(function (r) { return r.getAttribute('data-node'); })"))
        #expect(rows == Set(file.plan.nodes.map { String($0.id) }))
        // Every part put back in place: 3,000 rows and bars.
        #expect(try page.number("document.querySelectorAll('#timeline-svg .bar').length") == Double(record.nodes.filter { $0.start != nil }.count))
        #expect(try page.number("document.querySelectorAll('template.deferred').length") == 0)
        let svc = try page.box(titled: "service svc3")
        try page.browser.click("#\(svc)")
        try page.browser.waitUntil("document.getElementById('explorer-title').textContent === 'service svc3'")
        try page.expectClean()
    }
}
