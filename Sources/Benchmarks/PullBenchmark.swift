import Foundation
import PlanModel

/// `composeplan up` against Debian's `docker-compose` 1.29 `up -d` when the
/// images must be pulled: 20 services over 5 images of about 30 MB of
/// random content each (the test busybox image plus one random layer,
/// pushed to a local registry), from nothing, on the same daemon and
/// registry. Prints both times, their ratio, and composeplan's time against
/// the critical path of its own plan under the measured durations.
///
/// `composeplan-benchmarks pull REGISTRY [DOCKER_HOST]` (REGISTRY is
/// `127.0.0.1:PORT`, e.g. from `scripts/start-test-registry.sh`).
enum PullBenchmark {
    static let services = 20
    static let images = 5
    static let layerBytes = 30_000_000

    static func run(_ arguments: [String]) async throws {
        guard let registry = arguments.first,
              let host = arguments.dropFirst().first ?? ProcessInfo.processInfo.environment["DOCKER_HOST"] else {
            print("usage: composeplan-benchmarks pull 127.0.0.1:PORT unix:///path/to/docker.sock   (or set DOCKER_HOST)")
            return
        }
        let binary = ProcessInfo.processInfo.environment["COMPOSEPLAN_BINARY"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("composeplan").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-pull-bench").path
        try? FileManager.default.removeItem(atPath: folder)
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let run = UUID().uuidString.prefix(8).lowercased()
        let references = (0..<images).map { "\(registry)/composeplan-bench/pull\($0)-\(run):1" }
        print("pull benchmark: \(services) services over \(images) images of \(layerBytes / 1_000_000) MB on \(host), registry \(registry)")
        for reference in references { try pushRandomImage(reference, folder: folder, host: host) }
        let file = folder + "/compose.yaml"
        try compose(references).write(toFile: file, atomically: true, encoding: .utf8)

        var times: [String: Double] = [:]
        for tool in ["docker-compose", "composeplan"] {
            for reference in references { _ = try? DockerBenchmark.timed(["/usr/bin/docker", "-H", host, "rmi", "-f", reference], host: host) }
            let project = tool == "composeplan" ? "cppullbench" : "dcpullbench"
            defer { _ = try? DockerBenchmark.timed(["/usr/bin/docker-compose", "-p", project, "-f", file, "down", "-t", "1"], host: host) }
            let command = tool == "composeplan"
                ? [binary, "up", "-y", "--progress", "plain", "-p", project, "-f", file, "-H", host,
                   "-o", folder + "/plan.json", "--record", folder + "/run.json"]
                : ["/usr/bin/docker-compose", "-p", project, "-f", file, "up", "-d"]
            times[tool] = try DockerBenchmark.timed(command, host: host)
            print("\(tool.padding(toLength: 16, withPad: " ", startingAt: 0)) from nothing, pulling: \(String(format: "%.2f", times[tool]!)) s")
        }
        for reference in references { _ = try? DockerBenchmark.timed(["/usr/bin/docker", "-H", host, "rmi", "-f", reference], host: host) }
        let planFile = try PlanFile.read(from: Data(contentsOf: URL(fileURLWithPath: folder + "/plan.json")), path: "plan.json")
        let record = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: folder + "/run.json")), path: "run.json")
        let critical = PlanAnalysis.criticalPath(of: planFile.plan) { record.node($0.id)?.duration ?? 0 }
        let pulls = record.nodes.filter { planFile.plan.node($0.id)?.type == .pullImage }
        let pulled = pulls.compactMap(\.bytes).reduce(0, +)
        print(String(format: "ratio composeplan/docker-compose: %.2f (aim: at most 0.80)", times["composeplan"]! / times["docker-compose"]!))
        print(String(format: "composeplan run %.2f s (whole process %.2f s) vs critical path %.2f s: ratio %.2f; %d pulls, %.1f MB",
                     record.duration, times["composeplan"]!, critical.length, record.duration / max(critical.length, 0.001),
                     pulls.count, Double(pulled) / 1e6))
    }

    /// The test busybox image plus one layer of `layerBytes` random bytes,
    /// pushed as `reference`, then removed locally.
    static func pushRandomImage(_ reference: String, folder: String, host: String) throws {
        let data = folder + "/random.bin"
        try Data(RandomBytes.make(layerBytes)).write(to: URL(fileURLWithPath: data))
        let docker = ["/usr/bin/docker", "-H", host]
        let name = "cp-pull-bench-\(UUID().uuidString.prefix(8).lowercased())"
        _ = try DockerBenchmark.timed(docker + ["create", "--name", name, "composeplan-test/busybox:latest", "true"], host: host)
        defer { _ = try? DockerBenchmark.timed(docker + ["rm", "-f", name], host: host) }
        _ = try DockerBenchmark.timed(docker + ["cp", data, "\(name):/random.bin"], host: host)
        _ = try DockerBenchmark.timed(docker + ["commit", "--change", #"CMD ["sleep", "3600"]"#, name, reference], host: host)
        _ = try DockerBenchmark.timed(docker + ["push", reference], host: host)
        _ = try DockerBenchmark.timed(docker + ["rmi", "-f", reference], host: host)
    }

    /// Service `i` runs image `i mod 5`; every fourth service starts a
    /// chain of dependencies, as in the docker benchmark.
    static func compose(_ references: [String]) -> String {
        var yaml = "services:\n"
        for index in 0..<services {
            yaml += "  s\(index):\n    image: \(references[index % references.count])\n    command: [\"sleep\", \"3600\"]\n"
            yaml += "    init: true\n    stop_grace_period: 1s\n"
            if index % 4 != 0 { yaml += "    depends_on: [s\(index - index % 4)]\n" }
        }
        return yaml
    }
}
