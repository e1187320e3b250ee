import ComposeModel
import Foundation

extension SimulatedEngine {
    public func createContainer(_ request: ContainerCreateRequest) async throws -> String {
        let id: String
        do {
            id = try await call(.createContainer, request.name) { try insertContainer(request) }
        } catch let error as EngineError {
            throw error.explainingMissingImage(request.image)
        }
        for endpoint in request.extraNetworks {
            do {
                try await connectContainer(id, to: endpoint)
            } catch {
                try? await removeContainer(id, force: true)
                throw error
            }
        }
        return id
    }

    public func unpauseContainer(_ reference: String) async throws {
        try await call(.unpauseContainer, reference) {
            guard var container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            guard container.state == "paused" else {
                throw EngineError(status: 409, message: "Container \(container.id) is not paused")
            }
            container.state = "running"
            containers[container.id] = container
        }
    }

    public func startContainer(_ reference: String) async throws -> StateChange {
        try await call(.startContainer, reference) {
            guard var container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            switch container.state {
            case "running", "restarting": return .unchanged
            case "paused": throw EngineError(status: 409, message: "cannot start a paused container, try unpause instead")
            default: break
            }
            for (name, endpoint) in container.endpoints where networks[endpoint.networkID] == nil {
                throw EngineError.networkNotFound(name)
            }
            for (what, mode) in [("network", container.networkMode), ("IPC", container.ipcMode ?? ""), ("PID", container.pidMode ?? "")]
            where mode.hasPrefix("container:") {
                let parent = String(mode.dropFirst("container:".count))
                guard let found = findContainer(parent) else { throw EngineError.noSuchContainer(parent) }
                if found.state != "running" {
                    throw EngineError(status: 409, message: "cannot join \(what) of a non running container: \(found.id)")
                }
            }
            container.state = "running"
            container.exitCode = 0
            container.startedAt = Date()
            container.startedInstant = .now
            container.seededHealth = nil
            containers[container.id] = container
            if behavior(of: container).exit != nil { pendingExits.insert(container.id) }
            return .changed
        }
    }

    public func stopContainer(_ reference: String, timeout: Int?) async throws -> StateChange {
        try await call(.stopContainer, reference) {
            guard var container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            guard container.isRunning else { return .unchanged }
            container.state = "exited"
            container.exitCode = 143
            container.finishedAt = Date()
            containers[container.id] = container
            pendingExits.remove(container.id)
            return .changed
        }
    }

    public func removeContainer(_ reference: String, force: Bool) async throws {
        try await call(.removeContainer, reference) {
            guard let container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            if container.isRunning && !force {
                throw EngineError(status: 409, message: "You cannot remove a running container \(container.id). Stop the container before attempting removal or force remove")
            }
            containers[container.id] = nil
            containerIDsByName[container.name] = nil
            pendingExits.remove(container.id)
        }
    }

    public func renameContainer(_ reference: String, to name: String) async throws {
        try await call(.renameContainer, reference, subjects: [name]) {
            guard var container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            let newName = name.hasPrefix("/") ? String(name.dropFirst()) : name
            try Self.validate(name: newName)
            if container.name == newName {
                throw EngineError(status: 400, message: "Renaming a container with the same name as its current name")
            }
            if let holder = containerIDsByName[newName] {
                throw EngineError(status: 409, message: "Error when allocating new name: " + EngineError.nameInUse(newName, by: holder).message)
            }
            containerIDsByName[container.name] = nil
            container.name = newName
            containerIDsByName[newName] = container.id
            containers[container.id] = container
        }
    }

    static func validate(name: String) throws {
        let allowed = name.utf8.allSatisfy { byte in
            (48...57).contains(byte) || (65...90).contains(byte) || (97...122).contains(byte) || byte == 95 || byte == 46 || byte == 45
        }
        guard name.utf8.count >= 2, allowed, let first = name.utf8.first, first != 95, first != 46, first != 45 else {
            throw EngineError(status: 400, message: "Invalid container name (\(name)), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed")
        }
    }

    // MARK: - Creating

    /// Checks a create request against the daemon's rules and adds the container.
    private func insertContainer(_ request: ContainerCreateRequest) throws -> String {
        let body = request.body
        let hostConfig = body["HostConfig"] ?? .object([:])
        try Self.validate(name: request.name)
        if let holder = containerIDsByName[request.name] { throw EngineError.nameInUse(request.name, by: holder) }
        let image = request.image
        guard !image.isEmpty else { throw EngineError(status: 400, message: "No command specified") }
        guard isImagePresent(image) else { throw EngineError.noSuchImage(image) }
        let endpointsConfig = body["NetworkingConfig"]?["EndpointsConfig"]?.objectValue ?? [:]
        if endpointsConfig.count > 1 {
            throw EngineError(status: 400, message: "Container cannot be connected to network endpoints: \(endpointsConfig.keys.sorted().joined(separator: ", "))")
        }
        var networkMode = hostConfig["NetworkMode"]?.stringValue ?? "default"
        if networkMode.isEmpty { networkMode = "default" }
        var primary: SimulatedNetwork?
        switch networkMode {
        case "default", "bridge": primary = try findNetwork("bridge")
        case "host", "none": primary = nil
        default:
            if networkMode.hasPrefix("container:") {
                let parent = String(networkMode.dropFirst("container:".count))
                guard findContainer(parent) != nil else { throw EngineError.noSuchContainer(parent) }
            } else {
                guard let network = try findNetwork(networkMode) else { throw EngineError.networkNotFound(networkMode) }
                primary = network
            }
        }
        for mode in [hostConfig["IpcMode"]?.stringValue, hostConfig["PidMode"]?.stringValue].compactMap({ $0 })
        where mode.hasPrefix("container:") {
            let parent = String(mode.dropFirst("container:".count))
            guard findContainer(parent) != nil else { throw EngineError.noSuchContainer(parent) }
        }
        var mounts = try mounts(of: hostConfig)
        for entry in hostConfig["VolumesFrom"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let parts = entry.split(separator: ":", maxSplits: 1).map(String.init)
            guard let parent = findContainer(parts[0]) else { throw EngineError.noSuchContainer(parts[0]) }
            for mount in parent.mounts where !mounts.contains(where: { $0.destination == mount.destination }) {
                var inherited = mount
                if parts.count == 2 && parts[1] == "ro" { inherited.readWrite = false }
                mounts.append(inherited)
            }
        }
        for mount in mounts where mount.type == "volume" && volumes[mount.name] == nil {
            volumes[mount.name] = SimulatedVolume(name: mount.name, driver: "local", labels: [:], options: [:], created: Date())
        }
        let test = body["Healthcheck"]?["Test"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var container = SimulatedContainer(
            id: makeID(), name: request.name, image: image, labels: request.labels, state: "created", created: Date(),
            hasHealthcheck: !test.isEmpty && test.first != "NONE", mounts: mounts, endpoints: [:], networkMode: networkMode,
            ipcMode: hostConfig["IpcMode"]?.stringValue, pidMode: hostConfig["PidMode"]?.stringValue,
            imageID: currentImageID(image), body: body)
        if let primary {
            let settings = endpointsConfig[primary.name] ?? endpointsConfig.values.first ?? .object([:])
            try attach(&container, to: primary, settings: settings)
        } else if networkMode == "host" || networkMode == "none", let network = try findNetwork(networkMode) {
            container.endpoints[network.name] = SimulatedEndpoint(networkID: network.id, aliases: [], settings: .object([:]),
                                                                  ipAddress: "", macAddress: "", endpointID: makeID())
        }
        containers[container.id] = container
        containerIDsByName[container.name] = container.id
        return container.id
    }

    /// `HostConfig.Mounts` and `Binds` as mounts; anonymous volumes get a generated name.
    private func mounts(of hostConfig: JSONValue) throws -> [SimulatedMount] {
        var mounts: [SimulatedMount] = []
        for mount in hostConfig["Mounts"]?.arrayValue ?? [] {
            let type = mount["Type"]?.stringValue ?? "volume"
            guard let target = mount["Target"]?.stringValue, target.hasPrefix("/") else {
                throw EngineError(status: 400, message: "invalid mount config for type \"\(type)\": invalid mount path: '\(mount["Target"]?.stringValue ?? "")' mount path must be absolute")
            }
            let readWrite = mount["ReadOnly"]?.boolValue != true
            switch type {
            case "volume":
                let name = mount["Source"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 } ?? makeID()
                mounts.append(SimulatedMount(type: "volume", name: name, source: "/var/lib/docker/volumes/\(name)/_data",
                                             destination: target, readWrite: readWrite, driver: "local"))
            case "bind":
                let source = mount["Source"]?.stringValue ?? ""
                guard source.hasPrefix("/") else {
                    throw EngineError(status: 400, message: "invalid mount config for type \"bind\": invalid mount path: '\(source)' mount path must be absolute")
                }
                mounts.append(SimulatedMount(type: "bind", name: "", source: source, destination: target,
                                             readWrite: readWrite, driver: ""))
            default:
                continue
            }
        }
        for bind in hostConfig["Binds"]?.arrayValue?.compactMap(\.stringValue) ?? [] {
            let parts = bind.split(separator: ":").map(String.init)
            guard parts.count >= 2 else { throw EngineError(status: 400, message: "invalid volume specification: '\(bind)'") }
            let readWrite = !(parts.count > 2 && parts[2].split(separator: ",").contains("ro"))
            if parts[0].hasPrefix("/") {
                mounts.append(SimulatedMount(type: "bind", name: "", source: parts[0], destination: parts[1],
                                             readWrite: readWrite, driver: ""))
            } else {
                mounts.append(SimulatedMount(type: "volume", name: parts[0], source: "/var/lib/docker/volumes/\(parts[0])/_data",
                                             destination: parts[1], readWrite: readWrite, driver: "local"))
            }
        }
        return mounts
    }
}

extension SimulatedEngine {
    public func copyFiles(_ files: [ContainerFile], into reference: String) async throws {
        guard !files.isEmpty else { return }
        try await call(.copyFiles, reference) {
            guard var container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            for file in files {
                guard file.path.hasPrefix("/"), file.path.count > 1 else {
                    throw EngineError(status: 400, message: "invalid path in archive: \(file.path)")
                }
                container.files[file.path] = file
            }
            containers[container.id] = container
        }
    }

    /// The files written into a container with `copyFiles`, by path (for tests).
    public func files(in reference: String) -> [String: ContainerFile] {
        findContainer(reference)?.files ?? [:]
    }
}

extension SimulatedEngine {
    public func exec(_ request: ExecRequest, in reference: String) async throws -> ExecResult {
        try await call(.exec, reference) {
            guard let container = findContainer(reference) else { throw EngineError.noSuchContainer(reference) }
            guard container.state == "running" || container.state == "restarting" else {
                throw EngineError(status: 409, message: "Container \(container.id) is not running")
            }
            execs.append(SimulatedExec(container: container.name, request: request))
            return execResult(container.name, request)
        }
    }
}

/// One command run with `exec` in the simulated engine (for tests).
public struct SimulatedExec: Hashable, Sendable {
    /// The container's name.
    public var container: String
    public var request: ExecRequest
}
