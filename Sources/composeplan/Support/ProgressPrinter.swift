import Executor
import Foundation
import PlanModel

/// Prints execution progress: on a terminal, a live list of the operations
/// in flight and the last ones finished, replaced at the end by the final
/// state of every operation; otherwise one line per event; or JSON Lines
/// (`--progress json`). A dry run says so before the first operation and
/// on the live status line.
final class ProgressPrinter: @unchecked Sendable {
    /// The styles after `auto` is resolved.
    enum Output { case tty, plain, json }

    private let plan: Plan
    private let output: Output
    private let dryRun: Bool
    private var running: [Int: Double] = [:]
    /// The last progress text of each node in flight (a pull's bytes, a wait's replicas).
    private var progressText: [Int: String] = [:]
    private var finished: [(id: Int, status: ExecutionRecord.Status, seconds: Double)] = []
    private var drawnLines = 0
    private var lastTime = 0.0

    init(plan: Plan, style: ProgressStyle, dryRun: Bool) {
        self.plan = plan
        self.dryRun = dryRun
        switch style {
        case .auto: output = Terminal.standardErrorIsTerminal ? .tty : .plain
        case .tty: output = .tty
        case .plain: output = .plain
        case .json: output = .json
        }
    }

    /// The line before the run: where it goes.
    func start() {
        guard output != .json, dryRun, !plan.isEmpty else { return }
        Terminal.error("dry run: running \(plan.nodes.count) operations on the simulated engine; nothing reaches the daemon")
    }

    func handle(_ event: ExecutionEvent) {
        lastTime = max(lastTime, event.time)
        switch output {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            if let data = try? encoder.encode(event) {
                FileHandle.standardError.write(data + Data("\n".utf8))
            }
        case .plain:
            if let line = plainLine(event) { Terminal.error(line) }
        case .tty:
            update(event)
            redraw()
        }
    }

    /// On a terminal, every operation's final state; then the closing line.
    func finish(_ record: ExecutionRecord) {
        if output == .tty { drawFinal(record) }
        guard output != .json else { return }
        let summary = ExecutionRecord.Status.allCases.compactMap { status -> String? in
            let count = record.nodes.filter { $0.status == status }.count
            return count > 0 ? "\(count) \(status.rawValue)" : nil
        }.joined(separator: ", ")
        Terminal.error("\(dryRun ? "dry run " : "")\(record.outcome.rawValue) in \(String(format: "%.2f", record.duration))s: \(summary)")
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
            let word = switch plan.node(event.node ?? 0)?.type {
            case .pullImage?: "pull   "
            case .buildImage?: "build  "
            default: "wait   "
            }
            return "\(time) \(word) \(describe(event.node ?? 0)): \(event.message ?? "")"
        case .finished:
            let status = event.status?.rawValue ?? "done"
            var took = running.removeValue(forKey: event.node ?? 0).map { String(format: " (%.2fs)", event.time - $0) } ?? ""
            if let bytes = event.completedBytes, bytes > 0 { took += " \(ByteText.format(bytes))" }
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
        case .progress:
            if let message = event.message { progressText[event.node ?? 0] = message }
        case .finished:
            progressText[event.node ?? 0] = nil
            let start = running.removeValue(forKey: event.node ?? 0) ?? event.time
            let status = event.status ?? .succeeded
            finished.append((event.node ?? 0, status, event.time - start))
            if status == .failed || status == .warned, let message = event.message {
                clear()
                Terminal.error("\(status == .failed ? "failed" : "warning"): \(describe(event.node ?? 0)): \(message)")
            }
        case .cancelling:
            break
        }
    }

    private func clear() {
        guard drawnLines > 0 else { return }
        FileHandle.standardError.write(Data("\u{1B}[\(drawnLines)A\u{1B}[J".utf8))
        drawnLines = 0
    }

    private func draw(_ lines: [String]) {
        clear()
        if !lines.isEmpty {
            FileHandle.standardError.write(Data((lines.joined(separator: "\n") + "\n").utf8))
        }
        drawnLines = lines.count
    }

    private func redraw() {
        var lines: [String] = []
        for (id, status, seconds) in finished.suffix(6) {
            lines.append(Self.line(mark: Self.mark(status), describe(id), status.rawValue, seconds: seconds))
        }
        for (id, start) in running.sorted(by: { $0.key < $1.key }).prefix(12) {
            let detail = progressText[id].map { ": \($0)" } ?? ""
            lines.append(" ⋯ \(describe(id)) running \(String(format: "%.1fs", lastTime - start))\(detail)")
        }
        lines.append(" \(finished.count)/\(plan.nodes.count) done, \(running.count) in flight, \(String(format: "%.1fs", lastTime))"
            + (dryRun ? " (dry run)" : ""))
        draw(lines)
    }

    /// Replaces the live list with one line per operation, in plan order,
    /// and leaves it on screen.
    private func drawFinal(_ record: ExecutionRecord) {
        let lines = plan.nodes.map { node -> String in
            let entry = record.node(node.id)
            let status = entry?.status ?? .skipped
            return Self.line(mark: Self.mark(status), describe(node.id), status.rawValue, seconds: entry?.duration)
        }
        draw(lines)
        drawnLines = 0
    }

    /// ` ✔ #1 network:default CreateNetwork succeeded 0.05s`.
    static func line(mark: String, _ operation: String, _ status: String, seconds: Double?) -> String {
        " \(mark) \(operation) \(status)" + (seconds.map { String(format: " %.2fs", $0) } ?? "")
    }

    static func mark(_ status: ExecutionRecord.Status) -> String {
        switch status {
        case .succeeded: "✔"
        case .warned: "!"
        case .failed: "✘"
        default: "-"
        }
    }
}
