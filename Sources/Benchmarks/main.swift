import Foundation

/// `composeplan-benchmarks <name> [options]`: speed and memory figures,
/// printed (not asserted). Build with `-c release` for meaningful numbers.
let benchmarks: [String: (description: String, run: ([String]) async throws -> Void)] = [
    "plan": ("load, reconcile and write plans of generated projects (1,000 to 10,000 services)", PlanBenchmark.run),
    "docker": ("composeplan up vs docker-compose 1.29 on a real daemon (20 services)", DockerBenchmark.run),
    "pull": ("composeplan up vs docker-compose 1.29 when 5 images of 30 MB must be pulled (20 services)", PullBenchmark.run),
    "build": ("a 200 MB, 10,000-file build context: composeplan's BuildImage vs docker build (classic builder)", BuildBenchmark.run),
    "report": ("render and report of 300, 1,000 and 10,000 services: time, memory, size, first paint in chromium", ReportBenchmark.run),
    "render": ("draw plans of 100, 1,000 and 3,000 nodes to SVG in process and with `dot -Tsvg`", RenderBenchmark.run),
    "explain": ("plan with and without field-by-field explanations of 1,000 diverged containers (simulated engine)", ExplainBenchmark.run),
    "executor": ("executor makespan vs critical path on the simulated engine, and overhead per node", ExecutorBenchmark.run),
    "swarm": ("a 500-service stack on a simulated Swarm of 50 nodes: plan time, makespan vs critical path", SwarmBenchmark.run),
    "soak": ("200 up cycles of random small changes on a real daemon: failures, leaks, descriptors and memory", SoakBenchmark.run),
]

let arguments = Array(CommandLine.arguments.dropFirst())
guard let name = arguments.first, let benchmark = benchmarks[name] else {
    print("usage: composeplan-benchmarks <benchmark> [options]\n")
    for (name, entry) in benchmarks.sorted(by: { $0.key < $1.key }) {
        print("  \(name.padding(toLength: 10, withPad: " ", startingAt: 0)) \(entry.description)")
    }
    exit(arguments.isEmpty ? 0 : 64)
}
try await benchmark.run(Array(arguments.dropFirst()))
