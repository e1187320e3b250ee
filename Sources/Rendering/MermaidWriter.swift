import PlanModel

/// Writes a plan as a Mermaid flowchart (`plan --format mermaid`, and the
/// diagram of ``MarkdownSummary``) with the same nodes, edges, clusters,
/// focus and folding as the Graphviz diagram.
///
/// Node ids are `n<plan id>` (`h1`, `h2`, … for nodes outside a focus);
/// labels are quoted and entity-coded (``MermaidText``); colours come from
/// ``DiagramPalette`` through `classDef`s.
public enum MermaidWriter {
    /// The flowchart of `plan` (``RenderOptions/format`` is ignored).
    public static func flowchart(for plan: Plan, options: RenderOptions = RenderOptions()) throws(RenderingError) -> String {
        flowchart(for: try DiagramGraph(plan: plan, options: options))
    }

    /// The flowchart of an already built diagram.
    public static func flowchart(for diagram: DiagramGraph) -> String {
        let ids = mermaidIDs(diagram)
        let byID = Dictionary(uniqueKeysWithValues: diagram.nodes.map { ($0.id, $0) })
        // The front-matter title is one line: the project, then the rest.
        let title = ([diagram.title.first ?? "Plan"] + [diagram.title.dropFirst().joined(separator: " · ")])
            .filter { !$0.isEmpty }.joined(separator: " — ")
        var lines = ["---", "title: " + MermaidText.yamlQuoted(title), "---", "flowchart LR"]

        var clustered: Set<String> = []
        var clusterNumber = 0
        func write(_ cluster: DiagramCluster, depth: Int) {
            clusterNumber += 1
            let indent = String(repeating: "  ", count: depth)
            lines.append("\(indent)subgraph c\(clusterNumber)[\(MermaidText.quoted([cluster.label]))]")
            for id in cluster.nodeIDs {
                guard let node = byID[id] else { continue }
                clustered.insert(id)
                lines.append(indent + "  " + declaration(node, id: ids[id]!))
            }
            for subcluster in cluster.subclusters { write(subcluster, depth: depth + 1) }
            lines.append("\(indent)end")
        }
        diagram.clusters.forEach { write($0, depth: 1) }
        for node in diagram.nodes where !clustered.contains(node.id) {
            lines.append("  " + declaration(node, id: ids[node.id]!))
        }
        for edge in diagram.edges {
            guard let from = ids[edge.from], let to = ids[edge.to] else { continue }
            let arrow = edge.touchesHidden ? "-.->" : "-->"
            let count = edge.dependencyCount > 1 ? "|\(MermaidText.quoted(["×\(edge.dependencyCount)"]))|" : ""
            lines.append("  \(from) \(arrow)\(count) \(to)")
        }
        lines.append(contentsOf: classLines(diagram, ids: ids))
        return lines.joined(separator: "\n") + "\n"
    }

    /// The declaration of a node: id, shape and quoted label.
    static func declaration(_ node: DiagramNode, id: String) -> String {
        let label = MermaidText.quoted(node.label)
        switch node.content {
        case .operation(let kind):
            switch kind {
            case .create, .remove: return "\(id)[\(label)]"
            case .replace: return "\(id)[[\(label)]]"
            case .start: return "\(id)>\(label)]"
            case .stop: return "\(id){{\(label)}}"
            case .rename: return "\(id)[/\(label)\\]"
            case .connect: return "\(id)[/\(label)/]"
            case .disconnect: return "\(id)[\\\(label)\\]"
            case .wait: return "\(id)([\(label)])"
            case .hook: return "\(id)[(\(label))]"
            case .pull: return "\(id)(\(label))"
            case .build: return "\(id)[\\\(label)/]"
            case .update: return "\(id)(((\(label))))"
            }
        case .folded, .hidden: return "\(id)[\(label)]"
        case .nothingToDo: return "\(id)[\(label)]"
        }
    }

    /// Mermaid-safe ids: `n12` for `node-12`, `h1`… for hidden summaries.
    static func mermaidIDs(_ diagram: DiagramGraph) -> [String: String] {
        var ids: [String: String] = [:]
        var registry = IdentifierRegistry()
        var hidden = 0
        for node in diagram.nodes {
            let base: String
            switch node.content {
            case .hidden:
                hidden += 1
                base = "h\(hidden)"
            case .nothingToDo:
                base = "nothing"
            default:
                base = node.id.hasPrefix("node-") ? "n" + node.id.dropFirst(5).replacingOccurrences(of: "-", with: "_") : "x"
            }
            ids[node.id] = registry.unique(base).replacingOccurrences(of: "-", with: "_")
        }
        return ids
    }

    /// `classDef`s for what the diagram uses and `class` lines assigning them.
    static func classLines(_ diagram: DiagramGraph, ids: [String: String]) -> [String] {
        var members: [String: [String]] = [:]
        var order: [String] = []
        func assign(_ name: String, _ id: String) {
            if members[name] == nil { order.append(name) }
            members[name, default: []].append(id)
        }
        for node in diagram.nodes {
            let id = ids[node.id]!
            if let status = node.status { assign("status_\(status.rawValue)", id); continue }
            switch node.content {
            case .operation(let kind): assign(kind.rawValue, id)
            case .folded(let shares):
                let dominant = shares.max { $0.count < $1.count || ($0.count == $1.count && $0.kind > $1.kind) }
                assign("folded_" + (dominant?.kind.rawValue ?? "create"), id)
            case .hidden: assign("hidden", id)
            case .nothingToDo: assign("nothing", id)
            }
        }
        var lines: [String] = []
        for name in order {
            lines.append("  classDef \(name) \(classStyle(name))")
            lines.append("  class \(members[name]!.joined(separator: ",")) \(name)")
        }
        return lines
    }

    static func classStyle(_ name: String) -> String {
        func css(_ style: NodeStyle, fill: String? = nil, extra: String = "") -> String {
            "fill:\(fill ?? style.fill),stroke:\(style.stroke),color:#212121" + extra
        }
        if name.hasPrefix("status_"), let status = ExecutionRecord.Status(rawValue: String(name.dropFirst(7))) {
            return css(NodeStyle(shape: "box", fill: DiagramPalette.fill(for: status), stroke: "#37474f"))
        }
        if name.hasPrefix("folded_"), let kind = OperationKind(rawValue: String(name.dropFirst(7))) {
            return css(DiagramPalette.style(for: kind), extra: ",stroke-width:3px")
        }
        if let kind = OperationKind(rawValue: name) {
            let style = DiagramPalette.style(for: kind)
            return css(style, extra: style.styleWords.contains("dashed") ? ",stroke-dasharray:4 3" : "")
        }
        if name == "hidden" { return css(DiagramPalette.hidden, extra: ",stroke-dasharray:4 3") }
        return css(DiagramPalette.nothingToDo)
    }
}
