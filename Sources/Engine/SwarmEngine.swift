import ComposeModel
import DockerModel
import PlanModel

/// What composeplan asks of a Swarm manager (`--target swarm`): the
/// stack's observed objects, and the calls a stack plan is made of. Both
/// engines implement it: `DockerEngine` on the manager's Engine API,
/// `SimulatedEngine` on a simulated Swarm of several nodes.
///
/// Bodies are Engine API values built by the reconciler (a `ServiceSpec`,
/// `SecretSpec`, `ConfigSpec`, `NetworkCreate`), so both engines receive
/// the same request. References are ids or names: the manager resolves
/// either.
public protocol SwarmEngine: Sendable {
    /// The engine's identity (the manager's daemon).
    func identity() async throws -> EngineIdentity

    /// The stack's part of the Swarm as a snapshot: its services (labelled
    /// `com.docker.stack.namespace=<stack>`) and their tasks, every secret
    /// and config, every swarm-scoped network (external ones are referenced
    /// by name), and the
    /// nodes. Fails with 503 when the daemon is not a Swarm manager.
    func swarmSnapshot(stack: String) async throws -> Snapshot

    /// `POST /networks/create` for an overlay network; returns its id.
    /// 409 when the name is taken.
    func createSwarmNetwork(_ body: JSONValue) async throws -> String
    /// `DELETE /networks/{id}`. 403/409 while a service uses it.
    func removeSwarmNetwork(_ reference: String) async throws

    /// `POST /secrets/create`; returns the id. 409 when the name is taken.
    func createSecret(_ body: JSONValue) async throws -> String
    /// `DELETE /secrets/{id}`. 400 while a service uses it.
    func removeSecret(_ reference: String) async throws
    /// The id of the secret named exactly `name`, if any.
    func secretID(named name: String) async throws -> String?

    /// `POST /configs/create`; returns the id. 409 when the name is taken.
    func createConfig(_ body: JSONValue) async throws -> String
    /// `DELETE /configs/{id}`. 400 while a service uses it.
    func removeConfig(_ reference: String) async throws
    /// The id of the config named exactly `name`, if any.
    func configID(named name: String) async throws -> String?

    /// `POST /services/create`; returns the id. 409 when the name is
    /// taken; 400 for a spec the manager refuses.
    func createService(_ spec: JSONValue) async throws -> String
    /// `POST /services/{id}/update?version=N`. Fails when `version` is not
    /// the service's current version index ("update out of sequence").
    func updateService(_ reference: String, version: Int, spec: JSONValue) async throws
    /// `DELETE /services/{id}`.
    func removeService(_ reference: String) async throws
    /// `GET /services/{id}`: the service as the manager holds it now.
    func inspectService(_ reference: String) async throws -> JSONValue
    /// `GET /tasks?filters={"service":[…]}`: the service's tasks.
    func tasks(ofService reference: String) async throws -> [JSONValue]
}
