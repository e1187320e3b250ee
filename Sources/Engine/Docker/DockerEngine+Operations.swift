import ComposeModel
import Foundation
import PlanModel

extension DockerEngine {
    // MARK: - Networks

    public func networkIDs(named name: String) async throws -> [String] {
        let filters: JSONValue = ["name": .array([.string(name)])]
        let filterText = String(decoding: try JSONEncoder().encode(filters), as: UTF8.self)
        let networks = try await transport.json(.GET, path("/networks"), query: [("filters", filterText)]).arrayValue ?? []
        return networks.filter { $0["Name"]?.stringValue == name }.compactMap { $0["Id"]?.stringValue }.sorted()
    }

    public func createNetwork(_ request: NetworkCreateRequest) async throws -> String {
        let answer = try await transport.json(.POST, path("/networks/create"), body: request.body)
        return answer["Id"]?.stringValue ?? ""
    }

    public func removeNetwork(_ reference: String) async throws {
        _ = try await transport.send(.DELETE, path("/networks/\(Self.escape(reference))"))
    }

    public func connectContainer(_ container: String, to endpoint: NetworkEndpoint) async throws {
        let body: JSONValue = ["Container": .string(container), "EndpointConfig": endpoint.settings]
        _ = try await transport.send(.POST, path("/networks/\(Self.escape(endpoint.network))/connect"), body: body)
    }

    public func disconnectContainer(_ container: String, from network: String, force: Bool) async throws {
        let body: JSONValue = ["Container": .string(container), "Force": .bool(force)]
        _ = try await transport.send(.POST, path("/networks/\(Self.escape(network))/disconnect"), body: body)
    }

    // MARK: - Volumes

    public func createVolume(_ request: VolumeCreateRequest) async throws -> String {
        let answer = try await transport.json(.POST, path("/volumes/create"), body: request.body)
        return answer["Name"]?.stringValue ?? request.name
    }

    public func removeVolume(_ name: String) async throws {
        _ = try await transport.send(.DELETE, path("/volumes/\(Self.escape(name))"))
    }

    // MARK: - Containers

    public func createContainer(_ request: ContainerCreateRequest) async throws -> String {
        var query = [("name", request.name)]
        if let platform = request.platform, !platform.isEmpty { query.append(("platform", platform)) }
        let answer: JSONValue
        do {
            answer = try await transport.json(.POST, path("/containers/create"), query: query, body: request.body)
        } catch {
            throw error.explainingMissingImage(request.image)
        }
        guard let id = answer["Id"]?.stringValue, !id.isEmpty else {
            throw EngineError(kind: .invalidResponse, status: 201, message: "the daemon created container \(request.name) but returned no id")
        }
        for endpoint in request.extraNetworks {
            do {
                try await connectContainer(id, to: endpoint)
            } catch {
                // Leave nothing half-made under the final name.
                try? await removeContainer(id, force: true)
                throw error
            }
        }
        return id
    }

    @discardableResult
    public func startContainer(_ reference: String) async throws -> StateChange {
        let response = try await transport.send(.POST, path("/containers/\(Self.escape(reference))/start"))
        return response.status == 304 ? .unchanged : .changed
    }

    public func unpauseContainer(_ reference: String) async throws {
        _ = try await transport.send(.POST, path("/containers/\(Self.escape(reference))/unpause"))
    }

    @discardableResult
    public func stopContainer(_ reference: String, timeout: Int?) async throws -> StateChange {
        var query: [(String, String)] = []
        if let timeout { query.append(("t", String(max(0, timeout)))) }
        // The daemon answers after the container is gone: allow the stop
        // timeout (Docker's default is 10 s) on top of the usual deadline.
        let deadline = transport.requestTimeout + .seconds(max(0, timeout ?? 10))
        let response = try await transport.send(.POST, path("/containers/\(Self.escape(reference))/stop"), query: query,
                                                timeout: deadline)
        return response.status == 304 ? .unchanged : .changed
    }

    public func removeContainer(_ reference: String, force: Bool) async throws {
        _ = try await transport.send(.DELETE, path("/containers/\(Self.escape(reference))"),
                                     query: [("force", force ? "1" : "0"), ("v", "0")])
    }

    public func renameContainer(_ reference: String, to name: String) async throws {
        _ = try await transport.send(.POST, path("/containers/\(Self.escape(reference))/rename"), query: [("name", name)])
    }
}

extension DockerEngine {
    // MARK: - Files

    public func copyFiles(_ files: [ContainerFile], into container: String) async throws {
        guard !files.isEmpty else { return }
        let archive: [UInt8]
        do {
            archive = try TarArchive.archive(files)
        } catch {
            throw EngineError.invalidRequest(error.description)
        }
        _ = try await transport.send(.PUT, path("/containers/\(Self.escape(container))/archive"), query: [("path", "/")],
                                     raw: archive, contentType: "application/x-tar")
    }
}

extension DockerEngine {
    // MARK: - Exec

    public func exec(_ request: ExecRequest, in container: String) async throws -> ExecResult {
        let created = try await transport.json(.POST, path("/containers/\(Self.escape(container))/exec"), body: request.body)
        guard let id = created["Id"]?.stringValue, !id.isEmpty else {
            throw EngineError(kind: .invalidResponse, status: 201, message: "the daemon created an exec in \(container) but returned no id")
        }
        // Attached (not detached): the answer is the command's output, and
        // it ends when the command does. A hook has no deadline of its own.
        let started = try await transport.send(.POST, path("/exec/\(id)/start"), body: ["Detach": false, "Tty": false],
                                               timeout: .seconds(24 * 3600))
        let output = ExecResult.demultiplexed(Array(buffer: started.bytes))
        let inspected = try await transport.json(.GET, path("/exec/\(id)/json"))
        return ExecResult(exitCode: inspected["ExitCode"]?.intValue ?? -1, output: output)
    }
}
