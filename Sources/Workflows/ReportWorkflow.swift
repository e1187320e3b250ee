import Foundation
import PlanModel
import Rendering
import Report

/// Builds the static HTML report of a plan (and of its run, when there is one).
public struct ReportWorkflow: Sendable {
    /// A template file overriding the embedded one (`--template`).
    public var templatePath: String?
    public var collapse: CollapseMode

    public init(templatePath: String? = nil, collapse: CollapseMode = .auto) {
        self.templatePath = templatePath
        self.collapse = collapse
    }

    public func render(_ planFile: PlanFile, record: ExecutionRecord?) async throws(WorkflowError) -> String {
        do throws(ReportError) {
            let builder = if let templatePath {
                try ReportBuilder(templatePath: templatePath, collapse: collapse)
            } else {
                try ReportBuilder(collapse: collapse)
            }
            return try await builder.render(ReportInput(planFile: planFile, record: record))
        } catch {
            throw .report(error)
        }
    }

    /// Renders the report and writes it to `path`.
    public func write(_ planFile: PlanFile, record: ExecutionRecord?, to path: String) async throws(WorkflowError) {
        try FileAccess.write(Data(try await render(planFile, record: record).utf8), to: path)
    }
}
