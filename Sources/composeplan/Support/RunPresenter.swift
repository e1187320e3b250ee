import ArgumentParser
import Executor
import PlanModel
import Workflows

/// Runs a plan with progress output and Ctrl-C handling, then prints the
/// outcome per service and the files written; shared by `apply` and `up`.
enum RunPresenter {
    static func execute(_ planFile: PlanFile, in session: EngineSession, options: ApplyOptions) async throws -> ExecutionRecord {
        let dryRun = session.mode.isDryRun
        let printer = ProgressPrinter(plan: planFile.plan, style: options.progress, dryRun: dryRun)
        let workflow = options.workflow
        printer.start()
        let result = try await Interrupt.cancelling {
            let (events, sink) = AsyncStream.makeStream(of: ExecutionEvent.self)
            async let result = workflow.execute(planFile, in: session, events: sink)
            for await event in events { printer.handle(event) }
            return try await result
        }
        printer.finish(result.record)
        for node in result.record.nodes where node.status == .failed {
            let described = planFile.plan.node(node.id).map { "#\($0.id) \($0.resource) \($0.type.name)" } ?? "#\(node.id)"
            Terminal.error("error: \(described) failed: \(node.error ?? "unknown error")")
        }
        Summaries.run(result, dryRun: dryRun)
        return result.record
    }

    /// Exit code 1 unless the run succeeded.
    static func exitStatus(_ record: ExecutionRecord) throws {
        guard record.outcome == .succeeded else { throw ExitCode(1) }
    }
}
