import PlanModel
import Rendering

/// The diagrams of the report's explorer, laid out by Graphviz when the
/// report is written. The page opens on the main diagram: every node for a
/// small plan, and beyond ``overviewThreshold`` nodes an overview of one box
/// per service (its counts by operation, the dependencies between
/// services), whose size does not grow with replicas. Each service box of
/// an overview has an *expansion*: the service's operations, every one,
/// with the clusters it depends on or that depend on it summarized in
/// dashed boxes. Expansions travel in the report's data, which is
/// compressed as a whole when large: expansions share most of their text,
/// so together they compress three times better than one by one.
struct ExplorerViews: Sendable {
    /// The main diagram (overview or full), `nil` when it was left out.
    var main: DiagramGraph?
    /// The main diagram's SVG, sanitized for inlining (or a placeholder).
    var mainSVG: String
    /// Why the main diagram was left out, when it was.
    var omitted: String?
    /// Expansions, keyed by the id of the overview box they expand.
    var expansions: [String: ReportData.View]

    /// Plans of more nodes than this open on the overview (under `--collapse auto`).
    static let overviewThreshold = 60
    /// An expansion of more operations than this folds the replicas that
    /// undergo the same operations (as `--collapse auto` does past 300), so
    /// that it reads at first sight too.
    static let expansionFoldThreshold = 40

    /// Draws the main diagram and, for an overview, every expansion.
    static func make(plan: Plan, collapse: CollapseMode, projectName: String, record: ExecutionRecord?,
                     givenSVG: String?) async throws(ReportError) -> ExplorerViews {
        // A diagram drawn by the caller is mapped as the caller drew it, under `collapse`.
        let opensOnOverview = givenSVG == nil && collapse == .auto && plan.nodes.count > overviewThreshold
        let options = RenderOptions(format: .svg, collapse: opensOnOverview ? .services : collapse, projectName: projectName,
                                    record: record)
        let main: DiagramGraph
        do {
            main = try DiagramGraph(plan: plan, options: options)
        } catch {
            throw .diagram(message: error.description)
        }
        if let givenSVG {
            return ExplorerViews(main: main, mainSVG: SVGSanitizer.inlinable(givenSVG), expansions: [:])
        }
        let renderer = PlanRenderer()
        let svg: String
        do {
            svg = String(decoding: try await renderer.render(main, options: options), as: UTF8.self)
        } catch .tooLarge(let boxes, let edges, let collapse) {
            // Everything else of the report still holds: leave the diagram out, say why.
            let reason = RenderingError.tooLarge(boxes: boxes, edges: edges, collapse: collapse).description
            let omitted = "The diagram is left out: \(reason) (composeplan render PLAN.json --focus SERVICE)."
            return ExplorerViews(main: nil, mainSVG: placeholder(omitted), omitted: omitted, expansions: [:])
        } catch {
            throw .diagram(message: error.description)
        }
        var expansions: [String: ReportData.View] = [:]
        if main.collapse == .services {
            let parts = ExpansionParts(plan: plan)
            for (boxID, unit) in expandableUnits(of: main, plan: plan) {
                var expanded = options
                expanded.collapse = .auto
                expanded.autoCollapseThreshold = expansionFoldThreshold
                expanded.expandedUnit = unit
                expanded.showsLegend = false
                do {
                    let part = parts.plan(around: unit)
                    var diagram = try DiagramGraph(plan: part.plan, options: expanded)
                    diagram.title = title(of: diagram, unit: unit, count: part.ownCount, total: plan.nodes.count, record: record)
                    let svg = String(decoding: try await renderer.render(diagram, options: expanded), as: UTF8.self)
                    expansions[boxID] = ReportData.View(title: unit.title, diagram: diagram, svg: CompactSVG.compact(SVGSanitizer.inlinable(svg)))
                } catch {
                    // A service too large to lay out on its own stays folded in the overview.
                    continue
                }
            }
        }
        let inlinable = SVGSanitizer.inlinable(svg)
        return ExplorerViews(main: main, mainSVG: main.collapse == .services ? CompactSVG.compact(inlinable) : inlinable,
                             expansions: expansions)
    }

    /// An expansion's title: what it shows of the plan, and the run.
    static func title(of diagram: DiagramGraph, unit: PlanPlacement.Unit, count: Int, total: Int,
                      record: ExecutionRecord?) -> [String] {
        let neighbours = diagram.nodes.count { if case .hidden = $0.content { true } else { false } }
        var line = "\(unit.title): \(count) of \(total) operations"
        if neighbours > 0 { line += ", its neighbours summarized in \(neighbours) dashed box\(neighbours == 1 ? "" : "es")" }
        var lines = [line]
        if let record { lines.append("run \(record.outcome.rawValue) in \(DurationText.seconds(record.duration))") }
        return lines
    }

    /// The overview's boxes that fold a service or the orphans, with the cluster each folds.
    static func expandableUnits(of diagram: DiagramGraph, plan: Plan) -> [(String, PlanPlacement.Unit)] {
        diagram.nodes.compactMap { node in
            guard case .folded = node.content, let first = node.planNodeIDs.first, let planNode = plan.node(first) else { return nil }
            let unit = PlanPlacement(planNode).unit
            switch unit {
            case .service, .orphans: return (node.id, unit)
            case .networks, .volumes, .images, .secrets, .none: return nil
            }
        }
    }

    /// A small SVG holding `text`, where the diagram would be.
    static func placeholder(_ text: String) -> String {
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"900\" height=\"60\" viewBox=\"0 0 900 60\">"
            + "<g id=\"plan\" class=\"graph\"><text x=\"10\" y=\"34\" font-size=\"13\">\(MarkupEscaping.escaped(text))</text></g></svg>"
    }
}
