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

    public func render(_ planFile: PlanFile, record: ExecutionRecord?) async throws -> String {
        do {
            let builder = try templatePath.map { try ReportBuilder(templatePath: $0, collapse: collapse) }
                ?? ReportBuilder(collapse: collapse)
            return try await builder.render(ReportInput(planFile: planFile, record: record))
        } catch {
            throw WorkflowError((error as? ReportError)?.description ?? "\(error)")
        }
    }
}
