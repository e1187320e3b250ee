import Foundation
import PlanModel
@testable import Rendering
import Testing

@Suite("PNG and DOT")
struct PNGAndDOTTests {
    let renderer = PlanRenderer()

    @Test("PNG: signature and sane size", arguments: ["healthy-dependency", "volume-scale-orphans", "hostile", "nginx-flask-mysql"])
    func png(name: String) async throws {
        let data = try await renderer.render(Fixtures.plan(name), options: RenderOptions(format: .png, projectName: name))
        let png = try #require(PNGSummary(data))
        #expect(png.width > 100 && png.width <= 8000)
        #expect(png.height > 50 && png.height <= 8000)
    }

    @Test("PNG: a large diagram is scaled down to the cap")
    func pngCap() async throws {
        let plan = GeneratedPlans.plan(nodeCount: 250)
        let data = try await renderer.render(plan, options: RenderOptions(format: .png, collapse: .none, maximumPNGSide: 1500))
        let png = try #require(PNGSummary(data))
        #expect(max(png.width, png.height) <= 1500)
        #expect(min(png.width, png.height) > 100)
    }

    @Test("DOT reads back (agmemread) to the same nodes, edges and clusters", arguments: Fixtures.names)
    func dotRoundTrip(name: String) async throws {
        let plan = Fixtures.plan(name)
        let options = RenderOptions(format: .dot, collapse: .none, projectName: name)
        let diagram = try DiagramGraph(plan: plan, options: options)
        let data = try await renderer.render(diagram, options: options)
        let dot = try await parseDOT(data)
        let legend = diagram.legend.map(\.id)
        #expect(dot.nodeNames.sorted() == (diagram.nodes.map(\.id) + legend).sorted())
        #expect(dot.edges.sorted() == diagram.edges.map { "\($0.from) -> \($0.to)" }.sorted())
        #expect(dot.edges.count == dependencyCount(plan))
        #expect(Set(dot.subgraphs) == Set(diagram.allClusters.map(\.id) + ["cluster-legend"]))
        for node in diagram.nodes {
            #expect(dot.attributes[node.id]?["label"] == GraphvizText.label(node.label))
            #expect(dot.attributes[node.id]?["id"] == node.id)
        }
        // Cluster attributes survive the root's different values.
        #expect(dot.attributes["<root>"]?["fontsize"] == "15")
        for cluster in diagram.allClusters { #expect(dot.attributes[cluster.id]?["fontsize"] == "11") }
    }

    @Test("DOT of a large plan carries the fast layout settings")
    func largeLayoutSettings() async throws {
        let data = try await renderer.render(GeneratedPlans.plan(nodeCount: 700), options: RenderOptions(format: .dot, collapse: .none))
        let dot = try await parseDOT(data)
        #expect(dot.attributes["<root>"]?["nslimit"] == "1")
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("splines=polyline"))
        #expect(!text.contains("ortho"))
    }

    @Test func hostileDOTReadsBack() async throws {
        let plan = PlanFixtures.hostile
        let data = try await renderer.render(plan, options: RenderOptions(format: .dot, collapse: .none))
        let dot = try await parseDOT(data)
        #expect(dot.nodeNames.filter { $0.hasPrefix("node-") }.count == 3)
        #expect(!String(decoding: data, as: UTF8.self).contains("hunter2"))
        #expect(dot.attributes["node-1"]?["label"]?.contains("network:a&amp;b \"q\" 'x' \\\\N \\\\l") == true)
    }
}
