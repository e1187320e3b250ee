import ComposeModel
import Engine
import Executor
import PlanModel
import TestSupport

/// Executable fixture plans, with the node shapes the reconciler produces:
/// each node is written as a line of plan text (``PlanTextBuilder``) plus
/// the operation details the executor needs.
struct ExecutableFixture {
    private var lines = PlanTextBuilder()
    let project: ProjectContext

    init(project: ProjectContext = ExecutableFixture.defaultProject) {
        self.project = project
    }

    static let defaultProject = ProjectContext(
        name: "demo", workingDirectory: "/srv/demo", configFiles: ["/srv/demo/compose.yaml"],
        networks: ["default": NetworkConfig(name: "demo_default"), "back": NetworkConfig(name: "demo_back")],
        volumes: ["data": VolumeConfig(name: "demo_data")])

    var plan: Plan { lines.plan }
    var nodes: [PlanNode] { lines.plan.nodes }

    @discardableResult
    mutating func add(_ type: OperationType, _ resource: String, after dependencies: [Int] = [], cause: String = "test",
                      group: String? = nil, bestEffort: Bool = false, optional: Bool = false,
                      _ details: OperationDetails = OperationDetails()) -> Int {
        lines.add(type, resource, cause, group: group, after: dependencies, bestEffort: bestEffort, optional: optional,
                  details: details)
    }

    @discardableResult
    mutating func createNetwork(_ key: String, after dependencies: [Int] = []) -> Int {
        let network = project.networks[key] ?? NetworkConfig(name: "\(project.name)_\(key)")
        return add(.createNetwork, "network:\(key)", after: dependencies, OperationDetails(name: network.name, key: key, network: network))
    }

    @discardableResult
    mutating func createVolume(_ key: String, after dependencies: [Int] = []) -> Int {
        let volume = project.volumes[key] ?? VolumeConfig(name: "\(project.name)_\(key)")
        return add(.createVolume, "volume:\(key)", after: dependencies, OperationDetails(name: volume.name, key: key, volume: volume))
    }

    func containerName(_ service: ServiceConfig, _ number: Int) -> String {
        ContainerCreateRequest.finalName(service: service, project: project.name, number: number)
    }

    @discardableResult
    mutating func createContainer(_ service: ServiceConfig, number: Int = 1, name: String? = nil,
                                  inheritFrom: ContainerReference? = nil, after dependencies: [Int] = [],
                                  group: String? = nil) -> Int {
        add(.createContainer, "service:\(service.name):\(number)", after: dependencies, group: group,
            OperationDetails(service: service.name, number: number, name: name ?? containerName(service, number),
                             serviceConfig: service, inheritVolumesFrom: inheritFrom))
    }

    @discardableResult
    mutating func start(_ service: ServiceConfig, number: Int = 1, createdBy: Int, after dependencies: [Int]) -> Int {
        add(.startContainer, "service:\(service.name):\(number)", after: dependencies,
            OperationDetails(service: service.name, number: number, name: containerName(service, number), createdBy: createdBy))
    }

    @discardableResult
    mutating func wait(for service: String, _ condition: DependencyCondition, timeout: Double? = nil, optional: Bool = false,
                       after dependencies: [Int]) -> Int {
        add(.waitCondition, "wait:\(service):\(condition.rawValue)", after: dependencies, optional: optional,
            OperationDetails(service: service, condition: condition, timeout: timeout))
    }

    /// A busybox service on `networks` that exits on SIGTERM (init).
    static func service(_ name: String, networks: [String] = ["default"]) -> ServiceConfig {
        var service = ServiceConfig(name: name)
        service.image = "composeplan-test/busybox:latest"
        service.command = ["sleep", "3600"]
        service.`init` = true
        service.stopGracePeriod = ComposeDuration(seconds: 1)
        for network in networks { service.networks[network] = ServiceNetworkAttachment() }
        return service
    }

    func run(on engine: any ContainerEngine, options: ExecutorOptions = ExecutorOptions(),
             events: AsyncStream<ExecutionEvent>.Continuation? = nil) async -> ExecutionRecord {
        await Executor(options: options).run(plan, project: project, fingerprint: "test", on: engine, events: events)
    }
}

extension ExecutionRecord {
    /// The statuses by node id.
    var statuses: [Int: Status] { Dictionary(uniqueKeysWithValues: nodes.map { ($0.id, $0.status) }) }

    /// The most nodes that were running at the same time.
    var maximumOverlap: Int {
        let points = nodes.flatMap { node -> [(Double, Int)] in
            guard let start = node.start, let end = node.end else { return [] }
            return [(start, 1), (end, -1)]
        }.sorted { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var current = 0
        var best = 0
        for (_, delta) in points {
            current += delta
            best = max(best, current)
        }
        return best
    }
}
