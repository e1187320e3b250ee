import PlanModel

/// What to draw and how: shared by ``PlanRenderer``, ``MermaidWriter`` and
/// ``MarkdownSummary`` (which ignore ``format``).
public struct RenderOptions: Sendable, Hashable {
    /// The output format of ``PlanRenderer/render(_:options:)``.
    public var format: RenderFormat
    /// How much to fold (`--collapse`).
    public var collapse: CollapseMode
    /// Draw only this service, what it depends on and what depends on it (`--focus`).
    public var focus: String?
    /// Draw only this cluster's nodes, every one of them, with one dashed
    /// box per neighbouring cluster joined to it by a dependency: the HTML
    /// report's expansion of a service box of its overview.
    public var expandedUnit: PlanPlacement.Unit?
    /// The project name shown in the title.
    public var projectName: String?
    /// The outcome of a run of the plan: nodes are filled by status and their
    /// labels show durations (the HTML report's diagram).
    public var record: ExecutionRecord?
    /// ``CollapseMode/auto`` folds replicas when the (focused) plan has more
    /// nodes than this.
    public var autoCollapseThreshold: Int
    /// Whether the diagram carries its colour and shape legend.
    public var showsLegend: Bool
    /// The longest side of a PNG, in pixels; larger diagrams are scaled down.
    public var maximumPNGSide: Int
    /// The resolution of a PNG, in dots per inch.
    public var pngDPI: Int

    public init(format: RenderFormat = .svg, collapse: CollapseMode = .auto, focus: String? = nil,
                expandedUnit: PlanPlacement.Unit? = nil, projectName: String? = nil, record: ExecutionRecord? = nil, autoCollapseThreshold: Int = 300,
                showsLegend: Bool = true, maximumPNGSide: Int = 8000, pngDPI: Int = 96) {
        self.format = format
        self.collapse = collapse
        self.focus = focus
        self.expandedUnit = expandedUnit
        self.projectName = projectName
        self.record = record
        self.autoCollapseThreshold = autoCollapseThreshold
        self.showsLegend = showsLegend
        self.maximumPNGSide = maximumPNGSide
        self.pngDPI = pngDPI
    }
}
