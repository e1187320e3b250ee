import ComposeModel
import Engine
import PlanModel

/// Carries out one plan node on the engine: the Engine API call(s) for its
/// operation type, from the details the reconciler put in the node.
struct NodeOperation: Sendable {
    let node: PlanNode
    /// The container made by the node's `createdBy` create, when it has one.
    let createdContainer: String?
    let context: ExecutionContext

    private var details: OperationDetails { node.details }
    private var engine: any ContainerEngine { context.engine }

    /// Performs the operation; returns its result (a new container's or
    /// network's id, a volume's name, a pulled image's ID), if any.
    func perform() async throws -> OperationResult {
        if node.details.swarm != nil {
            guard let swarm = context.swarm else {
                throw NodeFailure("node #\(node.id) (\(node.type.name)) is a Swarm operation, and this run has no Swarm manager")
            }
            if node.type == .waitConverged {
                let (report, samples) = try await ServiceConvergencePoller(node: node, swarm: swarm, context: context).wait()
                return OperationResult(value: report, tasks: samples)
            }
            return OperationResult(value: try await SwarmOperation(node: node, swarm: swarm, context: context).perform())
        }
        if node.type == .pullImage { return try await ImagePull(node: node, context: context).perform() }
        if node.type == .buildImage { return try await ImageBuild(node: node, context: context).perform() }
        return OperationResult(value: try await performCall())
    }

    private func performCall() async throws -> String? {
        switch node.type {
        case .createNetwork:
            guard let key = details.key, let network = details.network else { throw missing("key and network") }
            let request = NetworkCreateRequest(key: key, name: details.name ?? network.name, network: network,
                                               project: context.project.name)
            let id = try await engine.createNetwork(request)
            await context.networks.record(id, for: request.name)
            return id
        case .removeNetwork:
            try await engine.removeNetwork(try await networkID())
        case .disconnectNetwork:
            // The plan disconnects every container of the services on a
            // recreated network; one that is not connected is already done.
            let network = try await networkID()
            let target = try container()
            guard isConnected(try await engine.inspectContainer(target), to: network) else { return "not connected" }
            try await engine.disconnectContainer(target, from: network, force: false)
        case .connectNetwork:
            let containerName = details.container?.name ?? details.name ?? ""
            let endpoint = NetworkEndpoint(network: try await networkID(), service: details.service ?? "",
                                           containerName: containerName, attachment: details.attachment)
            let target = try container()
            guard !isConnected(try await engine.inspectContainer(target), to: endpoint.network) else { return "already connected" }
            try await engine.connectContainer(target, to: endpoint)
        case .createVolume:
            guard let key = details.key, let volume = details.volume else { throw missing("key and volume") }
            return try await engine.createVolume(VolumeCreateRequest(key: key, name: details.name ?? volume.name,
                                                                     volume: volume, project: context.project.name))
        case .removeVolume:
            try await engine.removeVolume(try required(details.name, "name"))
        case .createContainer:
            return try await ContainerCreation(node: node, context: context).perform()
        case .startContainer:
            // A paused container (planned as "not running") is resumed: Docker
            // refuses to start it.
            let target = try container()
            if node.revivesContainer, try await engine.inspectContainer(target).status == "paused" {
                try await engine.unpauseContainer(target)
            } else {
                try await engine.startContainer(target)
            }
        case .stopContainer:
            try await engine.stopContainer(try container(), timeout: details.timeout.map { Int($0.rounded(.up)) })
        case .removeContainer:
            try await engine.removeContainer(try container(), force: false)
        case .renameContainer:
            try await engine.renameContainer(try container(), to: try required(details.name, "name"))
        case .waitCondition:
            return try await WaitConditionPoller(node: node, context: context).wait()
        case .runHook:
            guard let hook = details.hook else { throw missing("hook") }
            let result = try await engine.exec(ExecRequest(hook: hook), in: try container())
            guard result.exitCode == 0 else {
                let moment = details.hookMoment?.rawValue ?? "lifecycle"
                throw NodeFailure(Self.hookFailure(moment: moment, command: hook.command, result: result))
            }
        case .pullImage, .buildImage:
            preconditionFailure("pulls and builds are performed by ImagePull and ImageBuild")
        case .createService, .updateService, .removeService, .createSecret, .createConfig, .removeSecret, .removeConfig,
             .waitConverged:
            throw missing("Swarm details")
        }
        return nil
    }

    /// `post_start hook ["sh", "-c", "exit 3"] exited with code 3: <last lines of output>`.
    static func hookFailure(moment: String, command: [String], result: ExecResult) -> String {
        let lines = result.output.split(separator: "\n", omittingEmptySubsequences: true).suffix(5)
        let quoted = "[" + command.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
        var message = "\(moment) hook \(quoted) exited with code \(result.exitCode)"
        if !lines.isEmpty { message += ": " + lines.joined(separator: " | ") }
        return message
    }

    /// The container the node acts on: the one its create made, else the existing one.
    private func container() throws -> String {
        if let createdContainer { return createdContainer }
        if let existing = details.container?.id, !existing.isEmpty { return existing }
        if let creator = details.createdBy { throw NodeFailure("the container of #\(creator) was not created") }
        throw missing("container")
    }

    /// The id of the network the node addresses: the plan's, else the one
    /// its name resolves to in this run.
    private func networkID() async throws -> String {
        if let id = details.networkID, !id.isEmpty { return id }
        return try await context.networks.id(of: try required(details.name, "name"), on: engine)
    }

    /// Whether the inspected container has an endpoint on network `id` (a
    /// container never started has no network id yet: its endpoint is
    /// known by the network's name).
    private func isConnected(_ inspection: ContainerInspection, to id: String) -> Bool {
        inspection.networks.contains { $0.value == id || ($0.value.isEmpty && $0.key == details.name) }
    }

    private func required(_ value: String?, _ field: String) throws -> String {
        guard let value, !value.isEmpty else { throw missing(field) }
        return value
    }

    private func missing(_ what: String) -> NodeFailure {
        NodeFailure("node #\(node.id) (\(node.type.name)) lacks its \(what) in the plan")
    }
}
