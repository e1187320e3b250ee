import Engine
import Executor
import Foundation
import PlanModel
import Rendering
import Report

/// Executes a plan on an engine and writes what the user asked for: the
/// execution record, a Chrome trace, the HTML report. The second half of
/// `up`, and all of `apply` (which first refuses a stale plan).
public struct ApplyWorkflow: Sendable {
    /// Files to write after the run.
    public struct Outputs: Sendable {
        public var record: String?
        public var trace: String?
        public var report: String?
        /// Overrides the embedded report template.
        public var reportTemplate: String?

        public init(record: String? = nil, trace: String? = nil, report: String? = nil, reportTemplate: String? = nil) {
            self.record = record
            self.trace = trace
            self.report = report
            self.reportTemplate = reportTemplate
        }

        /// Whether any output was asked for.
        public var isEmpty: Bool { record == nil && trace == nil && report == nil }
    }

    /// What a run produced.
    public struct Result: Sendable {
        public var record: ExecutionRecord
        /// The outputs written, in the order written.
        public var written: [WrittenFile]
        /// The outcome per service.
        public var summary: RunSummary
    }

    public var executor: ExecutorOptions
    public var outputs: Outputs

    public init(executor: ExecutorOptions = ExecutorOptions(), outputs: Outputs = Outputs()) {
        self.executor = executor
        self.outputs = outputs
    }

    /// Re-observes through `session` and throws ``WorkflowError/stalePlan(changes:)``
    /// when the project changed since `planFile` was made.
    public func verifyFresh(_ planFile: PlanFile, in session: EngineSession) async throws(WorkflowError) {
        let current = try await session.observe(project: planFile.project.name, target: planFile.options.deploymentTarget)
        try StalenessCheck.verify(planFile, against: current.snapshot)
    }

    /// Runs `planFile` on `session`'s engine, reporting progress to `events`,
    /// and writes the outputs (even when the run failed or was cancelled).
    public func execute(_ planFile: PlanFile, in session: EngineSession,
                        events: AsyncStream<ExecutionEvent>.Continuation?) async throws -> Result {
        let engine = try await session.engine(running: planFile)
        let record = await Executor(options: executor).run(planFile, on: engine, swarm: session.swarmEngine(running: planFile),
                                                            events: events)
        let written = try await write(record, of: planFile)
        return Result(record: record, written: written, summary: RunSummary(plan: planFile.plan, record: record))
    }

    func write(_ record: ExecutionRecord, of planFile: PlanFile) async throws(WorkflowError) -> [WrittenFile] {
        var written: [WrittenFile] = []
        if let path = outputs.record {
            let data: Data
            do { data = try record.encoded() } catch { throw .unwritable(path: path, problem: .other("\(error)")) }
            try FileAccess.writePrivately(data, to: path)
            written.append(WrittenFile(.executionRecord, at: path))
        }
        if let path = outputs.trace {
            let data: Data
            do { data = try ChromeTrace.data(plan: planFile.plan, record: record) } catch { throw .unwritable(path: path, problem: .other("\(error)")) }
            try FileAccess.write(data, to: path)
            written.append(WrittenFile(.trace, at: path))
        }
        if let path = outputs.report {
            try await ReportWorkflow(templatePath: outputs.reportTemplate).write(planFile, record: record, to: path)
            written.append(WrittenFile(.report, at: path))
        }
        return written
    }
}
