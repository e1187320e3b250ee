import ComposeModel

/// What a Swarm operation needs at execution time: the request body it
/// sends, the existing object it acts on, and what its wait waits for.
///
/// The plan file keeps it under a node's `details.swarm`; the executor
/// reads nothing else for a Swarm node (the service's name is
/// `details.name`, a wait's deadline `details.timeout`).
public struct SwarmDetails: Codable, Hashable, Sendable {
    /// The Engine API body of a create or an update: a `ServiceSpec`,
    /// `SecretSpec`, `ConfigSpec` or `NetworkCreate`. A service spec's
    /// secret and config references carry names only; the executor adds
    /// their ids, which a secret created by the same run only has then.
    public var spec: JSONValue?
    /// The id of the existing object the operation acts on (the service to
    /// update or remove, the secret, config or network to remove).
    public var objectID: String?
    /// The service's version index as observed: Swarm refuses an update
    /// sent with another one ("update out of sequence").
    public var version: Int?
    /// The tasks a converged service runs: its replicas; `nil` for a
    /// global service (one task per eligible node).
    public var replicas: Int?
    /// How the service rolls out a new spec (`update_config`), for the
    /// pictures: tasks replaced at a time (0: all at once) and order.
    public var updateParallelism: Int?
    public var updateOrder: String?

    public init(spec: JSONValue? = nil, objectID: String? = nil, version: Int? = nil, replicas: Int? = nil,
                updateParallelism: Int? = nil, updateOrder: String? = nil) {
        self.spec = spec
        self.objectID = objectID
        self.version = version
        self.replicas = replicas
        self.updateParallelism = updateParallelism
        self.updateOrder = updateOrder
    }

    /// The rolling update's waves for `tasks` tasks: how many batches of
    /// `updateParallelism` replace them (1 when all go at once).
    public func updateWaves(tasks: Int) -> Int {
        guard let parallelism = updateParallelism, parallelism > 0, tasks > 0 else { return 1 }
        return (tasks + parallelism - 1) / parallelism
    }
}
