import Foundation
import PlanModel
import Rendering

/// Draws a ``TimelineLayout`` as an SVG element to inline in the report.
/// Every string is escaped here (labels come from compose files and error
/// messages from the daemon); bars carry `data-node` so that selecting a
/// node in the report highlights its bar.
public enum TimelineSVG {
    /// The longest label drawn in the gutter (the full text is in the tooltip).
    static let labelLimit = 44

    public static func render(_ layout: TimelineLayout) -> String {
        var out = ""
        out.reserveCapacity(600 + layout.bars.count * 420)
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" id=\"timeline-svg\" class=\"timeline\" width=\"\(n(layout.width))\" "
            + "height=\"\(n(layout.height))\" viewBox=\"0 0 \(n(layout.width)) \(n(layout.height))\" "
            + "data-origin=\"\(n(layout.x(at: 0)))\" data-scale=\"\(layout.scale)\" "
            + "font-family=\"Helvetica, Arial, sans-serif\" font-size=\"11\">\n"
        grid(layout, into: &out)
        out += "<g class=\"bars\">\n"
        for bar in layout.bars { draw(bar, layout: layout, into: &out) }
        out += "</g>\n"
        curve(layout, into: &out)
        out += "</svg>"
        return out
    }

    private static func grid(_ layout: TimelineLayout, into out: inout String) {
        let m = layout.metrics
        let bottom = layout.curveTop + m.curveHeight
        out += "<g class=\"axis\" fill=\"#607d8b\">\n"
        // The band of the time labels: dragging on it scrubs the replay.
        out += "<rect class=\"axis-band\" x=\"\(n(m.labelWidth))\" y=\"0\" width=\"\(n(m.plotWidth))\" height=\"\(n(m.axisHeight))\" fill=\"transparent\"/>\n"
        for tick in layout.axis.ticks {
            let x = n(layout.x(at: tick.seconds))
            out += "<line x1=\"\(x)\" y1=\"\(n(m.axisHeight - 4))\" x2=\"\(x)\" y2=\"\(n(bottom))\" stroke=\"#eceff1\"/>"
            out += "<text x=\"\(x)\" y=\"\(n(m.axisHeight - 8))\" text-anchor=\"middle\">\(MarkupEscaping.escaped(tick.label))</text>"
            out += "<text x=\"\(x)\" y=\"\(n(bottom + 14))\" text-anchor=\"middle\">\(MarkupEscaping.escaped(tick.label))</text>\n"
        }
        out += "</g>\n"
    }

    private static func draw(_ bar: TimelineLayout.Bar, layout: TimelineLayout, into out: inout String) {
        let m = layout.metrics
        let fill = DiagramPalette.style(for: bar.kind).fill
        var classes = ["bar", "k-\(bar.kind.rawValue)", "st-\(bar.status.rawValue)"]
        if bar.isCritical { classes.append("critical") }
        let duration = DurationText.seconds(bar.end - bar.start)
        var tooltip = "\(bar.label) — \(bar.type.name)\n\(bar.status.rawValue)\(bar.isUnfinished ? " (unfinished)" : "") · "
            + "\(duration), from \(DurationText.tick(rounded(bar.start))) to \(DurationText.tick(rounded(bar.end)))"
        if bar.isCritical { tooltip += "\non the critical path" }
        if !bar.tasks.isEmpty {
            tooltip += "\ntasks: " + bar.tasks.map { sample in
                "\(sample.running)/\(sample.desired) running"
                    + (sample.starting > 0 ? ", \(sample.starting) starting" : "")
                    + (sample.failed > 0 ? ", \(sample.failed) failed" : "")
                    + " at \(DurationText.tick(rounded(sample.time)))"
            }.joined(separator: ", ")
        }
        tooltip += "\nunlocked: " + (bar.dependents.isEmpty ? "nothing" : bar.dependents.map { "#\($0)" }.joined(separator: ", "))
        let label = bar.label.count > labelLimit ? String(bar.label.prefix(labelLimit - 1)) + "…" : bar.label
        let textY = n(bar.y + m.barHeight - 2)
        let width = max(bar.width, 1.5)
        var stroke = bar.isCritical ? "stroke=\"#263238\" stroke-width=\"2\"" : "stroke=\"#78909c\" stroke-width=\"0.6\""
        switch bar.status {
        case .failed: stroke = "stroke=\"#c62828\" stroke-width=\"2.5\""
        case .warned: stroke = "stroke=\"#f9a825\" stroke-width=\"2\" stroke-dasharray=\"3 2\""
        case .cancelled: stroke = "stroke=\"#ef6c00\" stroke-width=\"1.5\" stroke-dasharray=\"2 2\""
        case .succeeded, .skipped, .unchanged: break
        }
        out += "<g class=\"\(classes.joined(separator: " "))\" id=\"bar-\(bar.nodeID)\" data-node=\"\(bar.nodeID)\" "
            + "data-dependents=\"\(bar.dependents.map(String.init).joined(separator: " "))\">"
        out += "<title>\(MarkupEscaping.escaped(tooltip))</title>"
        out += "<rect class=\"row\" x=\"0\" y=\"\(n(bar.y - (m.rowHeight - m.barHeight) / 2))\" width=\"\(n(layout.width))\" "
            + "height=\"\(n(m.rowHeight))\" fill=\"transparent\"/>"
        out += "<text x=\"\(n(m.labelWidth - 6))\" y=\"\(textY)\" text-anchor=\"end\" fill=\"#37474f\">\(MarkupEscaping.escaped(label))</text>"
        out += "<rect class=\"b\" x=\"\(n(bar.x))\" y=\"\(n(bar.y))\" width=\"\(n(width))\" height=\"\(n(m.barHeight))\" rx=\"2\" "
            + "fill=\"\(fill)\" \(stroke)/>"
        convergence(bar, layout: layout, into: &out)
        var note = duration
        switch bar.status {
        case .failed: note = "✕ failed · " + duration
        case .warned: note = "! warned · " + duration
        case .cancelled: note = "cancelled · " + duration
        case .succeeded, .skipped, .unchanged: break
        }
        let noteColour = bar.status == .failed ? "#c62828" : "#546e7a"
        out += "<text class=\"note\" x=\"\(n(bar.x + width + 4))\" y=\"\(textY)\" fill=\"\(noteColour)\" font-size=\"10\">"
            + "\(MarkupEscaping.escaped(note))</text></g>\n"
    }

    /// A Swarm service's convergence inside its `WaitConverged` bar: from
    /// each sample to the next, a darker band as high as the share of its
    /// tasks running, and a red tick where tasks failed.
    private static func convergence(_ bar: TimelineLayout.Bar, layout: TimelineLayout, into out: inout String) {
        guard !bar.tasks.isEmpty else { return }
        let m = layout.metrics
        var previousFailed = 0
        out += "<g class=\"tasks\">"
        for (index, sample) in bar.tasks.enumerated() {
            let start = max(sample.time, bar.start)
            let end = index + 1 < bar.tasks.count ? bar.tasks[index + 1].time : bar.end
            let share = sample.desired > 0 ? min(1, Double(sample.running) / Double(sample.desired)) : 1
            let height = m.barHeight * share
            if height > 0, end > start {
                out += "<rect x=\"\(n(layout.x(at: start)))\" y=\"\(n(bar.y + m.barHeight - height))\" "
                    + "width=\"\(n(max((end - start) * (bar.width / max(bar.end - bar.start, 1e-9)), 0.5)))\" height=\"\(n(height))\" "
                    + "fill=\"#2e7d32\" fill-opacity=\"0.45\"/>"
            }
            if sample.failed > previousFailed {
                out += "<rect x=\"\(n(layout.x(at: start)))\" y=\"\(n(bar.y))\" width=\"1.5\" height=\"\(n(m.barHeight))\" fill=\"#c62828\"/>"
            }
            previousFailed = sample.failed
        }
        out += "</g>"
    }

    private static func curve(_ layout: TimelineLayout, into out: inout String) {
        let m = layout.metrics
        let top = layout.curveTop
        let baseline = layout.y(inFlight: 0)
        out += "<g class=\"in-flight\">\n"
        out += "<text x=\"\(n(m.labelWidth - 6))\" y=\"\(n(top + m.curveHeight / 2))\" text-anchor=\"end\" fill=\"#37474f\" font-weight=\"bold\">nodes in flight</text>"
        out += "<text x=\"\(n(m.labelWidth - 6))\" y=\"\(n(top + m.curveHeight / 2 + 14))\" text-anchor=\"end\" fill=\"#607d8b\">peak \(layout.curve.peak)"
            + (layout.bound.map { " of --parallel \($0)" } ?? ", unbounded") + "</text>\n"
        for count in [0, layout.curveMaximum] {
            out += "<text x=\"\(n(m.labelWidth - 8))\" y=\"\(n(layout.y(inFlight: count) + 4))\" text-anchor=\"end\" fill=\"#607d8b\">\(count)</text>"
        }
        out += "<line x1=\"\(n(m.labelWidth))\" y1=\"\(n(baseline))\" x2=\"\(n(m.labelWidth + m.plotWidth))\" y2=\"\(n(baseline))\" stroke=\"#90a4ae\"/>\n"
        var path = "M\(n(layout.x(at: 0))) \(n(baseline))"
        // Steps narrower than a pixel would draw as hairlines.
        for step in layout.curve.withoutSpikes(shorterThan: 1 / max(layout.scale, 1e-9)).steps {
            path += " H\(n(layout.x(at: step.time))) V\(n(layout.y(inFlight: step.count)))"
        }
        path += " H\(n(layout.x(at: layout.axis.end))) V\(n(baseline)) Z"
        out += "<path class=\"curve\" d=\"\(path)\" fill=\"#bbdefb\" stroke=\"#1565c0\" stroke-width=\"1.5\"/>\n"
        if let bound = layout.bound {
            let y = n(layout.y(inFlight: bound))
            out += "<line class=\"bound\" x1=\"\(n(m.labelWidth))\" y1=\"\(y)\" x2=\"\(n(m.labelWidth + m.plotWidth))\" y2=\"\(y)\" "
                + "stroke=\"#c62828\" stroke-dasharray=\"6 4\"/>"
            out += "<text x=\"\(n(m.labelWidth + m.plotWidth + 4))\" y=\"\(n(layout.y(inFlight: bound) + 4))\" fill=\"#c62828\">\(bound)</text>\n"
        }
        out += "</g>\n"
    }

    private static func rounded(_ value: Double) -> Double { (value * 1000).rounded() / 1000 }

    /// A coordinate with at most two decimals.
    static func n(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        if rounded == rounded.rounded() { return String(Int(rounded)) }
        return String(format: "%.2f", rounded)
    }
}
