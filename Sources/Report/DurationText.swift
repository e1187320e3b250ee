import Foundation

/// How the report writes times: `850 ms`, `1.25 s`, `2 min 5 s`.
enum DurationText {
    static func seconds(_ value: Double) -> String {
        if value < 0.000_5 { return "0 ms" }
        if value < 1 { return "\(Int((value * 1000).rounded())) ms" }
        if value < 60 { return String(format: "%.2f s", value) }
        let minutes = Int(value / 60)
        return "\(minutes) min \(Int((value - Double(minutes) * 60).rounded())) s"
    }

    /// An axis label: `0 s`, `0.25 s`, `1.5 s`, `120 s` (no trailing zeros).
    static func tick(_ value: Double) -> String {
        var text = String(format: "%.3f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return "\(text) s"
    }
}
