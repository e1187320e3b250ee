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

    /// GitHub keeps comments under 65,536 characters; the summary stays
    /// below this many bytes, dropping the diagram first, then service lists.
    static let commentLimit = 60_000

    /// The summary of `plan` (``RenderOptions/format`` is ignored; focus and
    /// collapse apply to the diagram).
    public static func markdown(for plan: Plan, options: RenderOptions = RenderOptions()) throws(RenderingError) -> String {
        let diagram = try DiagramGraph(plan: plan, options: options)
        let project = options.projectName.map { " for " + MarkdownText.code($0) } ?? ""
        var head = ["### composeplan: plan\(project)", ""]
        guard !plan.nodes.isEmpty else {
            head.append("**Nothing to do**: the project already matches its compose files.")
            return head.joined(separator: "\n") + "\n"
        }
        head.append(contentsOf: countTable(plan))
        head += ["", "#### Changes"]

        var warnings: [String] = []
        if !plan.warnings.isEmpty {
            warnings = ["", "#### Warnings", ""] + plan.warnings.map { "- " + MarkdownText.plain($0) }
        }
        var picture = ["", "#### Diagram", ""]
        let mermaid = MermaidWriter.flowchart(for: diagram)
        let fitsGitHub = mermaid.utf8.count <= mermaidCharacterLimit && diagram.edges.count <= mermaidEdgeLimit
        let omitted = "_The diagram (\(diagram.nodes.count) boxes, \(diagram.edges.count) arrows) is too large for a comment; "
            + "draw it with_ `composeplan render`_._"
        if fitsGitHub {
            picture += ["```mermaid", String(mermaid.dropLast()), "```", "",
                        "_Shapes: " + OperationKind.allCases.map { "\($0.title) \(shapeWord($0))" }.joined(separator: ", ") + "._"]
        } else {
            picture.append(omitted)
        }

        let sections = changeSections(plan)
        func size(_ lines: [String]) -> Int { lines.reduce(0) { $0 + $1.utf8.count + 1 } }
        let fixed = size(head) + size(warnings)
        var listed = sections.flatMap { $0 }
        if fixed + size(listed) + size(picture) > commentLimit {
            picture = ["", "#### Diagram", "", omitted]
        }
        if fixed + size(listed) + size(picture) > commentLimit {
            listed = []
            let budget = commentLimit - fixed - size(picture) - 200
            var count = 0
            for section in sections where size(listed) + size(section) <= budget {
                listed += section
                count += 1
            }
            listed += ["", "_… and \(sections.count - count) more groups of changes; see_ `composeplan plan`_._"]
        }
        return (head + listed + warnings + picture).joined(separator: "\n") + "\n"
    }

    static func countTable(_ plan: Plan) -> [String] {
        var lines = ["**\(plan.nodes.count) operation\(plan.nodes.count == 1 ? "" : "s")**", "", "| Operation | Count |", "| --- | ---: |"]
        for (type, count) in NodeText.counts(plan.nodes) { lines.append("| \(type.name) | \(count) |") }
        return lines
    }

    /// The changes, one section per cluster in order of first appearance.
    static func changeSections(_ plan: Plan) -> [[String]] {
        var order: [PlanPlacement.Unit] = []
        var members: [PlanPlacement.Unit: [PlanNode]] = [:]
        for node in plan.nodes {
            let unit = PlanPlacement(node).unit
            if members[unit] == nil { order.append(unit) }
            members[unit, default: []].append(node)
        }
        return order.map { unit in
            let nodes = members[unit]!
            let lines = nodes.count <= detailedLimit ? nodes.flatMap(detailLines) : aggregatedLines(nodes)
            return ["", "**\(heading(unit))** (\(nodes.count))", ""] + lines + changedFields(nodes)
        }
    }

    /// A node's line and, nested under it, the fields it changes.
    static func detailLines(_ node: PlanNode) -> [String] {
        [detailLine(node)] + (node.explanation?.lines ?? []).map { "  - " + MarkdownText.plain($0) }
    }

    /// For a section too long to list node by node: the fields its nodes
    /// change, each once, with how many nodes change it.
    static func changedFields(_ nodes: [PlanNode]) -> [String] {
        guard nodes.count > detailedLimit else { return [] }
        var counts: [String: Int] = [:]
        for node in nodes {
            for line in node.explanation?.lines ?? [] { counts[line, default: 0] += 1 }
        }
        guard !counts.isEmpty else { return [] }
        return ["", "Changed fields:"] + counts.keys.sorted().map { "- \(MarkdownText.plain($0)) (×\(counts[$0]!))" }
    }

    static func detailLine(_ node: PlanNode) -> String {
        var line = "- \(MarkdownText.code("#\(node.id)")) \(node.type.name) \(MarkdownText.code(node.resource.description)): \(MarkdownText.plain(node.cause))"
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
            let cause = NodeText.causeShape(node.cause)
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
        case .start: "blue"
        case .stop: "yellow"
        case .remove: "red"
        case .rename: "purple"
        case .connect: "teal"
        case .disconnect: "grey"
        case .wait: "pink, rounded"
        case .hook: "brown"
        case .pull: "violet, rounded"
        case .build: "indigo, double sides"
        case .update: "orange, dashed border"
        }
        return "(\(colour))"
    }
}
