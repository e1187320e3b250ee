import Foundation
import PlanModel
import Rendering

/// The JSON the report's script reads (from a `<script type="application/json">`
/// element): per node the facts the side panel shows and the replay needs,
/// the critical path, and for the main diagram and each expansion which
/// diagram element stands for which plan nodes (a folded box stands for
/// several) and which elements each arrow joins.
struct ReportData: Encodable {
    struct Node: Encodable {
        var id: Int
        var type: String
        /// The operation's colour class (`create`, `replace`, …).
        var kind: String
        var resource: String
        var cause: String
        var group: String?
        /// The report's grouping (the service, `networks`, …), for the search.
        var service: String
        var dependsOn: [Int]
        var dependents: [Int]
        var wave: Int
        var status: String?
        /// Seconds from the start of the run to the node's start.
        var start: Double?
        var duration: Double?
        var error: String?
        /// What differs, one line per field (`plan --explain`'s lines).
        var changes: [String]?
    }

    /// One drawn diagram: its element ids mapped to plan nodes and arrows
    /// mapped to the elements they join; for an expansion, its title and
    /// its sanitized SVG.
    struct View: Encodable {
        var title: String
        /// Diagram element id (`node-5`) → the plan node ids it stands for.
        var nodes: [String: [Int]]
        /// Arrow id (`edge-3-5`) → [element it leaves, element it enters].
        var edges: [String: [String]]
        var svg: String?

        init(title: String, diagram: DiagramGraph?, svg: String? = nil) {
            self.title = title
            var nodes: [String: [Int]] = [:]
            for node in diagram?.nodes ?? [] where !node.planNodeIDs.isEmpty { nodes[node.id] = node.planNodeIDs }
            self.nodes = nodes
            var edges: [String: [String]] = [:]
            for edge in diagram?.edges ?? [] { edges[edge.id] = [edge.from, edge.to] }
            self.edges = edges
            self.svg = svg
        }
    }

    var nodes: [Node]
    /// The main diagram (the overview, or every node).
    var main: View
    /// Expansions of the overview's service boxes, keyed by box id.
    var expansions: [String: View]
    /// The critical path, in order: the chain that decided when the run
    /// ended, or, for a plan not run yet, its longest chain of operations.
    var critical: [Int]
    /// What ``critical`` means, for the side panel.
    var criticalMeaning: String
    /// The run's length in seconds (the replay's end), when there is a run.
    var runSeconds: Double?

    /// The JSON, safe to place inside a `<script>` element. Past
    /// ``DeferredMarkup/threshold`` bytes it travels compressed, as
    /// `{"gz": BASE64}`, which the page inflates before it starts.
    func scriptSafeJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{\"nodes\":[],\"main\":{\"title\":\"\",\"nodes\":{},\"edges\":{}},\"expansions\":{}}".utf8)
        let json = MarkupEscaping.scriptSafeJSON(String(decoding: data, as: UTF8.self))
        if json.utf8.count > DeferredMarkup.threshold, let packed = try? CompressedText.encode(json) {
            return "{\"gz\":\"\(packed)\"}"
        }
        return json
    }
}
