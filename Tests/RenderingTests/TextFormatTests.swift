import ComposeModel
import Foundation
import PlanModel
@testable import Rendering
import Testing

@Suite("Mermaid and Markdown")
struct TextFormatTests {
    @Test("Mermaid: one declaration per node, one arrow per edge, balanced subgraphs", arguments: Fixtures.names)
    func mermaidStructure(name: String) throws {
        let plan = Fixtures.plan(name)
        let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: .none, projectName: name))
        let text = MermaidWriter.flowchart(for: diagram)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.prefix(4).last == "flowchart LR")
        let declaration = /^\s+(n\d+)(\[\[|\[\/|\[\\|\(\[|\[\(|\{\{|\[|>|\()"[^"]*"(\]\]|\/\]|\\\]|\]\)|\)\]|\}\}|\]|\))$/
        let declared = lines.compactMap { try? declaration.firstMatch(in: $0)?.1 }.map(String.init)
        #expect(declared.sorted() == plan.nodes.map { "n\($0.id)" }.sorted())
        let arrows = lines.filter { $0.contains(" --> ") || $0.contains(" -.-> ") }
        #expect(arrows.count == dependencyCount(plan))
        let opened = lines.filter { $0.trimmingCharacters(in: .whitespaces).hasPrefix("subgraph ") }.count
        let closed = lines.filter { $0.trimmingCharacters(in: .whitespaces) == "end" }.count
        #expect(opened == closed)
        #expect(opened == diagram.allClusters.count)
    }

    @Test func mermaidEscapesHostileText() throws {
        let text = try MermaidWriter.flowchart(for: PlanFixtures.hostile)
        #expect(!text.contains("<script>"))
        #expect(!text.contains("hunter2"))
        #expect(text.contains("#lt;script#gt;alert(#quot;x#quot;)#lt;/script#gt;"))
        #expect(text.contains("#96;tick#96;"))
        // Outside the front matter, every quote opens or closes a label.
        for line in text.split(separator: "\n").dropFirst(3) where line.contains("\"") {
            #expect(line.filter { $0 == "\"" }.count % 2 == 0)
        }
    }

    @Test("Pulls: their own shape in Mermaid, their own cluster in the diagram, listed under images in Markdown")
    func pulls() throws {
        let plan = PlanFixtures.imagePull
        let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: .none, projectName: "shop"))
        let mermaid = MermaidWriter.flowchart(for: diagram)
        #expect(mermaid.contains("n1(\"#35;1 PullImage<br/>image:127.0.0.1:5000/shop/api:2<br/>not present\")"), "\(mermaid)")
        let images = try #require(diagram.allClusters.first { $0.role == .images })
        #expect(images.label == "images")
        let markdown = try MarkdownSummary.markdown(for: plan, options: RenderOptions(projectName: "shop"))
        #expect(markdown.contains("| PullImage | 1 |"), "\(markdown)")
        #expect(markdown.contains("**images** (1)"), "\(markdown)")
        #expect(markdown.contains("- `#1` PullImage `image:127.0.0.1:5000/shop/api:2`: not present"), "\(markdown)")
        #expect(markdown.contains("pull image (violet, rounded)"))
    }

    @Test("A build's tooltip names its context and Dockerfile; a pull's its registry digest and the bytes it downloaded")
    func imageTooltips() throws {
        var service = ServiceConfig(name: "api")
        service.build = ["context": "/srv/shop/api", "dockerfile": "Dockerfile.prod", "target": "final"]
        let build = PlanNode(id: 1, type: .buildImage, resource: .image(reference: "shop-api"), cause: "not present",
                             details: OperationDetails(service: "api", serviceConfig: service))
        let lines = NodeText.tooltip(of: build, dependents: [2], record: nil)
        #expect(lines.contains("context: /srv/shop/api"))
        #expect(lines.contains("dockerfile: Dockerfile.prod"))
        #expect(lines.contains("target: final"))
        let pull = PlanNode(id: 2, type: .pullImage, resource: .image(reference: "redis:7"), cause: "not present",
                            details: OperationDetails(digest: "sha256:abc"))
        let pulled = NodeText.tooltip(of: pull, dependents: [], record: ExecutionRecord.NodeRecord(
            id: 2, status: .succeeded, start: 0, end: 1.5, bytes: 31_400_000))
        #expect(pulled.contains("registry digest: sha256:abc"))
        #expect(pulled.contains("bytes: 31.4 MB"))
    }

    @Test func mermaidOfEmptyPlan() throws {
        let text = try MermaidWriter.flowchart(for: Plan())
        #expect(text.contains("nothing[\"Nothing to do<br/>"))
    }

    @Test func markdownSummary() throws {
        let plan = PlanFixtures.recreate
        let text = try MarkdownSummary.markdown(for: Plan(nodes: plan.nodes, warnings: ["volume <data> kept"]),
                                                options: RenderOptions(projectName: "shop"))
        #expect(text.contains("### composeplan: plan for `shop`"))
        #expect(text.contains("**7 operations**"))
        #expect(text.contains("| StopContainer | 2 |"))
        #expect(text.contains("**service `web`** (5)"))
        #expect(text.contains("- `#3` StopContainer `service:web:1`: replaced by `#2` (`recreate:web:1`)"))
        #expect(text.contains("- volume \\<data\\> kept"))
        #expect(text.contains("```mermaid\n---\ntitle:"))
        #expect(text.hasSuffix("\n"))
    }

    @Test func markdownOfLargeAndEmptyPlans() throws {
        let large = try MarkdownSummary.markdown(for: GeneratedPlans.plan(nodeCount: 3000))
        #expect(large.contains(" × CreateContainer: no existing container (`"))
        #expect(large.utf8.count < 65_000)
        let empty = try MarkdownSummary.markdown(for: Plan())
        #expect(empty.contains("**Nothing to do**"))
        #expect(!empty.contains("```mermaid"))
    }

    @Test func markdownEscapesHostileText() throws {
        let text = try MarkdownSummary.markdown(for: PlanFixtures.hostile)
        #expect(!text.contains("hunter2"))
        // Raw markup only inside code spans, where Markdown shows it as text.
        let changes = text.components(separatedBy: "#### Diagram")[0]
        #expect(removingCodeSpans(changes).firstMatch(of: /(^|[^\\])</) == nil)
        #expect(text.contains("service `<script>alert(\"x\")</script>`"))
        #expect(text.contains("not found \\& \\<b\\>bold\\<\\/b\\>"))
        #expect(text.contains("\\`tick\\` \\&amp\\; \\&`#0`\\; \u{FFFD}ctl"))
    }
}

/// `text` without its Markdown code spans (a run of n backticks up to the
/// next run of exactly n backticks).
func removingCodeSpans(_ text: String) -> String {
    let characters = Array(text)
    var result = ""
    var index = 0
    func run(at start: Int) -> Int {
        var end = start
        while end < characters.count, characters[end] == "`" { end += 1 }
        return end - start
    }
    outer: while index < characters.count {
        if characters[index] == "\\", index + 1 < characters.count {
            result.append(characters[index])
            result.append(characters[index + 1])
            index += 2
            continue
        }
        guard characters[index] == "`" else {
            result.append(characters[index])
            index += 1
            continue
        }
        let opening = run(at: index)
        var search = index + opening
        while search < characters.count {
            if characters[search] == "`" {
                let closing = run(at: search)
                if closing == opening {
                    index = search + closing
                    continue outer
                }
                search += closing
            } else {
                search += 1
            }
        }
        result.append(contentsOf: characters[index..<index + opening])
        index += opening
    }
    return result
}
