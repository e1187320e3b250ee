import ArgumentParser
import Foundation
import PlanModel
import Workflows

/// `composeplan plan [SERVICE…]`: observe, reconcile, print the plan.
struct PlanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show what `up` would do: the reconciliation plan."
    )

    /// Output formats of `plan`.
    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    @OptionGroup var compose: ComposeOptions
    @OptionGroup var engine: EngineOptions
    @OptionGroup var flags: ReconcileFlags

    @Option(name: .customLong("format"), help: "Output format: \(Format.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: Format = .text

    @Option(name: [.customShort("o"), .customLong("out")], help: ArgumentHelp("Save the plan file for `apply`.", valueName: "PLAN.json"))
    var output: String?

    @Flag(name: .customLong("detailed-exitcode"), help: "Exit 0 for an empty plan, 2 for a plan with changes.")
    var detailedExitCode = false

    @Argument(help: "Services to plan (and their dependencies); default: all.")
    var services: [String] = []

    func run() async throws {
        var hasChanges = false
        try await reportingFailures {
            let outcome = try await Planner.plan(compose: compose, engine: engine, flags: flags, services: services)
            Planner.printWarnings(outcome)
            if let output { try Terminal.write(try outcome.planFile.encoded(), to: output) }
            switch format {
            case .text:
                Terminal.output(outcome.plan.text)
            case .json:
                Terminal.output(try outcome.planFile.encoded())
                Terminal.output("\n")
            }
            if outcome.plan.isEmpty { Terminal.error("nothing to do") }
            hasChanges = !outcome.plan.isEmpty
        }
        if detailedExitCode && hasChanges { throw ExitCode(2) }
    }
}
