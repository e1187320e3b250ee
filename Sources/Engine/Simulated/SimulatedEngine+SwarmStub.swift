// TEMPORARY: replaced by the simulated Swarm (branch swarm-sim) before landing.
import ComposeModel
import DockerModel

extension SimulatedEngine: SwarmEngine {
    private func unsupported() -> EngineError { EngineError(kind: .invalidRequest, status: 503, message: "This node is not a swarm manager.") }
    public func swarmSnapshot(stack: String) async throws -> Snapshot { throw unsupported() }
    public func createSwarmNetwork(_ body: JSONValue) async throws -> String { throw unsupported() }
    public func removeSwarmNetwork(_ reference: String) async throws { throw unsupported() }
    public func createSecret(_ body: JSONValue) async throws -> String { throw unsupported() }
    public func removeSecret(_ reference: String) async throws { throw unsupported() }
    public func secretID(named name: String) async throws -> String? { throw unsupported() }
    public func createConfig(_ body: JSONValue) async throws -> String { throw unsupported() }
    public func removeConfig(_ reference: String) async throws { throw unsupported() }
    public func configID(named name: String) async throws -> String? { throw unsupported() }
    public func createService(_ spec: JSONValue) async throws -> String { throw unsupported() }
    public func updateService(_ reference: String, version: Int, spec: JSONValue) async throws { throw unsupported() }
    public func removeService(_ reference: String) async throws { throw unsupported() }
    public func inspectService(_ reference: String) async throws -> JSONValue { throw unsupported() }
    public func tasks(ofService reference: String) async throws -> [JSONValue] { throw unsupported() }
}
