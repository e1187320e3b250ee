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
    }

    public var executor: ExecutorOptions
    public var outputs: Outputs

    public init(executor: ExecutorOptions = ExecutorOptions(), outputs: Outputs = Outputs()) {
        self.executor = executor
        self.outputs = outputs
    }

    /// Re-observes through `engine` and throws when the plan is stale.
    public func verifyFresh(_ planFile: PlanFile, on engine: any ContainerEngine) async throws {
        let current: Snapshot
        do {
            current = try await engine.snapshot(project: planFile.project.name)
        } catch {
            throw WorkflowError(EngineProvider.describe(error))
        }
        try StalenessCheck.verify(planFile, against: current)
    }

    /// Runs `planFile` on `engine`, reporting progress to `events`, and writes
    /// the outputs (even when the run failed or was cancelled).
    public func execute(_ planFile: PlanFile, on engine: any ContainerEngine,
                        events: AsyncStream<ExecutionEvent>.Continuation?) async throws -> ExecutionRecord {
        if let simulated = engine as? SimulatedEngine {
            await Self.prepareDryRun(of: planFile, on: simulated)
        }
        let record = await Executor(options: executor).run(planFile, on: engine, events: events)
        try await write(record, of: planFile)
        return record
    }

    /// Makes the simulated engine stand for the project's surroundings:
    /// external networks and volumes exist (they are not part of a project's
    /// snapshot, and the real run requires them), and the services others
    /// wait on with `service_completed_successfully` are one-shot jobs that
    /// exit with 0, as the real ones are meant to.
    static func prepareDryRun(of planFile: PlanFile, on engine: SimulatedEngine) async {
        let project = planFile.project
        for network in project.networks.values.sorted(by: { $0.name < $1.name }) where network.external {
            _ = await engine.addNetwork(name: network.name)
        }
        for volume in project.volumes.values.sorted(by: { $0.name < $1.name }) where volume.external {
            await engine.addVolume(name: volume.name)
        }
        let jobs = Set(planFile.nodes.filter { $0.type == .waitCondition && $0.details.condition == .completedSuccessfully }
            .compactMap { $0.details.service })
        for service in jobs.sorted() {
            await engine.setBehavior(.exits(code: 0, after: .milliseconds(200)), forService: service)
        }
    }

    func write(_ record: ExecutionRecord, of planFile: PlanFile) async throws {
        if let path = outputs.record {
            try Self.write(try record.encoded(), to: path)
        }
        if let path = outputs.trace {
            try Self.write(try ChromeTrace.data(plan: planFile.plan, record: record), to: path)
        }
        if let path = outputs.report {
            let html = try await ReportWorkflow(templatePath: outputs.reportTemplate).render(planFile, record: record)
            try Self.write(Data(html.utf8), to: path)
        }
    }

    static func write(_ data: Data, to path: String) throws {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw WorkflowError("\(path): cannot write: \((error as NSError).localizedFailureReason ?? error.localizedDescription)")
        }
    }
}
