/// How big a diagram composeplan lays out. Graphviz's layout grows faster
/// than the graph, and clusters cost more than boxes: 3,000 boxes in a few
/// hundred clusters take about 3 s, 2,500 clusters of one box each about
/// 9 s, 5,000 boxes in 2,500 clusters about 14 s, and 10,000 boxes (a 10,000-service plan folded by replicas) did not finish
/// in 12 minutes and grew past 7 GB. Beyond the budget, drawing fails at
/// once with ``RenderingError/tooLarge(boxes:edges:collapse:)``, which
/// names `--focus` and `--collapse`; the report leaves the diagram out and
/// keeps everything else.
public enum LayoutBudget {
    /// The most boxes (plan nodes and folds) a diagram may have.
    public static let maximumBoxes = 3_000
    /// The most edges a diagram may have.
    public static let maximumEdges = 12_000

    /// Throws when `diagram` is over the budget; `collapse` is the folding
    /// it was built with, for the message.
    static func check(_ diagram: DiagramGraph, collapse: CollapseMode) throws(RenderingError) {
        if diagram.nodes.count > maximumBoxes || diagram.edges.count > maximumEdges {
            throw .tooLarge(boxes: diagram.nodes.count, edges: diagram.edges.count, collapse: collapse)
        }
    }
}
