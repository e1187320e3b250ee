/// The `deploy:` section of a service. Only `replicas` and `resources` are
/// interpreted; the Swarm-only rest is kept as written.
public struct DeployConfig: Codable, Hashable, Sendable {
    public var replicas: Int?
    public var resources: Resources?
    public var otherFields: [String: JSONValue]

    public init(replicas: Int? = nil, resources: Resources? = nil, otherFields: [String: JSONValue] = [:]) {
        self.replicas = replicas
        self.resources = resources
        self.otherFields = otherFields
    }

    enum CodingKeys: String, CodingKey {
        case replicas, resources
        case otherFields = "x-other-fields"
    }

    /// `deploy.resources`: limits and reservations.
    public struct Resources: Codable, Hashable, Sendable {
        public var limits: Limits?
        public var reservations: Limits?

        public init(limits: Limits? = nil, reservations: Limits? = nil) {
            self.limits = limits
            self.reservations = reservations
        }
    }

    /// One side of `deploy.resources`.
    public struct Limits: Codable, Hashable, Sendable {
        /// CPUs as a decimal string (`"0.5"`).
        public var cpus: String?
        public var memory: ByteCount?
        public var pids: Int?
        /// Device requests (GPUs …), kept as written.
        public var devices: JSONValue?

        public init(cpus: String? = nil, memory: ByteCount? = nil, pids: Int? = nil, devices: JSONValue? = nil) {
            self.cpus = cpus
            self.memory = memory
            self.pids = pids
            self.devices = devices
        }
    }
}
