import PlanModel

/// A drawing of a plan, independent of Graphviz: the nodes, dependency
/// edges, clusters, legend and title that ``PlanRenderer`` hands to Graphviz
/// and ``MermaidWriter`` writes as a flowchart.
///
/// Built by ``init(plan:options:)`` with focus and collapse already applied.
/// Every collection is in a fixed order derived from the plan's node order,
/// so the same plan and options always give the same graph.
public struct DiagramGraph: Sendable, Hashable {
    /// The title, one entry per line: project, counts per operation type, and
    /// what focus, folding and the execution record changed.
    public var title: [String]
    /// Every node, in order of the first plan node each stands for.
    public var nodes: [DiagramNode]
    /// One edge per pair of connected diagram nodes, from dependency to dependent.
    public var edges: [DiagramEdge]
    /// Top-level clusters (networks, volumes, one per service, orphans), each
    /// possibly holding nested group clusters.
    public var clusters: [DiagramCluster]
    /// The entries of the legend (empty when the legend is off or there is
    /// nothing to explain).
    public var legend: [LegendEntry]
    /// Whether the plan had nothing to do (the graph is a single message node).
    public var isNothingToDo: Bool
    /// How many plan nodes the graph stands for after focus (hidden
    /// neighbours not counted).
    public var shownPlanNodeCount: Int
    /// The folding the graph was built with (`auto` resolved: `none`,
    /// `replicas` or `services`).
    public var collapse: CollapseMode

    public init(title: [String], nodes: [DiagramNode], edges: [DiagramEdge], clusters: [DiagramCluster],
                legend: [LegendEntry], isNothingToDo: Bool = false, shownPlanNodeCount: Int = 0, collapse: CollapseMode = .none) {
        self.title = title
        self.nodes = nodes
        self.edges = edges
        self.clusters = clusters
        self.legend = legend
        self.isNothingToDo = isNothingToDo
        self.shownPlanNodeCount = shownPlanNodeCount
        self.collapse = collapse
    }

    /// The diagram node that stands for plan node `id`, if it is drawn.
    public func node(representing id: Int) -> DiagramNode? {
        nodes.first { $0.planNodeIDs.contains(id) }
    }

    /// All clusters, depth first, parents before their subclusters.
    public var allClusters: [DiagramCluster] {
        var result: [DiagramCluster] = []
        func visit(_ cluster: DiagramCluster) {
            result.append(cluster)
            cluster.subclusters.forEach(visit)
        }
        clusters.forEach(visit)
        return result
    }
}

/// One box of the diagram: a plan node, a fold of several, a summary of the
/// neighbours a focus cut away, or the "nothing to do" message.
public struct DiagramNode: Sendable, Hashable, Identifiable {
    /// What the node stands for.
    public enum Content: Sendable, Hashable {
        /// One plan node.
        case operation(OperationKind)
        /// Several plan nodes folded together (`--collapse`); the shares say
        /// how many of each kind it holds, in kind order.
        case folded([KindShare])
        /// Plan nodes outside a focus that the shown nodes depend on or that
        /// depend on them.
        case hidden
        /// The only node of an empty plan's diagram.
        case nothingToDo
    }

    /// The element id (`node-<id>` for a plan node or a fold, named after
    /// its first plan node; `hidden-…` for a focus summary); also the
    /// Graphviz node name.
    public var id: String
    /// The plan nodes it stands for, ascending.
    public var planNodeIDs: [Int]
    public var content: Content
    /// The label, one entry per line (plain text).
    public var label: [String]
    /// The tooltip, one entry per line (plain text, never environment values).
    public var tooltip: [String]
    /// The outcome from the execution record (the worst one for a fold).
    public var status: ExecutionRecord.Status?
    /// A best-effort or optional operation (drawn with a dashed border).
    public var failureOnlyWarns: Bool
    /// A conditional operation (drawn with a dotted border until it ran).
    public var isConditional: Bool

    public init(id: String, planNodeIDs: [Int], content: Content, label: [String], tooltip: [String],
                status: ExecutionRecord.Status? = nil, failureOnlyWarns: Bool = false, isConditional: Bool = false) {
        self.id = id
        self.planNodeIDs = planNodeIDs
        self.content = content
        self.label = label
        self.tooltip = tooltip
        self.status = status
        self.failureOnlyWarns = failureOnlyWarns
        self.isConditional = isConditional
    }
}

/// How many operations of one kind a folded node holds.
public struct KindShare: Sendable, Hashable {
    public var kind: OperationKind
    public var count: Int

    public init(kind: OperationKind, count: Int) {
        self.kind = kind
        self.count = count
    }
}

/// A dependency edge between two diagram nodes: `to` waits for `from`.
public struct DiagramEdge: Sendable, Hashable, Identifiable {
    /// `edge-<from>-<to>` with the `node-` prefixes dropped (`edge-3-12`).
    public var id: String
    public var from: String
    public var to: String
    /// How many plan dependencies the edge stands for (more than one when it
    /// joins folded nodes).
    public var dependencyCount: Int
    /// Whether one end is a summary of nodes hidden by a focus.
    public var touchesHidden: Bool

    public init(from: String, to: String, dependencyCount: Int = 1, touchesHidden: Bool = false) {
        func short(_ id: String) -> String { id.hasPrefix("node-") ? String(id.dropFirst(5)) : id }
        self.id = "edge-\(short(from))-\(short(to))"
        self.from = from
        self.to = to
        self.dependencyCount = dependencyCount
        self.touchesHidden = touchesHidden
    }
}

/// A box around related nodes: the networks, the volumes, a service (with
/// its groups nested), the orphans.
public struct DiagramCluster: Sendable, Hashable, Identifiable {
    /// What a cluster gathers.
    public enum Role: Sendable, Hashable {
        case networks, volumes, images, orphans
        /// A stack's secrets and configs.
        case secrets
        case service(String)
        /// A plan group inside a service (`recreate:web:1`).
        case group(String)
    }

    /// The element id (`cluster-service-web`); unique in the graph.
    public var id: String
    public var role: Role
    public var label: String
    /// The ids of the nodes directly inside it (not in a subcluster).
    public var nodeIDs: [String]
    public var subclusters: [DiagramCluster]

    public init(id: String, role: Role, label: String, nodeIDs: [String] = [], subclusters: [DiagramCluster] = []) {
        self.id = id
        self.role = role
        self.label = label
        self.nodeIDs = nodeIDs
        self.subclusters = subclusters
    }
}

/// One line of the legend.
public struct LegendEntry: Sendable, Hashable, Identifiable {
    /// What the entry shows a sample of.
    public enum Sample: Sendable, Hashable {
        case kind(OperationKind)
        case folded
        case hidden
        case status(ExecutionRecord.Status)
    }

    /// The element id (`legend-create`).
    public var id: String
    public var sample: Sample
    public var label: String

    public init(id: String, sample: Sample, label: String) {
        self.id = id
        self.sample = sample
        self.label = label
    }
}
