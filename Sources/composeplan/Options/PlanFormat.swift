import ArgumentParser

/// How a plan is printed on standard output (`--format`).
enum PlanFormat: String, ExpressibleByArgument, CaseIterable {
    /// One line per operation (the plan text format).
    case text
    /// The plan file.
    case json
    /// The diagram's Graphviz source.
    case dot
    /// A Mermaid flowchart.
    case mermaid
    /// A summary for a pull-request comment.
    case markdown
}
