import PlanModel
import Workflows

/// The human summaries on standard error: what a plan changes, the orphans
/// it leaves alone, the files written, how a run went per service. Standard
/// output keeps only the plan itself.
enum Summaries {
    static func warnings(_ outcome: PlanningWorkflow.Outcome) {
        for warning in outcome.project.warnings + outcome.plan.warnings {
            Terminal.warn(warning)
        }
    }

    /// `Plan: 3 to create, 1 to replace; unchanged: web`, and the orphan hint.
    static func plan(_ summary: PlanSummary) {
        Terminal.error(summary.totals.isEmpty ? summary.line : "Plan: \(summary.line)")
        if !summary.orphansLeft.isEmpty {
            let count = summary.orphansLeft.count
            Terminal.error("found \(count) orphan container\(count == 1 ? "" : "s") (\(summary.orphansLeft.joined(separator: ", "))) "
                + "of services not in the compose files; the plan leaves \(count == 1 ? "it" : "them") alone: "
                + "run with --remove-orphans to remove \(count == 1 ? "it" : "them")")
        }
    }

    /// The totals of a saved plan (which does not know the services it leaves alone).
    static func totals(of plan: Plan) {
        let summary = PlanSummary(plan: plan, services: [], orphansLeft: [])
        Terminal.error(summary.totals.isEmpty ? summary.line : "Plan: \(summary.line)")
    }

    /// `wrote diagram plan.svg`, one line per file.
    static func written(_ files: [WrittenFile]) {
        for file in files { Terminal.error("wrote \(file.content.rawValue) \(file.path)") }
    }

    /// The outcome per service, the files written, and for a dry run the
    /// reminder that nothing reached the daemon.
    static func run(_ result: ApplyWorkflow.Result, dryRun: Bool) {
        for entry in result.summary.entries { Terminal.error("  \(entry.line)") }
        written(result.written)
        if dryRun { Terminal.error("dry run: nothing reached the daemon") }
    }
}
