import Foundation
import PlanModel
import Rendering

/// `composeplan-benchmarks render [SIZE…]`: draws generated plans (100,
/// 1,000 and 3,000 nodes by default) to SVG in process and, from the same
/// DOT text, with the `dot -Tsvg` command; prints both times and their
/// ratio, then the time of the largest plan under `--collapse auto`.
enum RenderBenchmark {
    static func run(_ arguments: [String]) async throws {
        let sizes = arguments.compactMap { Int($0) }
        let renderer = PlanRenderer()
        guard let dot = findExecutable("dot") else {
            print("render benchmark: the `dot` command is not installed (Debian package graphviz)")
            return
        }
        print("nodes  edges  in-process SVG (s)  of which diagram (s)  dot -Tsvg (s)  in-process/dot  SVG bytes (in-process / dot)")
        for size in sizes.isEmpty ? [100, 1_000, 3_000] : sizes {
            let plan = GeneratedPlan.make(nodeCount: size)
            let full = RenderOptions(format: .svg, collapse: .none)
            let dotText = try await renderer.render(plan, options: RenderOptions(format: .dot, collapse: .none))
            let runs = size <= 1_000 ? 5 : 2
            var svg = Data()
            var inProcess = Double.infinity
            var command = Double.infinity
            var commandBytes = 0
            var building = Double.infinity
            for _ in 0..<runs {
                building = min(building, try Measure.seconds { _ = try DiagramGraph(plan: plan, options: full) })
                inProcess = min(inProcess, try await Measure.seconds { svg = try await renderer.render(plan, options: full) })
                command = min(command, try Measure.seconds { commandBytes = try runDot(dot, input: dotText) })
            }
            let edges = plan.nodes.reduce(0) { $0 + $1.dependsOn.count }
            print("\(pad(size, 5))  \(pad(edges, 5))  \(pad(Measure.format(inProcess), 18))  \(pad(Measure.format(building), 20))  "
                + "\(pad(Measure.format(command), 13))  "
                + "\(pad(Measure.format(inProcess / command, 2), 14))  \(svg.count) / \(commandBytes)")
        }
        let largest = (sizes.isEmpty ? [3_000] : sizes).max()!
        let plan = GeneratedPlan.make(nodeCount: largest)
        let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: .auto))
        for format in [RenderFormat.svg, .png] {
            var bytes = 0
            let seconds = try await Measure.seconds {
                bytes = try await renderer.render(plan, options: RenderOptions(format: format, collapse: .auto)).count
            }
            print("\(largest) nodes, --collapse auto (\(diagram.nodes.count) boxes, \(diagram.edges.count) arrows) to \(format.rawValue): "
                + "\(Measure.format(seconds)) s, \(bytes) bytes")
        }
        print("peak memory: \(Measure.format(Measure.peakMemoryMiB, 1)) MiB")
    }

    /// Runs `dot -Tsvg` with `input` on stdin; returns the size of its output.
    static func runDot(_ executable: URL, input: Data) throws -> Int {
        let process = Process()
        process.executableURL = executable
        process.arguments = ["-Tsvg"]
        let stdin = Pipe()
        let stdout = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        let writer = stdin.fileHandleForWriting
        let feeding = Thread {
            writer.write(input)
            try? writer.close()
        }
        feeding.start()
        let output = stdout.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw RenderBenchmarkError(description: "dot exited with status \(process.terminationStatus)")
        }
        return output.count
    }

    static func findExecutable(_ name: String) -> URL? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent(name) }
            .first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }

    static func pad(_ value: some CustomStringConvertible, _ width: Int) -> String {
        let text = value.description
        return String(repeating: " ", count: max(0, width - text.count)) + text
    }
}

struct RenderBenchmarkError: Error, CustomStringConvertible {
    var description: String
}

/// Synthetic plans: services with 1 to 12 replicas, fresh creates,
/// recreates, scale-downs and waits, chained by dependencies (the same
/// shape as the rendering tests' generated plans).
enum GeneratedPlan {
    static func make(nodeCount: Int) -> Plan {
        var nodes: [PlanNode] = []
        @discardableResult
        func add(_ type: OperationType, _ resource: PlanResource, _ cause: String, group: String? = nil, after: [Int] = []) -> Int {
            let id = nodes.count + 1
            nodes.append(PlanNode(id: id, type: type, resource: resource, cause: cause, group: group,
                                  dependsOn: Array(Set(after)).sorted(), isReplacement: group != nil && type == .createContainer))
            return id
        }
        let networks = ["front", "back", "default"].map { add(.createNetwork, .network(key: $0), "not found") }
        let volumes = ["data", "cache"].map { add(.createVolume, .volume(key: $0), "not found") }
        var lastNodes: [Int] = []
        var service = 0
        while nodes.count < nodeCount {
            let name = "svc\(service)"
            var infrastructure = [networks[service % 3]]
            if service % 4 == 0 { infrastructure.append(volumes[service % 2]) }
            var dependencies: [Int] = []
            if service > 0 { dependencies.append(lastNodes[service - 1]) }
            if service > 1 { dependencies.append(lastNodes[service / 2]) }
            if service % 4 == 2, let dependency = dependencies.first {
                dependencies.append(add(.waitCondition, .wait(service: "svc\(service - 1)", condition: .healthy),
                                        "dependency svc\(service - 1) must be service_healthy", after: [dependency]))
            }
            var last = 0
            for number in 1...[1, 3, 5, 8, 2, 12][service % 6] {
                let resource = PlanResource.container(service: name, number: number)
                switch service % 5 {
                case 3:
                    let group = "recreate:\(name):\(number)"
                    let create = add(.createContainer, resource, "config changed (tmpName)", group: group, after: infrastructure + dependencies)
                    let stop = add(.stopContainer, resource, "replaced by #\(create)", group: group, after: [create])
                    let remove = add(.removeContainer, resource, "replaced by #\(create)", group: group, after: [stop])
                    let rename = add(.renameContainer, resource, "finalize recreate", group: group, after: [remove])
                    last = add(.startContainer, resource, "service start", after: [rename])
                case 4 where number > 1:
                    let stop = add(.stopContainer, resource, "scale down", after: dependencies)
                    last = add(.removeContainer, resource, "scale down", after: [stop])
                default:
                    let create = add(.createContainer, resource, "no existing container", after: infrastructure + dependencies)
                    last = add(.startContainer, resource, "service start", after: [create] + dependencies)
                }
            }
            lastNodes.append(last)
            service += 1
        }
        return Plan(nodes: Array(nodes.prefix(nodeCount)))
    }
}
