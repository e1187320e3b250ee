/// How much of a plan is folded into fewer diagram nodes (`--collapse`).
public enum CollapseMode: String, Sendable, Hashable, CaseIterable {
    /// Fold replicas (``replicas``) once the plan has more nodes than
    /// ``RenderOptions/autoCollapseThreshold``, and each service into one
    /// box (``services``) when folded replicas would still be more boxes
    /// than ``LayoutBudget`` lays out; draw everything otherwise.
    case auto
    /// One diagram node per plan node.
    case none
    /// Fold the replicas of a service that undergo the same operations
    /// (same operation types, causes and group shapes, in the same order)
    /// into one node with a count.
    case replicas
    /// Fold all container operations of each service into one node (and all
    /// orphan operations into one node).
    case services

    /// The mode named on a command line (`auto`, `none`, `replicas`, `services`).
    public init?(name: String) {
        self.init(rawValue: name.lowercased())
    }
}
