import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// The simulated Swarm manager: services, tasks, secrets, configs and
/// overlay networks, with the refusals of Engine 20.10's Swarm (swarmkit's
/// control API, its gRPC code mapped to the daemon's HTTP status as the
/// daemon maps it). Tasks start, fail and roll over on the Swarm clock
/// (SimulatedEngine+SwarmProgress.swift), placed by the scheduler
/// (SimulatedEngine+SwarmScheduling.swift).
extension SimulatedEngine: SwarmEngine {
    // MARK: - Configuring the simulation

    /// Moves the Swarm clock ahead by `duration`: tasks start, fail,
    /// restart and rolling updates go on as if that much time had passed,
    /// without waiting.
    public func advanceSwarmClock(by duration: Duration) {
        swarmClockOffset += duration
        swarmSettled = nil
        settleSwarm()
    }

    /// Replaces the node with `node`'s id (or adds it): a node that goes
    /// down, drains or gets labels. Tasks on a node that no longer takes
    /// them are not moved (Swarm moves them; this simulation does not).
    public func setSwarmNode(_ node: SimulatedSwarmNode) {
        swarmSettled = nil
        if let index = swarmNodes.firstIndex(where: { $0.id == node.id }) {
            swarmNodes[index] = node
        } else {
            swarmNodes.append(node)
        }
        settleSwarm()
    }

    // MARK: - Services

    public func createService(_ spec: JSONValue) async throws -> String {
        let name = spec["Name"]?.stringValue ?? ""
        return try await call(.createService, name) {
            try requireManager()
            settleSwarm()
            guard !name.isEmpty else { throw Self.rpc(400, "InvalidArgument", "meta: name must be provided") }
            if services.values.contains(where: { $0.name == name }) {
                throw Self.rpc(409, "AlreadyExists", "name conflicts with an existing object: service \(name) already exists")
            }
            let filled = try storedSpec(spec)
            let id = makeSwarmID()
            let now = Date()
            services[id] = SimulatedService(id: id, version: nextSwarmIndex(), created: now, updated: now, spec: filled)
            settleSwarm()
            return id
        }
    }

    public func updateService(_ reference: String, version: Int, spec: JSONValue) async throws {
        try await call(.updateService, reference, subjects: [spec["Name"]?.stringValue ?? ""]) {
            try requireManager()
            settleSwarm()
            guard var service = findService(reference) else { throw Self.noSuchService(reference) }
            // swarmkit's order: the spec and its references, the mode, the
            // name, and last the version (the store refuses a stale write).
            let filled = try storedSpec(spec)
            if (filled["Mode"]?["Global"] != nil) != service.isGlobal {
                throw Self.rpc(501, "Unimplemented", "service mode change is not allowed")
            }
            if filled["Name"]?.stringValue != service.name {
                throw Self.rpc(501, "Unimplemented", "renaming services is not supported")
            }
            guard version == service.version else { throw Self.rpc(500, "Unknown", "update out of sequence") }
            service.previousSpec = service.spec
            service.spec = filled
            service.version = nextSwarmIndex()
            service.updated = Date()
            service.updateState = nil
            service.updateMessage = ""
            service.updateStarted = nil
            service.updateCompleted = nil
            service.rollout = nil
            services[service.id] = service
            startRollout(of: service.id)
            settleSwarm()
        }
    }

    public func removeService(_ reference: String) async throws {
        try await call(.removeService, reference) {
            try requireManager()
            settleSwarm()
            guard let service = findService(reference) else { throw Self.noSuchService(reference) }
            services[service.id] = nil
            tasks = tasks.filter { $0.value.serviceID != service.id }
            settleSwarm()
        }
    }

    public func inspectService(_ reference: String) async throws -> JSONValue {
        try await call(.inspectService, reference) {
            try requireManager()
            settleSwarm()
            guard let service = findService(reference) else { throw Self.noSuchService(reference) }
            return serviceEntry(service)
        }
    }

    public func tasks(ofService reference: String) async throws -> [JSONValue] {
        try await call(.inspectService, reference) {
            try requireManager()
            settleSwarm()
            guard let service = findService(reference) else { throw Self.noSuchService(reference) }
            return serviceTasks(service.id).map(taskEntry)
        }
    }

    // MARK: - Secrets and configs

    public func createSecret(_ body: JSONValue) async throws -> String {
        try await createFile(body, operation: .createSecret, kind: "secret")
    }

    public func createConfig(_ body: JSONValue) async throws -> String {
        try await createFile(body, operation: .createConfig, kind: "config")
    }

    public func removeSecret(_ reference: String) async throws {
        try await removeFile(reference, operation: .removeSecret, kind: "secret")
    }

    public func removeConfig(_ reference: String) async throws {
        try await removeFile(reference, operation: .removeConfig, kind: "config")
    }

    public func secretID(named name: String) async throws -> String? {
        try await call(.list, name) {
            try requireManager()
            return secrets.values.first { $0.name == name }?.id
        }
    }

    public func configID(named name: String) async throws -> String? {
        try await call(.list, name) {
            try requireManager()
            return configs.values.first { $0.name == name }?.id
        }
    }

    /// `POST /secrets/{id}/update?version=N`: only the labels of a secret
    /// can change (its content never: a new content is a new secret).
    /// composeplan never sends it; it is here so tests can check the rule.
    public func updateSecret(_ reference: String, version: Int, spec: JSONValue) async throws {
        try await updateFile(reference, version: version, spec: spec, operation: .createSecret, kind: "secret")
    }

    /// `POST /configs/{id}/update?version=N`: only the labels can change.
    public func updateConfig(_ reference: String, version: Int, spec: JSONValue) async throws {
        try await updateFile(reference, version: version, spec: spec, operation: .createConfig, kind: "config")
    }

    private func createFile(_ body: JSONValue, operation: EngineOperation, kind: String) async throws -> String {
        let name = body["Name"]?.stringValue ?? ""
        return try await call(operation, name) {
            try requireManager()
            guard !name.isEmpty else { throw Self.rpc(400, "InvalidArgument", "name must be provided") }
            let existing = kind == "secret" ? secrets : configs
            if existing.values.contains(where: { $0.name == name }) {
                throw Self.rpc(409, "AlreadyExists", "\(kind) \(name) already exists")
            }
            let id = makeSwarmID()
            let now = Date()
            let file = SimulatedSwarmFile(id: id, name: name, labels: body["Labels"]?.stringDictionary ?? [:],
                                          data: body["Data"]?.stringValue ?? "", version: nextSwarmIndex(), created: now, updated: now)
            if kind == "secret" { secrets[id] = file } else { configs[id] = file }
            return id
        }
    }

    private func removeFile(_ reference: String, operation: EngineOperation, kind: String) async throws {
        try await call(operation, reference) {
            try requireManager()
            settleSwarm()
            guard let file = findSwarmFile(reference, in: kind == "secret" ? secrets : configs) else {
                throw EngineError(status: 404, message: "\(kind) \(reference) not found")
            }
            // swarmkit looks at the services' specs (not their tasks): a
            // service still referencing the id keeps the object.
            let (field, idKey) = kind == "secret" ? ("Secrets", "SecretID") : ("Configs", "ConfigID")
            let users = services.values.filter { service in
                (service.template["ContainerSpec"]?[field]?.arrayValue ?? []).contains { $0[idKey]?.stringValue == file.id }
            }.map(\.name).sorted()
            if !users.isEmpty {
                let plural = users.count == 1 ? "" : "s"
                throw Self.rpc(400, "InvalidArgument",
                               "\(kind) '\(file.name)' is in use by the following service\(plural): \(users.joined(separator: ", "))")
            }
            if kind == "secret" { secrets[file.id] = nil } else { configs[file.id] = nil }
        }
    }

    private func updateFile(_ reference: String, version: Int, spec: JSONValue, operation: EngineOperation,
                            kind: String) async throws {
        try await call(operation, reference) {
            try requireManager()
            guard var file = findSwarmFile(reference, in: kind == "secret" ? secrets : configs) else {
                throw EngineError(status: 404, message: "\(kind) \(reference) not found")
            }
            guard version == file.version else { throw Self.rpc(500, "Unknown", "update out of sequence") }
            if spec["Name"]?.stringValue != file.name || spec["Data"] != nil {
                throw Self.rpc(400, "InvalidArgument", "only updates to Labels are allowed")
            }
            file.labels = spec["Labels"]?.stringDictionary ?? [:]
            file.version = nextSwarmIndex()
            file.updated = Date()
            if kind == "secret" { secrets[file.id] = file } else { configs[file.id] = file }
        }
    }

    // MARK: - Overlay networks

    public func createSwarmNetwork(_ body: JSONValue) async throws -> String {
        let name = body["Name"]?.stringValue ?? ""
        return try await call(.createNetwork, name) {
            try requireManager()
            guard !name.isEmpty else { throw EngineError(status: 400, message: "network name is empty") }
            if networkIDsByName[name] != nil {
                throw EngineError(status: 409, message: "network with name \(name) already exists")
            }
            let id = makeID()
            register(SimulatedNetwork(id: id, name: name, driver: body["Driver"]?.stringValue ?? "overlay",
                                      labels: body["Labels"]?.stringDictionary ?? [:], created: Date(),
                                      subnet: allocateSubnet(), body: body))
            return id
        }
    }

    public func removeSwarmNetwork(_ reference: String) async throws {
        try await call(.removeNetwork, reference) {
            try requireManager()
            settleSwarm()
            guard let network = try findNetwork(reference) else { throw EngineError.networkNotFound(reference) }
            if network.isPredefined {
                throw EngineError(status: 403, message: "\(network.name) is a pre-defined network and cannot be removed")
            }
            if let user = services.values.sorted(by: { $0.id < $1.id }).first(where: { Self.networkIDs(of: $0.template).contains(network.id) }) {
                throw Self.rpc(400, "FailedPrecondition", "network \(network.id) is in use by service \(user.id)")
            }
            // A task of the previous spec still running keeps the network too.
            if let task = tasks.values.sorted(by: { $0.id < $1.id }).first(where: { task in
                task.desiredState == "running" && task.isActive && Self.networkIDs(of: task.spec).contains(network.id)
            }) {
                throw Self.rpc(400, "FailedPrecondition", "network \(network.id) is in use by task \(task.id)")
            }
            let active = containers.values.contains { container in
                container.isRunning && container.endpoints.values.contains { $0.networkID == network.id }
            }
            if active {
                throw EngineError(status: 403, message: "error while removing network: network \(network.name) id \(network.id) has active endpoints")
            }
            unregisterNetwork(network.id)
        }
    }

    // MARK: - Lookup and helpers

    /// A service by exact id, exact name, then unique id prefix (as the daemon resolves it).
    func findService(_ reference: String) -> SimulatedService? {
        if let service = services[reference] { return service }
        if let service = services.values.first(where: { $0.name == reference }) { return service }
        let matches = services.values.filter { !reference.isEmpty && $0.id.hasPrefix(reference) }
        return matches.count == 1 ? matches.first : nil
    }

    /// A secret or config by exact id, exact name, then unique id prefix.
    func findSwarmFile(_ reference: String, in files: [String: SimulatedSwarmFile]) -> SimulatedSwarmFile? {
        if let file = files[reference] { return file }
        if let file = files.values.first(where: { $0.name == reference }) { return file }
        let matches = files.values.filter { !reference.isEmpty && $0.id.hasPrefix(reference) }
        return matches.count == 1 ? matches.first : nil
    }

    /// The ids of the networks a task template attaches to.
    static func networkIDs(of template: JSONValue) -> [String] {
        (template["Networks"]?.arrayValue ?? []).compactMap { $0["Target"]?.stringValue }
    }

    /// 503 unless the simulated daemon is a Swarm manager (it has nodes).
    func requireManager() throws {
        guard swarmNodes.contains(where: { $0.role == "manager" }) else {
            throw EngineError(status: 503, message: "This node is not a swarm manager. Use \"docker swarm init\" or \"docker swarm join\" to connect this node to swarm and try again.")
        }
    }

    func makeSwarmID() -> String {
        SimulatedSwarmNode.swarmID(using: &swarmGenerator)
    }

    func nextSwarmIndex() -> Int {
        swarmIndex += 1
        return swarmIndex
    }

    /// The daemon's 404 for a service reference it cannot resolve.
    static func noSuchService(_ reference: String) -> EngineError {
        EngineError(status: 404, message: "service \(reference) not found")
    }

    /// A swarmkit refusal as the daemon passes it on: `rpc error: code =
    /// <code> desc = <message>`, with the status the daemon maps the code to
    /// (InvalidArgument and FailedPrecondition 400, NotFound 404,
    /// AlreadyExists 409, Unimplemented 501, Unknown 500).
    static func rpc(_ status: Int, _ code: String, _ message: String) -> EngineError {
        EngineError(status: status, message: "rpc error: code = \(code) desc = \(message)")
    }
}
