/// Why a plan could not be drawn.
public enum RenderingError: Error, Sendable, Hashable, CustomStringConvertible {
    /// `--focus` names a service that no plan node acts on.
    case unknownFocus(service: String, known: [String])
    /// Graphviz has no plugin for the format (a missing `libgvc6` plugin or
    /// plugin registry `config6a`); `message` is Graphviz's own.
    case formatUnavailable(format: String, message: String)
    /// Graphviz found no `dot` layout plugin (plugins load only when their
    /// registry `config6a` exists); `message` is Graphviz's own.
    case layoutUnavailable(message: String)
    /// Graphviz reported an error while building, laying out or drawing the
    /// graph; `message` is Graphviz's own text.
    case graphviz(stage: String, message: String)
    /// The Graphviz context could not be created.
    case contextUnavailable(message: String)
    /// The diagram has more boxes or edges than ``LayoutBudget`` lays out:
    /// the layout would take minutes and gigabytes, and the picture could
    /// not be read anyway.
    case tooLarge(boxes: Int, edges: Int, collapse: CollapseMode)

    public var description: String {
        switch self {
        case .unknownFocus(let service, let known):
            let list = known.isEmpty ? "the plan acts on no service" : "services in the plan: \(known.joined(separator: ", "))"
            return "cannot focus on '\(service)': no operation of the plan acts on it (\(list))"
        case .formatUnavailable(let format, let message):
            return "Graphviz cannot write \(format): \(message.isEmpty ? "no plugin for it" : message) "
                + "(install the Graphviz plugins, Debian package libgvc6; if installed, register them with `dot -c`)"
        case .layoutUnavailable(let message):
            return "Graphviz has no dot layout plugin: \(message.isEmpty ? "not found" : message) "
                + "(install the Graphviz plugins, Debian package libgvc6; if installed, register them with `dot -c`)"
        case .graphviz(let stage, let message):
            return "Graphviz failed to \(stage): \(message.isEmpty ? "unknown error" : message)"
        case .contextUnavailable(let message):
            return "cannot start Graphviz: \(message.isEmpty ? "gvContext failed" : message)"
        case .tooLarge(let boxes, let edges, let collapse):
            let fold = collapse == .services ? "" : ", or fold each service into one box with --collapse services"
            return "the diagram would have \(boxes) boxes and \(edges) edges, more than can be laid out and read "
                + "(at most \(LayoutBudget.maximumBoxes) boxes and \(LayoutBudget.maximumEdges) edges): "
                + "draw one service and its neighbours with --focus SERVICE\(fold)"
        }
    }
}
