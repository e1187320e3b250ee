import Foundation
import Mustache
import PlanModel
import Rendering

/// Makes the static HTML report: one self-contained page (no network, no
/// external file) with the plan's summary, changes by service, the diagram,
/// the plan table, the waves and, after a run, the timeline and the errors.
///
/// ```swift
/// let builder = try ReportBuilder()                        // built-in template
/// let html = try await builder.render(ReportInput(planFile: plan, record: run))
/// ```
public struct ReportBuilder: Sendable {
    /// How the diagram folds large plans (`auto` keeps 3,000-node plans fast).
    public var collapse: CollapseMode
    private let template: MustacheTemplate
    private let contentSecurityPolicy: String

    /// A builder using `template` (the text of a `--template` file, named
    /// `source` in errors) or, when `nil`, the built-in template.
    public init(template: String? = nil, source: String? = nil, collapse: CollapseMode = .auto) throws(ReportError) {
        let text = template ?? ReportTemplate.embedded
        do {
            self.template = try MustacheTemplate(string: text)
        } catch let error as MustacheTemplate.ParserError {
            throw .templateSyntax(source: source ?? (template == nil ? "built-in template" : "template"),
                                  line: error.context.lineNumber, column: error.context.columnNumber,
                                  message: String(describing: error.error))
        } catch {
            throw .templateSyntax(source: source ?? "template", line: 0, column: 0, message: String(describing: error))
        }
        self.collapse = collapse
        contentSecurityPolicy = ContentSecurityPolicy.policy(forTemplate: text)
    }

    /// A builder using the template file at `path` (`--template`).
    public init(templatePath path: String, collapse: CollapseMode = .auto) throws(ReportError) {
        try self.init(template: try ReportTemplate.load(path: path), source: path, collapse: collapse)
    }

    /// The report as HTML text (UTF-8). Throws ``ReportError/recordMismatch(recordFingerprint:planFingerprint:)``
    /// when the record is not a run of this plan.
    public func render(_ input: ReportInput) async throws(ReportError) -> String {
        let plan = input.planFile.plan
        if let record = input.record, record.fingerprint != input.planFile.fingerprint.digest {
            throw .recordMismatch(recordFingerprint: record.fingerprint, planFingerprint: input.planFile.fingerprint.digest)
        }
        let views = try await ExplorerViews.make(plan: plan, collapse: collapse, projectName: input.planFile.project.name,
                                                 record: input.record, givenSVG: input.diagramSVG)
        var page = ReportPageBuilder(
            planFile: input.planFile, record: input.record, views: views, contentSecurityPolicy: contentSecurityPolicy,
            generatedAt: input.generatedAt ?? ISO8601DateFormatter().string(from: Date())
        ).build()
        if let omitted = views.omitted { page.diagramNote = omitted }
        if let record = input.record, record.isDryRun {
            page.isDryRun = true
            page.outcomeText = "dry run \(record.outcome.rawValue)"
        }
        return DeferredMarkup.apply(to: template.render(page))
    }
}
