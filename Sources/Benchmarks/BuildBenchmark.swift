import Foundation
import PlanModel

/// Sending a large build context: 10,000 files of 20 kB of random content
/// (200 MB in all), built by `composeplan up --build` (its `BuildImage`
/// node: archiving the context and the classic builder's build) against
/// `docker build` with the classic builder (`DOCKER_BUILDKIT=0`) on the
/// same daemon, as a ratio. The Dockerfile only runs `true`, so the time is
/// the context's: archived, sent and unpacked by the daemon.
///
/// `composeplan-benchmarks build [DOCKER_HOST]`.
enum BuildBenchmark {
    static let files = 10_000
    static let fileBytes = 20_000

    static func run(_ arguments: [String]) async throws {
        guard let host = arguments.first ?? ProcessInfo.processInfo.environment["DOCKER_HOST"] else {
            print("usage: composeplan-benchmarks build unix:///path/to/docker.sock   (or set DOCKER_HOST)")
            return
        }
        let binary = ProcessInfo.processInfo.environment["COMPOSEPLAN_BINARY"]
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("composeplan").path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-build-bench").path
        try? FileManager.default.removeItem(atPath: folder)
        let context = folder + "/context"
        try writeContext(at: context)
        try "FROM composeplan-test/busybox:latest\nRUN true\n".write(toFile: context + "/Dockerfile", atomically: true, encoding: .utf8)
        let compose = folder + "/compose.yaml"
        try "services:\n  app:\n    image: cpbench-context:composeplan\n    build: ./context\n    command: [\"true\"]\n"
            .write(toFile: compose, atomically: true, encoding: .utf8)
        print("build benchmark: a context of \(files) files, \(files * fileBytes / 1_000_000) MB, on \(host)")

        var docker = [Double]()
        var ours = [Double]()
        var whole = [Double]()
        for round in 1...2 {
            docker.append(try DockerBenchmark.timed(["/usr/bin/env", "DOCKER_BUILDKIT=0", "/usr/bin/docker", "-H", host, "build", "-q",
                                                     "-t", "cpbench-context:docker", context], host: host))
            let record = folder + "/run-\(round).json"
            whole.append(try DockerBenchmark.timed([binary, "up", "--build", "--no-start", "-y", "--progress", "plain",
                                                    "-p", "cpbenchcontext", "-f", compose, "-H", host, "--record", record], host: host))
            let run = try ExecutionRecord.read(from: Data(contentsOf: URL(fileURLWithPath: record)), path: record)
            ours.append(run.node(1)?.duration ?? .nan)
            print(String(format: "round %d: docker build %.2f s, composeplan BuildImage %.2f s (whole up %.2f s)",
                         round, docker.last!, ours.last!, whole.last!))
        }
        _ = try? DockerBenchmark.timed(["/usr/bin/docker-compose", "-p", "cpbenchcontext", "-f", compose, "down", "-t", "1"], host: host)
        _ = try? DockerBenchmark.timed(["/usr/bin/docker", "-H", host, "rmi", "-f", "cpbench-context:docker", "cpbench-context:composeplan"],
                                       host: host)
        try? FileManager.default.removeItem(atPath: folder)
        print(String(format: "ratio composeplan/docker build (best of 2): %.2f (aim: at most 1.0)", ours.min()! / docker.min()!))
    }

    /// `files` files of random bytes in 100 folders.
    static func writeContext(at path: String) throws {
        for index in 0..<files {
            let folder = "\(path)/d\(index % 100)"
            if index < 100 { try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
            try Data(RandomBytes.make(fileBytes)).write(to: URL(fileURLWithPath: "\(folder)/f\(index)"))
        }
    }
}
