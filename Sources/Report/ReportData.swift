import Foundation
import PlanModel

/// The JSON the report's script reads (from a `<script type="application/json">`
/// element): per node the facts the selection panel shows, and which diagram
/// element stands for which plan nodes (a folded box stands for several).
struct ReportData: Encodable {
    struct Node: Encodable {
        var id: Int
        var type: String
        var resource: String
        var cause: String
        var group: String?
        var dependsOn: [Int]
        var dependents: [Int]
        var wave: Int
        var status: String?
        var duration: Double?
        var error: String?
        /// What differs, one line per field (`plan --explain`'s lines).
        var changes: [String]?
    }

    var nodes: [Node]
    /// Diagram element id (`node-5`) → the plan node ids it stands for.
    var diagram: [String: [Int]]

    /// The JSON, safe to place inside a `<script>` element.
    func scriptSafeJSON() -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let data = (try? encoder.encode(self)) ?? Data("{\"nodes\":[],\"diagram\":{}}".utf8)
        return MarkupEscaping.scriptSafeJSON(String(decoding: data, as: UTF8.self))
    }
}
