import PlanModel
import Rendering

/// The report's colour classes, generated from ``DiagramPalette`` so the
/// table, the chips, the badges and the diagram always agree: `.k-<kind>`
/// for operation kinds, `.st-<status>` and `.outcome-<status>` for
/// execution outcomes (`.outcome-planned` for a plan not yet run).
enum PaletteCSS {
    static var stylesheet: String {
        var lines: [String] = []
        for kind in OperationKind.allCases {
            lines.append(".k-\(kind.rawValue) { background: \(DiagramPalette.style(for: kind).fill); }")
        }
        for status in ExecutionRecord.Status.allCases {
            let text = status == .failed ? " color: #fff;" : ""
            let fill = DiagramPalette.fill(for: status)
            lines.append(".st-\(status.rawValue) { background: \(fill);\(text) }")
            lines.append(".outcome-\(status.rawValue) { background: \(fill);\(text) }")
        }
        lines.append(".outcome-planned { background: \(DiagramPalette.style(for: .start).fill); }")
        return lines.joined(separator: "\n")
    }
}
