import Foundation
import PlanModel
import Rendering

/// Draws plans and writes their text forms (Mermaid, Markdown) for the
/// commands, with failures as ``WorkflowError/rendering(_:)``.
public struct DiagramWorkflow: Sendable {
    /// How to draw (`--collapse`, `--focus`, the project's name).
    public var options: RenderOptions

    public init(options: RenderOptions) {
        self.options = options
    }

    /// Throws ``WorkflowError/rendering(_:)`` with
    /// `RenderingError.unknownFocus` when `--focus` names a service no
    /// operation of `plan` acts on, whatever the output.
    public func checkFocus(_ plan: Plan) throws(WorkflowError) {
        guard options.focus != nil else { return }
        do {
            _ = try DiagramGraph(plan: plan, options: options)
        } catch {
            throw .rendering(error)
        }
    }

    /// `plan` drawn as `format` (SVG, PNG or DOT).
    public func render(_ plan: Plan, as format: RenderFormat) async throws(WorkflowError) -> Data {
        var options = self.options
        options.format = format
        do {
            return try await PlanRenderer().render(plan, options: options)
        } catch {
            throw .rendering(error)
        }
    }

    /// Draws `plan` as `format` into `path`.
    public func write(_ plan: Plan, as format: RenderFormat, to path: String) async throws(WorkflowError) -> WrittenFile {
        try FileAccess.write(try await render(plan, as: format), to: path)
        return WrittenFile(.diagram, at: path)
    }

    /// The Mermaid flowchart of `plan`.
    public func mermaid(_ plan: Plan) throws(WorkflowError) -> String {
        do {
            return try MermaidWriter.flowchart(for: plan, options: options)
        } catch {
            throw .rendering(error)
        }
    }

    /// The Markdown summary of `plan` for a pull-request comment.
    public func markdown(_ plan: Plan) throws(WorkflowError) -> String {
        do {
            return try MarkdownSummary.markdown(for: plan, options: options)
        } catch {
            throw .rendering(error)
        }
    }
}
