import Executor
import Foundation
import PlanModel

/// Prints execution progress: on a terminal, a live list of the operations
/// in flight and the last ones finished, with their state and elapsed time;
/// otherwise one line per event; or JSON Lines (`--progress json`).
final class ProgressPrinter: @unchecked Sendable {
    /// How progress is shown (`--progress`).
    enum Style: String, CaseIterable {
        case auto, tty, plain, json
    }

    private let plan: Plan
    private let style: Style
    private var running: [Int: Double] = [:]
    private var finished: [(id: Int, status: ExecutionRecord.Status, seconds: Double)] = []
    private var drawnLines = 0
    private var counts: [ExecutionRecord.Status: Int] = [:]
    private var lastTime = 0.0

    init(plan: Plan, style: Style) {
        self.plan = plan
        switch style {
        case .auto: self.style = Terminal.standardErrorIsTerminal ? .tty : .plain
        default: self.style = style
        }
    }

    func handle(_ event: ExecutionEvent) {
        lastTime = max(lastTime, event.time)
        switch style {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(event) {
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
        case .plain:
            if let line = plainLine(event) { Terminal.error(line) }
        case .tty, .auto:
            update(event)
            redraw()
        }
    }

    /// The closing summary line.
    func finish(_ record: ExecutionRecord) {
        if style == .tty { redraw(final: true) }
        guard style != .json else { return }
        let summary = ExecutionRecord.Status.allCases.compactMap { status -> String? in
            let count = record.nodes.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }.joined(separator: ", ")
        Terminal.error("\(record.outcome.rawValue) in \(String(format: "%.2f", record.duration))s: \(summary)")
    }

    private func describe(_ id: Int) -> String {
        guard let node = plan.node(id) else { return "#\(id)" }
        return "#\(id) \(node.resource) \(node.type.name)"
    }

    private func plainLine(_ event: ExecutionEvent) -> String? {
        let time = String(format: "%7.2fs", event.time)
        switch event.kind {
        case .started:
            running[event.node ?? 0] = event.time
            return "\(time) start   \(describe(event.node ?? 0))"
        case .progress:
            return "\(time) wait    \(describe(event.node ?? 0)): \(event.message ?? "")"
        case .finished:
            let status = event.status?.rawValue ?? "done"
            let took = running.removeValue(forKey: event.node ?? 0).map { String(format: " (%.2fs)", event.time - $0) } ?? ""
            let error = event.message.map { ": \($0)" } ?? ""
            return "\(time) \(status.padding(toLength: 9, withPad: " ", startingAt: 0)) \(describe(event.node ?? 0))\(took)\(error)"
        case .cancelling:
            return "\(time) interrupted: waiting for operations in flight; nothing new starts"
        }
    }

    private func update(_ event: ExecutionEvent) {
        switch event.kind {
        case .started:
            running[event.node ?? 0] = event.time
        case .finished:
            let start = running.removeValue(forKey: event.node ?? 0) ?? event.time
            let status = event.status ?? .succeeded
            counts[status, default: 0] += 1
            finished.append((event.node ?? 0, status, event.time - start))
            if status == .failed || status == .warned, let message = event.message {
                clear()
                Terminal.error("\(status == .failed ? "failed" : "warning"): \(describe(event.node ?? 0)): \(message)")
            }
        case .progress, .cancelling:
            break
        }
    }

    private func clear() {
        guard drawnLines > 0 else { return }
        FileHandle.standardError.write(Data("\u{1B}[\(drawnLines)A\u{1B}[J".utf8))
        drawnLines = 0
    }

    private func redraw(final: Bool = false) {
        clear()
        var lines: [String] = []
        for (id, status, seconds) in finished.suffix(final ? 0 : 6) {
            let mark = status == .succeeded ? "✔" : (status == .warned ? "!" : "✘")
            lines.append(" \(mark) \(describe(id)) \(status.rawValue) \(String(format: "%.2fs", seconds))")
        }
        for (id, start) in running.sorted(by: { $0.key < $1.key }).prefix(12) {
            lines.append(" ⋯ \(describe(id)) running \(String(format: "%.1fs", lastTime - start))")
        }
        let done = counts.values.reduce(0, +)
        if !final {
            lines.append(" \(done)/\(plan.nodes.count) done, \(running.count) in flight, \(String(format: "%.1fs", lastTime))")
        }
        if !lines.isEmpty {
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        drawnLines = lines.count
    }
}
