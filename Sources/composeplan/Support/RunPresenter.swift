import ArgumentParser
import Engine
import Executor
import PlanModel
import Workflows

/// Runs a plan with progress output and Ctrl-C handling; shared by `apply` and `up`.
enum RunPresenter {
    static func execute(_ planFile: PlanFile, on engine: any ContainerEngine, options: ApplyOptions) async throws -> ExecutionRecord {
        let printer = ProgressPrinter(plan: planFile.plan, style: options.progressStyle)
        let workflow = options.workflow
        let record = try await Interrupt.cancelling {
            let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
            async let record = workflow.execute(planFile, on: engine, events: sink)
            for await event in events { printer.handle(event) }
            return try await record
        }
        printer.finish(record)
        for node in record.nodes where node.status == .failed {
            let described = planFile.plan.node(node.id).map { "#\($0.id) \($0.resource) \($0.type.name)" } ?? "#\(node.id)"
            Terminal.error("error: \(described) failed: \(node.error ?? "unknown error")")
        }
        return record
    }

    /// Exit code 1 unless the run succeeded.
    static func exitStatus(_ record: ExecutionRecord) throws {
        guard record.outcome == .succeeded else { throw ExitCode(1) }
    }
}
