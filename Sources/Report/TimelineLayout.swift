import PlanModel
import Rendering

/// The geometry of the execution timeline (a Gantt chart of a run), pure
/// values that ``TimelineSVG`` draws: one bar per node that ran, one row
/// each, ordered by start time, on a shared time axis; below it the number
/// of nodes in flight against the `--parallel` bound.
public struct TimelineLayout: Sendable, Hashable {
    /// Sizes in pixels.
    public struct Metrics: Sendable, Hashable {
        /// Width of the left gutter holding the node labels.
        public var labelWidth: Double = 280
        /// Width of the plot area (the whole run).
        public var plotWidth: Double = 900
        public var rowHeight: Double = 16
        public var barHeight: Double = 11
        /// Height of the time axis above the bars.
        public var axisHeight: Double = 22
        /// Height of the in-flight chart below the bars.
        public var curveHeight: Double = 110
        /// Gap between the bars and the in-flight chart.
        public var gap: Double = 34
        public var rightMargin: Double = 150

        public init() {}
    }

    /// One node's bar.
    public struct Bar: Sendable, Hashable {
        public var nodeID: Int
        /// The row, from 0 at the top.
        public var row: Int
        public var start: Double
        public var end: Double
        public var x: Double
        public var y: Double
        public var width: Double
        public var type: OperationType
        public var kind: OperationKind
        public var status: ExecutionRecord.Status
        /// Whether the node is on the chain that decided when the run ended.
        public var isCritical: Bool
        /// The node started but has no end (the run was interrupted): the
        /// bar reaches the end of the run.
        public var isUnfinished: Bool
        /// `#12 service:web:1`.
        public var label: String
        /// The nodes that depend on this one (the nodes it unlocked).
        public var dependents: [Int]
        /// A `WaitConverged`'s task counts over time (Swarm): drawn inside
        /// the bar as the share of tasks running.
        public var tasks: [ExecutionRecord.TaskSample] = []
    }

    public var metrics: Metrics
    public var bars: [Bar]
    public var axis: TimeAxis
    /// Pixels per second.
    public var scale: Double
    public var curve: InFlightCurve
    /// The `--parallel` bound, `nil` when unbounded.
    public var bound: Int?
    /// The chain of node ids that decided when the run ended, in order.
    public var criticalPath: [Int]
    /// The largest count the in-flight chart's vertical axis shows.
    public var curveMaximum: Int

    public init(plan: Plan, record: ExecutionRecord, metrics: Metrics = Metrics()) {
        self.metrics = metrics
        bound = record.parallelism
        criticalPath = PlanAnalysis.blockingChain(of: plan, record: record)
        let critical = Set(criticalPath)
        let lastEnd = record.nodes.compactMap(\.end).max() ?? 0
        let runEnd = max(record.duration, lastEnd)
        axis = TimeAxis(end: runEnd)
        scale = metrics.plotWidth / max(axis.end, 1e-9)
        let graph = plan.graph

        let ran = record.nodes.filter { $0.start != nil }
            .sorted { ($0.start!, $0.id) < ($1.start!, $1.id) }
        var bars: [Bar] = []
        bars.reserveCapacity(ran.count)
        for (row, entry) in ran.enumerated() {
            guard let start = entry.start, let node = plan.node(entry.id) else { continue }
            let end = entry.end ?? runEnd
            bars.append(Bar(
                nodeID: entry.id, row: row, start: start, end: max(start, end),
                x: metrics.labelWidth + start * scale,
                y: metrics.axisHeight + Double(row) * metrics.rowHeight + (metrics.rowHeight - metrics.barHeight) / 2,
                width: max(max(start, end) - start, 0) * scale,
                type: node.type, kind: OperationKind(node), status: entry.status,
                isCritical: critical.contains(entry.id), isUnfinished: entry.end == nil,
                label: "#\(entry.id) \(node.resource)", dependents: graph.dependentIDs(of: entry.id),
                tasks: entry.tasks ?? []))
        }
        self.bars = bars
        curve = InFlightCurve(intervals: bars.map { ($0.start, $0.end) })
        curveMaximum = max(curve.peak, record.parallelism ?? 0, 1)
    }

    /// The x coordinate of `seconds` after the start of the run.
    public func x(at seconds: Double) -> Double { metrics.labelWidth + seconds * scale }

    /// The top of the in-flight chart.
    public var curveTop: Double {
        metrics.axisHeight + Double(bars.count) * metrics.rowHeight + metrics.gap
    }

    /// The y coordinate of `count` nodes in flight.
    public func y(inFlight count: Int) -> Double {
        curveTop + metrics.curveHeight * (1 - Double(count) / Double(curveMaximum))
    }

    public var width: Double { metrics.labelWidth + metrics.plotWidth + metrics.rightMargin }
    public var height: Double { curveTop + metrics.curveHeight + 30 }
}
