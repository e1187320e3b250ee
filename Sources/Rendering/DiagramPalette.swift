import PlanModel

/// How one kind of node looks: the same in the Graphviz diagram, the
/// Mermaid flowchart and (for the report) any HTML that wants to match them.
public struct NodeStyle: Sendable, Hashable {
    /// A Graphviz node shape (`box`, `octagon`, …).
    public var shape: String
    /// Fill colour, `#rrggbb`.
    public var fill: String
    /// Border colour, `#rrggbb`.
    public var stroke: String
    /// Extra Graphviz style words besides `filled` (`rounded`, `dashed`, …).
    public var styleWords: [String]
    /// Number of borders (2 draws a double border).
    public var peripheries: Int

    public init(shape: String, fill: String, stroke: String, styleWords: [String] = [], peripheries: Int = 1) {
        self.shape = shape
        self.fill = fill
        self.stroke = stroke
        self.styleWords = styleWords
        self.peripheries = peripheries
    }
}

/// The diagram's shapes and colours: one per operation kind, one per
/// execution outcome, and those of folded and hidden nodes.
public enum DiagramPalette {
    /// The look of a kind of operation.
    public static func style(for kind: OperationKind) -> NodeStyle {
        switch kind {
        case .create: NodeStyle(shape: "box", fill: "#c8e6c9", stroke: "#2e7d32", styleWords: ["rounded"])
        case .replace: NodeStyle(shape: "box", fill: "#ffe0b2", stroke: "#e65100", styleWords: ["rounded"], peripheries: 2)
        case .start: NodeStyle(shape: "component", fill: "#bbdefb", stroke: "#1565c0")
        case .stop: NodeStyle(shape: "octagon", fill: "#fff59d", stroke: "#f57f17")
        case .remove: NodeStyle(shape: "box", fill: "#ffcdd2", stroke: "#c62828", styleWords: ["diagonals"])
        case .rename: NodeStyle(shape: "tab", fill: "#e1bee7", stroke: "#6a1b9a")
        case .connect: NodeStyle(shape: "hexagon", fill: "#b2dfdb", stroke: "#00695c")
        case .disconnect: NodeStyle(shape: "hexagon", fill: "#eceff1", stroke: "#455a64", styleWords: ["dashed"])
        case .wait: NodeStyle(shape: "ellipse", fill: "#f8bbd0", stroke: "#ad1457")
        case .hook: NodeStyle(shape: "cds", fill: "#d7ccc8", stroke: "#4e342e")
        case .pull: NodeStyle(shape: "box3d", fill: "#d1c4e9", stroke: "#4527a0")
        case .build: NodeStyle(shape: "box3d", fill: "#c5cae9", stroke: "#283593", styleWords: ["bold"])
        case .update: NodeStyle(shape: "box", fill: "#ffe0b2", stroke: "#e65100", styleWords: ["rounded", "dashed"])
        }
    }

    /// The fill of a node whose operation ended with `status`.
    public static func fill(for status: ExecutionRecord.Status) -> String {
        switch status {
        case .succeeded: "#a5d6a7"
        case .failed: "#ef5350"
        case .skipped: "#e0e0e0"
        case .cancelled: "#ffb74d"
        case .warned: "#fff176"
        case .unchanged: "#eceff1"
        }
    }

    /// The border that tells how a node's operation ended, after a run: the
    /// fill keeps the operation's kind, so a run reads both at once. Each
    /// outcome has its own colour and line (skipped dashed, cancelled
    /// dotted), so skipped nodes never pass for failed ones.
    public static func border(for status: ExecutionRecord.Status) -> (color: String, styleWords: [String], penwidth: String) {
        switch status {
        case .succeeded: ("#1b5e20", [], "3")
        case .failed: ("#b71c1c", ["bold"], "4")
        case .skipped: ("#757575", ["dashed"], "2.5")
        case .cancelled: ("#e65100", ["dotted"], "3")
        case .warned: ("#f9a825", [], "3")
        case .unchanged: ("#546e7a", ["dashed"], "2")
        }
    }

    /// The look of a node standing for plan nodes hidden by a focus.
    public static let hidden = NodeStyle(shape: "box", fill: "#fafafa", stroke: "#9e9e9e", styleWords: ["dashed", "rounded"])
    /// The look of a folded node (its fill is striped with its kinds' colours).
    public static let folded = NodeStyle(shape: "box", fill: "#ffffff", stroke: "#37474f", styleWords: ["striped"])
    /// The look of the "nothing to do" message.
    public static let nothingToDo = NodeStyle(shape: "note", fill: "#e8f5e9", stroke: "#2e7d32")
    /// The colour of dependency edges.
    public static let edge = "#546e7a"
}
