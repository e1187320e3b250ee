import PlanModel

/// A plan as Markdown for a pull-request comment (`plan --format
/// markdown`): the counts per operation type, the changes grouped by
/// service with their causes, the warnings, and the Mermaid diagram.
///
/// Services with many nodes list their changes aggregated by operation and
/// cause; a diagram too big for GitHub's Mermaid is left out with a note.
public enum MarkdownSummary {
    /// Services with more nodes than this list aggregated lines.
    static let detailedLimit = 12
    /// GitHub refuses Mermaid diagrams beyond about this many characters or edges.
    static let mermaidCharacterLimit = 40_000
    static let mermaidEdgeLimit = 450

    /// The summary of `plan` (``RenderOptions/format`` is ignored; focus and
    /// collapse apply to the diagram).
    public static func markdown(for plan: Plan, options: RenderOptions = RenderOptions()) throws(RenderingError) -> String {
        let diagram = try DiagramGraph(plan: plan, options: options)
        var lines: [String] = []
        let project = options.projectName.map { " for " + MarkdownText.code($0) } ?? ""
        lines.append("### composeplan: plan\(project)")
        lines.append("")
        guard !plan.nodes.isEmpty else {
            lines.append("**Nothing to do**: the project already matches its compose files.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines.append(contentsOf: countTable(plan))
        lines.append("")
        lines.append("#### Changes")
        lines.append(contentsOf: changes(plan))
        if !plan.warnings.isEmpty {
            lines.append("")
            lines.append("#### Warnings")
            lines.append("")
            lines.append(contentsOf: plan.warnings.map { "- " + MarkdownText.plain($0) })
        }
        lines.append("")
        lines.append("#### Diagram")
        lines.append("")
        let mermaid = MermaidWriter.flowchart(for: diagram)
        if mermaid.count > mermaidCharacterLimit || diagram.edges.count > mermaidEdgeLimit {
            lines.append("_The diagram (\(diagram.nodes.count) boxes, \(diagram.edges.count) arrows) is too large for a comment; "
                + "draw it with_ `composeplan render`_._")
        } else {
            lines.append("```mermaid")
            lines.append(mermaid.hasSuffix("\n") ? String(mermaid.dropLast()) : mermaid)
            lines.append("```")
            lines.append("")
            lines.append("_Shapes: " + OperationKind.allCases.map { "\($0.title) \(shapeWord($0))" }.joined(separator: ", ") + "._")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func countTable(_ plan: Plan) -> [String] {
        var lines = ["**\(plan.nodes.count) operation\(plan.nodes.count == 1 ? "" : "s")**", "", "| Operation | Count |", "| --- | ---: |"]
        for (type, count) in NodeText.counts(plan.nodes) { lines.append("| \(type.name) | \(count) |") }
        return lines
    }

    /// The changes, grouped by cluster in order of first appearance.
    static func changes(_ plan: Plan) -> [String] {
        var order: [PlanPlacement.Unit] = []
        var members: [PlanPlacement.Unit: [PlanNode]] = [:]
        for node in plan.nodes {
            let unit = PlanPlacement(node).unit
            if members[unit] == nil { order.append(unit) }
            members[unit, default: []].append(node)
        }
        var lines: [String] = []
        for unit in order {
            let nodes = members[unit]!
            lines.append("")
            lines.append("**\(heading(unit))** (\(nodes.count))")
            lines.append("")
            if nodes.count <= detailedLimit {
                lines.append(contentsOf: nodes.map(detailLine))
            } else {
                lines.append(contentsOf: aggregatedLines(nodes))
            }
        }
        return lines
    }

    static func detailLine(_ node: PlanNode) -> String {
        var line = "- \(MarkdownText.code("#\(node.id)")) \(node.type.name) \(MarkdownText.code(node.resource)): \(MarkdownText.plain(node.cause))"
        if let group = node.group, !group.isEmpty { line += " (\(MarkdownText.code(group)))" }
        if node.bestEffort { line += " _best-effort_" }
        if node.optional { line += " _optional_" }
        return line
    }

    /// One line per (operation, cause shape), with the node ids.
    static func aggregatedLines(_ nodes: [PlanNode]) -> [String] {
        var order: [String] = []
        var entries: [String: (type: OperationType, cause: String, ids: [Int])] = [:]
        for node in nodes {
            let cause = ReplicaFolding.Step.causeShape(node.cause)
            let key = node.type.rawValue + "\u{0}" + cause
            if entries[key] == nil {
                order.append(key)
                entries[key] = (node.type, cause, [])
            }
            entries[key]!.ids.append(node.id)
        }
        return order.map { key in
            let entry = entries[key]!
            let ids = entry.ids.count <= 6
                ? entry.ids.map { "#\($0)" }.joined(separator: ", ")
                : entry.ids.prefix(3).map { "#\($0)" }.joined(separator: ", ") + ", … #\(entry.ids.last!)"
            return "- \(entry.ids.count) × \(entry.type.name): \(MarkdownText.plain(entry.cause)) (\(MarkdownText.code(ids)))"
        }
    }

    static func heading(_ unit: PlanPlacement.Unit) -> String {
        switch unit {
        case .service(let name): "service " + MarkdownText.code(name)
        default: MarkdownText.plain(NodeText.unitTitle(unit))
        }
    }

    static func shapeWord(_ kind: OperationKind) -> String {
        let colour: String = switch kind {
        case .create: "green"
        case .replace: "orange, double border"
        case .start: "blue flag"
        case .stop: "yellow"
        case .remove: "red"
        case .rename: "purple"
        case .connect: "teal"
        case .disconnect: "grey"
        case .wait: "pink, rounded"
        }
        return "(\(colour))"
    }
}
