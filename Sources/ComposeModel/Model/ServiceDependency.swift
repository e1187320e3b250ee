/// One `depends_on` entry of a service, in its long form.
public struct ServiceDependency: Codable, Hashable, Sendable {
    /// `service_started`, `service_healthy` or `service_completed_successfully`.
    public var condition: DependencyCondition
    /// Whether the dependency must exist and satisfy its condition; `false`
    /// turns a failure into a warning.
    public var required: Bool
    /// Whether the dependent is restarted when the dependency is recreated.
    public var restart: Bool

    public init(condition: DependencyCondition = .started, required: Bool = true, restart: Bool = false) {
        self.condition = condition
        self.required = required
        self.restart = restart
    }
}

/// The condition a dependent waits for before it starts.
public enum DependencyCondition: String, Codable, Hashable, Sendable, CaseIterable {
    case started = "service_started"
    case healthy = "service_healthy"
    case completedSuccessfully = "service_completed_successfully"
}
