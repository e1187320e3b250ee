import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// The simulated Swarm observed and seeded: answers shaped like Engine
/// 20.10's `GET /services`, `/tasks`, `/secrets`, `/configs` and
/// `/nodes` entries, and a snapshot's `swarm` arrays loaded back as state.
extension SimulatedEngine {
    public func swarmSnapshot(stack: String) async throws -> Snapshot {
        try await call(.list, stack) {
            try requireManager()
            settleSwarm()
            let stackServices = services.values.filter { $0.spec["Labels"]?[StackLabel.namespace]?.stringValue == stack }
                .sorted { $0.name < $1.name }
            let swarm = SwarmObjects(services: stackServices.map(serviceEntry),
                                     tasks: stackServices.flatMap { serviceTasks($0.id) }.map(taskEntry),
                                     secrets: secrets.values.sorted { $0.name < $1.name }.map { fileEntry($0, withData: false) },
                                     configs: configs.values.sorted { $0.name < $1.name }.map { fileEntry($0, withData: true) },
                                     nodes: swarmNodes.map(nodeEntry))
            // Swarm-scoped networks only, as the daemon's answer is filtered.
            let overlays = networks.values.sorted { $0.name < $1.name }.map(listEntry).filter { $0["Scope"]?.stringValue == "swarm" }
            return Snapshot(engine: versionJSON, networks: overlays, swarm: swarm)
        }
    }

    /// The tasks of a service, by slot (or node) and age.
    func serviceTasks(_ serviceID: String) -> [SimulatedTask] {
        tasks.values.filter { $0.serviceID == serviceID }.sorted { ($0.slot, $0.createdAt, $0.id) < ($1.slot, $1.createdAt, $1.id) }
    }

    /// A `GET /services` entry.
    func serviceEntry(_ service: SimulatedService) -> JSONValue {
        var entry = service.seed?.objectValue ?? [:]
        entry["ID"] = .string(service.id)
        entry["Version"] = ["Index": .int(service.version)]
        entry["CreatedAt"] = .string(timestamps.string(from: service.created))
        entry["UpdatedAt"] = .string(timestamps.string(from: service.updated))
        entry["Spec"] = service.spec
        entry["PreviousSpec"] = service.previousSpec
        if service.seed?["Endpoint"] == nil {
            let virtualIPs: [JSONValue] = Self.networkIDs(of: service.template).enumerated().map { index, id in
                ["NetworkID": .string(id), "Addr": .string("10.0.\((networks[id]?.subnet ?? 0) % 256).\(index + 2)/24")]
            }
            var endpoint: [String: JSONValue] = ["Spec": service.spec["EndpointSpec"] ?? .object([:])]
            if !virtualIPs.isEmpty { endpoint["VirtualIPs"] = .array(virtualIPs) }
            entry["Endpoint"] = .object(endpoint)
        }
        if let state = service.updateState {
            var status: [String: JSONValue] = ["State": .string(state), "Message": .string(service.updateMessage)]
            if let started = service.updateStarted { status["StartedAt"] = .string(timestamps.string(from: started)) }
            if let completed = service.updateCompleted { status["CompletedAt"] = .string(timestamps.string(from: completed)) }
            entry["UpdateStatus"] = .object(status)
        } else {
            entry["UpdateStatus"] = nil
        }
        return .object(entry)
    }

    /// A `GET /tasks` entry.
    func taskEntry(_ task: SimulatedTask) -> JSONValue {
        var entry = task.seed?.objectValue ?? [:]
        entry["ID"] = .string(task.id)
        entry["Version"] = ["Index": .int(task.version)]
        entry["CreatedAt"] = .string(timestamps.string(from: swarmDate(task.createdAt)))
        entry["UpdatedAt"] = .string(timestamps.string(from: swarmDate(task.changedAt)))
        if entry["Labels"] == nil { entry["Labels"] = .object([:]) }
        entry["Spec"] = task.spec
        entry["ServiceID"] = .string(task.serviceID)
        entry["Slot"] = task.slot.slot > 0 ? .int(task.slot.slot) : nil
        entry["NodeID"] = task.nodeID.isEmpty ? nil : .string(task.nodeID)
        var status: [String: JSONValue] = ["Timestamp": .string(timestamps.string(from: swarmDate(task.changedAt))),
                                           "State": .string(task.state), "Message": .string(task.message)]
        if !task.error.isEmpty { status["Err"] = .string(task.error) }
        if task.state == "running" || task.state == "shutdown" {
            status["ContainerStatus"] = ["ContainerID": .string(Self.imageID(task.id)), "PID": .int(task.state == "running" ? 4242 : 0),
                                         "ExitCode": 0]
        }
        entry["Status"] = .object(status)
        entry["DesiredState"] = .string(task.desiredState)
        return .object(entry)
    }

    /// A `GET /secrets` or `GET /configs` entry (a secret's data is never returned).
    func fileEntry(_ file: SimulatedSwarmFile, withData: Bool) -> JSONValue {
        var spec: [String: JSONValue] = ["Name": .string(file.name), "Labels": .object(file.labels.mapValues(JSONValue.string))]
        if withData { spec["Data"] = .string(file.data) }
        return ["ID": .string(file.id), "Version": ["Index": .int(file.version)],
                "CreatedAt": .string(timestamps.string(from: file.created)), "UpdatedAt": .string(timestamps.string(from: file.updated)),
                "Spec": .object(spec)]
    }

    /// A `GET /nodes` entry.
    func nodeEntry(_ node: SimulatedSwarmNode) -> JSONValue {
        let index = (swarmNodes.firstIndex { $0.id == node.id } ?? 0) + 2
        var entry: [String: JSONValue] = [
            "ID": .string(node.id), "Version": ["Index": 9],
            "Spec": ["Labels": .object(node.labels.mapValues(JSONValue.string)), "Role": .string(node.role),
                     "Availability": .string(node.availability)],
            "Description": ["Hostname": .string(node.hostname), "Platform": ["Architecture": "x86_64", "OS": "linux"],
                            "Engine": ["EngineVersion": .string(configuration.version)]],
            "Status": ["State": .string(node.state), "Addr": .string("10.0.0.\(index)")],
        ]
        if node.role == "manager" {
            let leader = swarmNodes.first { $0.role == "manager" }?.id == node.id
            entry["ManagerStatus"] = ["Leader": .bool(leader), "Reachability": "reachable", "Addr": .string("10.0.0.\(index):2377")]
        }
        return .object(entry)
    }

    /// The wall-clock date of a Swarm clock instant.
    func swarmDate(_ instant: ContinuousClock.Instant) -> Date {
        Date().addingTimeInterval(Self.seconds(instant - swarmNow()))
    }

    // MARK: - Seeding

    /// A snapshot's `swarm` arrays as the Swarm's state: its nodes (when it
    /// lists any) replace the configured ones; its services, tasks,
    /// secrets and configs are kept with their ids, versions and specs as
    /// given (the manager's defaults are already in them). A task still on
    /// its way starts again; a service caught updating resumes its update.
    func loadSwarm(_ swarm: SwarmObjects) {
        if !swarm.nodes.isEmpty {
            swarmNodes = swarm.nodes.map(SwarmNodeSummary.init).map { node in
                SimulatedSwarmNode(hostname: node.hostname, role: node.role.isEmpty ? "worker" : node.role, labels: node.labels,
                                   availability: node.availability.isEmpty ? "active" : node.availability,
                                   state: node.state.isEmpty ? "ready" : node.state, id: node.id.isEmpty ? nil : node.id)
            }
        }
        var highest = swarmIndex
        func version(_ json: JSONValue) -> Int {
            let index = json["Version"]?["Index"]?.intValue ?? 0
            highest = max(highest, index)
            return index
        }
        for (list, isSecret) in [(swarm.secrets, true), (swarm.configs, false)] {
            for json in list {
                let summary = SwarmFileObjectSummary(json)
                guard !summary.name.isEmpty else { continue }
                let id = summary.id.isEmpty ? makeSwarmID() : summary.id
                let file = SimulatedSwarmFile(id: id, name: summary.name, labels: summary.labels, data: summary.data ?? "",
                                              version: version(json), created: Self.date(json["CreatedAt"]) ?? Date(),
                                              updated: Self.date(json["UpdatedAt"]) ?? Date())
                if isSecret { secrets[id] = file } else { configs[id] = file }
            }
        }
        for json in swarm.services {
            let summary = SwarmServiceSummary(json)
            guard !summary.name.isEmpty else { continue }
            let id = summary.id.isEmpty ? makeSwarmID() : summary.id
            var service = SimulatedService(id: id, version: version(json), created: Self.date(json["CreatedAt"]) ?? Date(),
                                           updated: Self.date(json["UpdatedAt"]) ?? Date(), spec: summary.spec,
                                           previousSpec: json["PreviousSpec"], seed: json)
            service.updateState = summary.updateState.isEmpty ? nil : summary.updateState
            service.updateMessage = summary.updateMessage
            service.updateStarted = Self.date(json["UpdateStatus"]?["StartedAt"])
            service.updateCompleted = Self.date(json["UpdateStatus"]?["CompletedAt"])
            services[id] = service
        }
        let now = swarmNow()
        for json in swarm.tasks {
            let summary = SwarmTaskSummary(json)
            guard !summary.id.isEmpty, services[summary.serviceID] != nil else { continue }
            let slot = SimulatedSlot(slot: summary.slot, nodeID: summary.slot == 0 ? summary.nodeID : "")
            var task = SimulatedTask(id: summary.id, serviceID: summary.serviceID, slot: slot, nodeID: summary.nodeID,
                                     spec: summary.spec, version: version(json), desiredState: summary.desiredState,
                                     state: summary.state, message: summary.message, error: summary.error,
                                     createdAt: now, changedAt: now, seed: json)
            let onItsWay = ["new", "allocated", "pending", "assigned", "accepted", "preparing", "ready", "starting"]
            if onItsWay.contains(task.state) {
                task.state = task.nodeID.isEmpty ? "pending" : "starting"
                task.readyAt = task.nodeID.isEmpty ? nil : now + configuration.latency.taskStart
            }
            if task.state == "running", let image = task.spec["ContainerSpec"]?["Image"]?.stringValue {
                knownImages?.insert(image)
            }
            tasks[task.id] = task
        }
        swarmIndex = highest
        for id in services.keys.sorted() where services[id]?.updateState == "updating" {
            let seeded = services[id]!
            startRollout(of: id)
            // Resuming is not a write: the version stays the observed one.
            services[id]?.version = seeded.version
            services[id]?.updateStarted = seeded.updateStarted
        }
    }
}
