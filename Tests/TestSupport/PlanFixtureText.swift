import ComposeModel
import PlanModel

extension Plan {
    /// A fixture written in the plan text format (``Plan/init(text:)``),
    /// with what the text cannot hold (operation details, best-effort and
    /// optional flags) set per node id.
    public init(fixture text: String, warnings: [String] = [], nodes changes: [Int: (inout PlanNode) -> Void] = [:]) {
        do {
            try self.init(text: text)
        } catch {
            fatalError("fixture is not plan text: \(error)")
        }
        self.warnings = warnings
        for (id, change) in changes { change(&nodes[id - 1]) }
    }
}
