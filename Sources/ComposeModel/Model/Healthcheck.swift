/// A service's health check.
public struct Healthcheck: Codable, Hashable, Sendable {
    /// `["CMD", …]`, `["CMD-SHELL", "…"]` or `["NONE"]`.
    public var test: [String]?
    public var interval: ComposeDuration?
    public var timeout: ComposeDuration?
    public var startPeriod: ComposeDuration?
    public var startInterval: ComposeDuration?
    public var retries: Int?
    public var disable: Bool?

    public init(test: [String]? = nil) {
        self.test = test
    }

    /// Whether the check is switched off (`disable: true` or `test: ["NONE"]`).
    public var isDisabled: Bool {
        disable == true || test?.first == "NONE"
    }

    enum CodingKeys: String, CodingKey {
        case test, interval, timeout
        case startPeriod = "start_period"
        case startInterval = "start_interval"
        case retries, disable
    }
}
