import PlanModel

/// What a report shows: a saved plan, optionally the record of a run of it,
/// and optionally an already drawn diagram.
public struct ReportInput: Sendable {
    public var planFile: PlanFile
    /// The run of the plan (`apply --record`); `nil` for a plan-only report.
    public var record: ExecutionRecord?
    /// The diagram as SVG text; `nil` draws it with ``Rendering/PlanRenderer``
    /// (collapse `auto`, coloured by the record's outcomes).
    public var diagramSVG: String?
    /// When the report was made (shown in the footer); defaults to now.
    public var generatedAt: String?

    public init(planFile: PlanFile, record: ExecutionRecord? = nil, diagramSVG: String? = nil, generatedAt: String? = nil) {
        self.planFile = planFile
        self.record = record
        self.diagramSVG = diagramSVG
        self.generatedAt = generatedAt
    }
}

extension ExecutionRecord {
    /// Whether the run was a dry run (`--dry-run`: the simulated engine ran it).
    var isDryRun: Bool { engine.kind == "simulated" }
}
