import Foundation
import PlanModel

/// The Graphviz attributes of every part of a ``DiagramGraph`` (pure Swift:
/// names and values only; ``GraphvizDocument`` applies them).
enum GraphvizStyle {
    /// An attribute name and value.
    typealias Attribute = (name: String, value: String)

    /// Defaults declared once per graph; every attribute set later must be
    /// declared here.
    static let graphDefaults: [Attribute] = [
        ("bgcolor", ""), ("class", ""), ("color", "#90a4ae"), ("fillcolor", "#fafafa"), ("fontcolor", "#263238"),
        ("fontname", "Helvetica"), ("fontsize", "11"), ("id", ""), ("label", ""), ("labeljust", "l"),
        ("labelloc", "t"), ("margin", "8"), ("penwidth", "1"), ("style", "rounded,filled"), ("tooltip", ""),
    ]
    /// Root-only attributes (layout and output), declared with an empty
    /// default so clusters do not inherit them.
    static let rootOnlyNames = [
        "dpi", "mclimit", "newrank", "nodesep", "nslimit", "nslimit1", "outputorder", "pad", "rankdir", "ranksep",
        "remincross", "searchsize", "size", "splines",
    ]
    static let nodeDefaults: [Attribute] = [
        ("class", ""), ("color", "#37474f"), ("fillcolor", "#ffffff"), ("fontcolor", "#212121"),
        ("fontname", "Helvetica"), ("fontsize", "10"), ("id", ""), ("label", "\\N"), ("margin", "0.12,0.05"),
        ("penwidth", "1"), ("peripheries", "1"), ("shape", "box"), ("style", "filled"), ("tooltip", ""),
    ]
    static let edgeDefaults: [Attribute] = [
        ("arrowsize", "0.7"), ("class", ""), ("color", DiagramPalette.edge), ("id", ""), ("penwidth", "1"),
        ("style", "solid"), ("tooltip", ""),
    ]

    /// The root graph's own values.
    static func root(_ diagram: DiagramGraph, format: RenderFormat, options: RenderOptions) -> [Attribute] {
        var attributes: [Attribute] = [
            ("bgcolor", "white"), ("class", "plan"), ("fontsize", "15"), ("id", "plan"),
            ("label", GraphvizText.leftJustifiedLabel(diagram.title)), ("labeljust", "l"), ("labelloc", "t"), ("margin", "0"),
            // newrank: ranks are computed over the whole graph, not per
            // cluster, so every edge points forward (left to right) in
            // execution order while service and group clusters stay.
            ("newrank", "true"), ("nodesep", "0.2"), ("outputorder", "edgesfirst"), ("pad", "0.2"), ("rankdir", "LR"),
            ("ranksep", "0.45"), ("remincross", "true"), ("style", ""),
        ]
        if diagram.nodes.count > 150 {
            // Network simplex and mincross dominate large layouts (a 3,000-node
            // plan: ~12 s with the defaults, ~3 s with these bounds).
            attributes += [("mclimit", "0.3"), ("nslimit", "1"), ("nslimit1", "1"), ("searchsize", "20")]
        }
        if diagram.nodes.count > 600 {
            // Never `ortho`: it aborts the process on large graphs.
            attributes.append(("splines", "polyline"))
        }
        if format == .png {
            let dpi = max(options.pngDPI, 1)
            let inches = String(format: "%.2f", Double(max(options.maximumPNGSide, 64)) / Double(dpi))
            attributes += [("dpi", String(dpi)), ("size", "\(inches),\(inches)")]
        }
        return attributes
    }

    static func node(_ node: DiagramNode, hasRecord: Bool) -> [Attribute] {
        var style: NodeStyle
        var classes: [String]
        var fill: String
        switch node.content {
        case .operation(let kind):
            style = DiagramPalette.style(for: kind)
            classes = ["op-\(kind.rawValue)"]
            fill = style.fill
        case .folded(let shares):
            style = DiagramPalette.folded
            classes = ["folded"] + shares.map { "op-\($0.kind.rawValue)" }
            fill = stripes(shares)
        case .hidden:
            style = DiagramPalette.hidden
            classes = ["hidden"]
            fill = style.fill
        case .nothingToDo:
            style = DiagramPalette.nothingToDo
            classes = ["nothing-to-do"]
            fill = style.fill
        }
        var penwidth = node.content == .nothingToDo ? "1" : "1.2"
        if case .folded = node.content { penwidth = "2.5" }
        var stroke = style.stroke
        var words = ["filled"] + style.styleWords
        if let status = node.status {
            // The fill keeps the kind; the border and the label's outcome
            // line (with its duration) tell how it ended.
            let border = DiagramPalette.border(for: status)
            stroke = border.color
            penwidth = border.penwidth
            words = words.filter { $0 != "dashed" && $0 != "dotted" } + border.styleWords
            classes.append("status-\(status.rawValue)")
        } else if node.isConditional {
            words = words.filter { $0 != "dashed" } + ["dotted"]
            classes.append("conditional")
        } else if node.failureOnlyWarns, !words.contains("dashed") {
            words.append("dashed")
        }
        return [
            ("class", classes.joined(separator: " ")), ("color", stroke), ("fillcolor", fill),
            ("id", node.id), ("label", GraphvizText.label(node.label)), ("penwidth", penwidth),
            ("peripheries", String(style.peripheries)), ("shape", style.shape), ("style", words.joined(separator: ",")),
            ("tooltip", GraphvizText.tooltip(node.tooltip)),
        ] + (node.content == .nothingToDo ? [("fontsize", "14")] : [])
    }

    /// A striped fill: one stripe per kind, as wide as its share.
    static func stripes(_ shares: [KindShare]) -> String {
        let total = shares.reduce(0) { $0 + $1.count }
        guard total > 0, shares.count > 1 else {
            return shares.first.map { DiagramPalette.style(for: $0.kind).fill } ?? DiagramPalette.folded.fill
        }
        var parts: [String] = []
        for (index, share) in shares.enumerated() {
            let colour = DiagramPalette.style(for: share.kind).fill
            if index == shares.count - 1 {
                parts.append(colour)
            } else {
                let fraction = (Double(share.count) / Double(total) * 1000).rounded(.down) / 1000
                parts.append("\(colour);\(String(format: "%.3f", max(fraction, 0.001)))")
            }
        }
        return parts.joined(separator: ":")
    }

    static func edge(_ edge: DiagramEdge) -> [Attribute] {
        let tooltip = edge.dependencyCount > 1
            ? "\(edge.to) waits for \(edge.from) (\(edge.dependencyCount) dependencies)"
            : "\(edge.to) waits for \(edge.from)"
        var attributes: [Attribute] = [("id", edge.id), ("tooltip", GraphvizText.tooltip([tooltip]))]
        if edge.dependencyCount > 1 {
            attributes.append(("penwidth", String(format: "%.1f", min(1 + log2(Double(edge.dependencyCount)) / 2, 4))))
        }
        if edge.touchesHidden { attributes += [("color", "#9e9e9e"), ("style", "dashed")] }
        return attributes
    }

    static func cluster(_ cluster: DiagramCluster) -> [Attribute] {
        let (fill, stroke, words): (String, String, String) = switch cluster.role {
        case .networks: ("#e0f7fa", "#4dd0e1", "rounded,filled")
        case .volumes: ("#f1f8e9", "#aed581", "rounded,filled")
        case .images: ("#ede7f6", "#9575cd", "rounded,filled")
        case .orphans: ("#fbe9e7", "#ff8a65", "rounded,filled")
        case .secrets: ("#fffde7", "#fbc02d", "rounded,filled")
        case .service: ("#f5f7f8", "#90a4ae", "rounded,filled")
        case .group: ("#fff8e1", "#ef6c00", "rounded,dashed,filled")
        }
        return [
            ("class", "cluster-\(roleName(cluster.role))"), ("color", stroke), ("fillcolor", fill), ("id", cluster.id),
            ("label", GraphvizText.label([cluster.label])), ("style", words),
            ("tooltip", GraphvizText.tooltip([cluster.label])),
        ]
    }

    static func roleName(_ role: DiagramCluster.Role) -> String {
        switch role {
        case .networks: "networks"
        case .volumes: "volumes"
        case .images: "images"
        case .orphans: "orphans"
        case .secrets: "secrets"
        case .service: "service"
        case .group: "group"
        }
    }

    static let legendCluster: [Attribute] = [
        ("class", "legend"), ("color", "#bdbdbd"), ("fillcolor", "#ffffff"), ("id", "cluster-legend"),
        ("label", "legend"), ("style", "rounded,filled"),
    ]

    static func legendNode(_ entry: LegendEntry) -> [Attribute] {
        var style: NodeStyle
        var fill: String
        switch entry.sample {
        case .kind(let kind):
            style = DiagramPalette.style(for: kind)
            fill = style.fill
        case .folded:
            style = DiagramPalette.folded
            fill = stripes(OperationKind.allCases.prefix(3).map { KindShare(kind: $0, count: 1) })
        case .hidden:
            style = DiagramPalette.hidden
            fill = style.fill
        case .status(let status):
            let border = DiagramPalette.border(for: status)
            style = NodeStyle(shape: "box", fill: "#ffffff", stroke: border.color, styleWords: ["rounded"] + border.styleWords)
            fill = style.fill
            return [
                ("class", "legend-entry"), ("color", style.stroke), ("fillcolor", fill), ("fontsize", "9"), ("id", entry.id),
                ("label", GraphvizText.label(["border: \(entry.label)"])), ("penwidth", border.penwidth),
                ("peripheries", "1"), ("shape", style.shape), ("style", (["filled"] + style.styleWords).joined(separator: ",")),
            ]
        }
        return [
            ("class", "legend-entry"), ("color", style.stroke), ("fillcolor", fill), ("fontsize", "9"), ("id", entry.id),
            ("label", GraphvizText.label([entry.label])), ("peripheries", String(style.peripheries)),
            ("shape", style.shape), ("style", (["filled"] + style.styleWords).joined(separator: ",")),
        ]
    }
}
