/// When existing containers are replaced.
public enum RecreatePolicy: String, Codable, Hashable, Sendable {
    /// Only when the configuration (or a namespace parent, network or volume) diverged.
    case diverged
    /// Always.
    case force
    /// Never.
    case never
}

/// `--pull`: which pull policy the plan follows.
public enum PullOverride: String, Codable, Hashable, Sendable, CaseIterable {
    /// Pull every image (`--pull always`).
    case always
    /// Pull absent images only (`--pull missing`).
    case missing
    /// Pull nothing (`--pull never`): absent images are an error.
    case never
    /// Each service's `pull_policy` (the default).
    case policy
}

/// `--build` / `--no-build`: whether services with `build:` are built.
public enum BuildOverride: String, Codable, Hashable, Sendable {
    /// Build every service with `build:` (`--build`).
    case always
    /// Never build (`--no-build`): an absent image is an error.
    case never
}

/// The options a plan is computed with (the `plan`/`up` flags); kept in the
/// plan file so `apply` knows how it was made.
public struct PlanOptions: Codable, Hashable, Sendable {
    /// Services named on the command line (empty: all).
    public var services: [String]
    /// Policy for the targeted services (`--force-recreate`, `--no-recreate`).
    public var recreate: RecreatePolicy
    /// Policy for the other services (`--always-recreate-deps`, `--no-recreate`).
    public var recreateDependencies: RecreatePolicy
    /// `--renew-anon-volumes`: replaced containers do not inherit anonymous volumes.
    public var renewAnonymousVolumes: Bool
    /// `--remove-orphans`.
    public var removeOrphans: Bool
    /// Whether the start phase is planned (`up`; off with `--no-start`).
    public var start: Bool
    /// `--wait-timeout`, seconds; `nil` waits without a deadline.
    public var waitTimeout: Double?
    /// `--timeout` for stops, seconds; `nil` uses each service's stop_grace_period (else 10 s).
    public var stopTimeout: Double?
    /// `--wait`: the plan ends with a WaitCondition per started service
    /// (healthy where it has a healthcheck, else running). `nil` (absent
    /// from older plan files) is `false`.
    public var wait: Bool?
    /// `--pull`; `nil` (absent from older plan files) is `.policy`.
    public var pull: PullOverride?
    /// `--build` / `--no-build`; `nil`: build absent images (and with `pull_policy: build`).
    public var build: BuildOverride?
    /// `--adopt`: keep a container whose config hash label differs (another
    /// tool wrote it) when no field of its configuration differs. `nil`
    /// (absent from older plan files) is `false`.
    public var adopt: Bool?
    /// `--show-values`: explanations show environment and label values,
    /// not only their keys. `nil` is `false`.
    public var showValues: Bool?
    /// What the plan deploys to; `nil` is `.containers` (and keeps plan
    /// files of container plans as they were).
    public var target: DeploymentTarget?

    /// The target, with `nil` read as `.containers`.
    public var deploymentTarget: DeploymentTarget { target ?? .containers }

    public init(services: [String] = [], recreate: RecreatePolicy = .diverged,
                recreateDependencies: RecreatePolicy = .diverged, renewAnonymousVolumes: Bool = false,
                removeOrphans: Bool = false, start: Bool = true, waitTimeout: Double? = nil, stopTimeout: Double? = nil,
                wait: Bool? = nil, pull: PullOverride? = nil, build: BuildOverride? = nil, adopt: Bool? = nil,
                showValues: Bool? = nil, target: DeploymentTarget? = nil) {
        self.services = services
        self.recreate = recreate
        self.recreateDependencies = recreateDependencies
        self.renewAnonymousVolumes = renewAnonymousVolumes
        self.removeOrphans = removeOrphans
        self.start = start
        self.waitTimeout = waitTimeout
        self.stopTimeout = stopTimeout
        self.wait = wait
        self.pull = pull
        self.build = build
        self.adopt = adopt
        self.showValues = showValues
        self.target = target
    }
}
