import Foundation
import PlanModel

/// Draws plans with the Graphviz C libraries, in process.
///
/// A value type that any task may hold and call concurrently: the Graphviz
/// work itself runs on ``GraphvizActor``, one render at a time, while the
/// diagram is built (focus, folding, labels) in the calling task.
///
/// ```swift
/// let svg = try await PlanRenderer().render(plan, options: RenderOptions(format: .svg, projectName: "shop"))
/// ```
public struct PlanRenderer: Sendable {
    public init() {}

    /// `plan` drawn as ``RenderOptions/format``: SVG or DOT text (UTF-8) or
    /// PNG bytes. An empty plan draws a "nothing to do" picture.
    public func render(_ plan: Plan, options: RenderOptions = RenderOptions()) async throws(RenderingError) -> Data {
        let diagram = try DiagramGraph(plan: plan, options: options)
        return try await render(diagram, options: options)
    }

    /// An already built diagram drawn as ``RenderOptions/format`` (only the
    /// format, record and PNG settings of `options` matter here).
    /// A diagram over the ``LayoutBudget`` is refused before any layout,
    /// except as DOT text, which is not laid out.
    public func render(_ diagram: DiagramGraph, options: RenderOptions) async throws(RenderingError) -> Data {
        if options.format != .dot { try LayoutBudget.check(diagram, collapse: diagram.collapse) }
        return try await GraphvizRuntime.render(diagram, options: options)
    }
}
