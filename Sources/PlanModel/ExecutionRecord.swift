import ComposeModel
import Foundation

/// What happened when a plan ran (`apply --record`): per node, its outcome
/// and when it started and ended, on a monotonic clock relative to the start
/// of the run.
public struct ExecutionRecord: Codable, Hashable, Sendable {
    public static let currentFormatVersion = 1

    /// The outcome of one node.
    public enum Status: String, Codable, Hashable, Sendable, CaseIterable {
        case succeeded, failed
        /// A dependency failed (or was skipped), so the node never ran.
        case skipped
        /// The run was interrupted before or while the node ran.
        case cancelled
        /// A best-effort or optional node failed; the plan went on.
        case warned
        /// A conditional node that did not need to run (a recreate after a
        /// rebuild that gave the image the container already runs); its
        /// dependents run as after a success.
        case unchanged
    }

    /// The outcome of the whole run.
    public enum Outcome: String, Codable, Hashable, Sendable {
        case succeeded, failed, cancelled
    }

    /// One node's record.
    public struct NodeRecord: Codable, Hashable, Sendable {
        public var id: Int
        public var status: Status
        /// Seconds from the start of the run; `nil` when the node never started.
        public var start: Double?
        public var end: Double?
        /// The engine call's result (the new container's id for a create).
        public var result: String?
        public var error: String?
        /// Bytes a pull downloaded (0 when the image was up to date).
        public var bytes: Int?
        /// A `WaitConverged`'s view of the service's tasks each time it
        /// changed (Swarm): the convergence the timeline draws.
        public var tasks: [TaskSample]?

        public init(id: Int, status: Status, start: Double? = nil, end: Double? = nil, result: String? = nil, error: String? = nil,
                    bytes: Int? = nil, tasks: [TaskSample]? = nil) {
            self.id = id
            self.status = status
            self.start = start
            self.end = end
            self.result = result
            self.error = error
            self.bytes = bytes
            self.tasks = tasks
        }

        /// `end - start`, when both are known.
        public var duration: Double? {
            guard let start, let end else { return nil }
            return end - start
        }
    }

    /// A Swarm service's tasks at one moment of a `WaitConverged`.
    public struct TaskSample: Codable, Hashable, Sendable {
        /// Seconds from the start of the run.
        public var time: Double
        /// Tasks running the service's current template.
        public var running: Int
        /// Tasks on their way there (new, pending, preparing, starting, or
        /// still on the previous template).
        public var starting: Int
        /// Tasks the service wants.
        public var desired: Int
        /// Tasks that failed or were rejected so far.
        public var failed: Int

        public init(time: Double, running: Int, starting: Int = 0, desired: Int, failed: Int = 0) {
            self.time = time
            self.running = running
            self.starting = starting
            self.desired = desired
            self.failed = failed
        }
    }

    public var formatVersion: Int
    /// The fingerprint digest of the plan that ran.
    public var fingerprint: String
    public var project: String
    public var engine: EngineIdentity
    /// Wall-clock start (ISO 8601, UTC).
    public var startedAt: String
    /// Seconds from start to the end of the last node.
    public var duration: Double
    /// The `--parallel` bound, `nil` when unbounded.
    public var parallelism: Int?
    public var outcome: Outcome
    /// One record per plan node, in node order.
    public var nodes: [NodeRecord]

    public init(fingerprint: String, project: String, engine: EngineIdentity, startedAt: Date, duration: Double,
                parallelism: Int?, outcome: Outcome, nodes: [NodeRecord]) {
        formatVersion = Self.currentFormatVersion
        self.fingerprint = fingerprint
        self.project = project
        self.engine = engine
        self.startedAt = ISO8601DateFormatter().string(from: startedAt)
        self.duration = duration
        self.parallelism = parallelism
        self.outcome = outcome
        self.nodes = nodes
    }

    /// The record of node `id`.
    public func node(_ id: Int) -> NodeRecord? {
        if id >= 1, id <= nodes.count, nodes[id - 1].id == id { return nodes[id - 1] }
        return nodes.first(where: { $0.id == id })
    }

    /// Pretty, key-sorted JSON.
    public func encoded() throws -> Data {
        try JSONEncoder.prettySorted.encode(self)
    }

    /// Reads a record.
    public static func read(from data: Data, path: String) throws -> ExecutionRecord {
        let record: ExecutionRecord
        do {
            record = try JSONDecoder().decode(ExecutionRecord.self, from: data)
        } catch let error as DecodingError {
            throw PlanFile.ReadError(description: "\(path): not a composeplan execution record: \(PlanFile.describe(error))")
        }
        if let problem = record.implausibleField {
            throw PlanFile.ReadError(description: "\(path): corrupt execution record: \(problem)")
        }
        return record
    }

    /// The longest run a record can describe, seconds (a year): times
    /// beyond it come from a damaged or hand-edited file.
    static let longestRun = 365.0 * 24 * 3600

    /// The first field whose value no run can have (a negative, infinite or
    /// absurdly large time, a node that ends before it starts, a negative
    /// byte count or bound), if any.
    var implausibleField: String? {
        func isTime(_ value: Double) -> Bool { value.isFinite && value >= 0 && value <= Self.longestRun }
        if !isTime(duration) { return "duration is \(duration)" }
        if let parallelism, parallelism < 1 { return "parallelism is \(parallelism)" }
        for (index, node) in nodes.enumerated() {
            if let start = node.start, !isTime(start) { return "nodes[\(index)].start is \(start)" }
            if let end = node.end, !isTime(end) { return "nodes[\(index)].end is \(end)" }
            if let start = node.start, let end = node.end, end < start { return "nodes[\(index)] ends (\(end)) before it starts (\(start))" }
            if let bytes = node.bytes, bytes < 0 { return "nodes[\(index)].bytes is \(bytes)" }
        }
        return nil
    }
}
