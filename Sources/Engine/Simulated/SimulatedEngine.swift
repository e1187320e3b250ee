import ComposeModel
import DockerModel
import Foundation
import PlanModel

/// An in-memory Docker Engine: containers, networks and volumes kept in
/// memory, seeded from a `Snapshot` (so `--dry-run` starts from the observed
/// state), observed as snapshots shaped like the real daemon's, so that
/// re-observing after a plan ran and reconciling again gives an empty plan.
///
/// It is not a mock: it enforces what Docker Engine 20.10 enforces, with the
/// same statuses and messages — unique container and network names (409), no
/// removal of a running container without force (409), of a network with
/// active endpoints (403) or of a volume any container uses (409), unknown
/// ids and names (404), renaming onto a taken name (409), connecting to an
/// unknown network (404), a missing image (404 "No such image", when
/// `Configuration.knownImages` is set or a seed snapshot says so), 304 for
/// a second start or stop, `manifest unknown` for a pull of a reference the
/// registry does not hold — and records every rejected call in `violations`.
///
/// Images are modelled too: present or not, ID, repo digests, size and last
/// tag time locally; digest, ID and size in the registry (seeded from a
/// snapshot's `images` array or `Configuration.registryImages`). A pull
/// takes its latency plus the image's size at `LatencyModel.pullBytesPerSecond`
/// and reports progress as it goes. Nothing ever contacts a daemon or a
/// registry.
///
/// Each call takes the time its `LatencyModel` gives (real time, with
/// `Task.sleep`; the state changes when the call completes), and faults can
/// be injected (`inject(_:)`). Containers with a health check become
/// healthy after a delay, and containers can exit by themselves with a chosen
/// code (`setBehavior`).
public actor SimulatedEngine: ContainerEngine {
    /// How the simulated daemon behaves.
    public struct Configuration: Sendable {
        public var latency: LatencyModel
        /// Images that exist; `nil`: every image exists. Images of seeded
        /// containers are added. A seed snapshot's `images` array, pulls and
        /// `addImage`/`removeImage` refine it per reference.
        public var knownImages: Set<String>?
        /// What the registries hold, by canonical reference
        /// (`ImageReference.canonical`); `nil`: every reference exists there,
        /// with a digest and ID derived from its name and `defaultImageSize`.
        /// A seed snapshot's registry digests are added.
        public var registryImages: [String: SimulatedRegistryImage]?
        /// The size of an image whose size nothing says, bytes.
        public var defaultImageSize: Int
        /// The behavior of containers without a specific one.
        public var behavior: ContainerBehavior
        /// Reported by `identity()` and in snapshots' `engine`.
        public var version: String
        public var apiVersion: String
        /// Seed of the generated ids, addresses and latency draws.
        public var seed: UInt64
        /// Whether `calls` logs every call.
        public var recordsCalls: Bool
        /// The nodes of the simulated Swarm (default: one manager,
        /// `node-1`); empty: the daemon is not a Swarm manager and every
        /// Swarm call fails with 503. A seed snapshot's `swarm.nodes`, when
        /// it lists any, replace them.
        public var swarmNodes: [SimulatedSwarmNode]

        public init(latency: LatencyModel = .instant, knownImages: Set<String>? = nil,
                    behavior: ContainerBehavior = ContainerBehavior(), version: String = "20.10.24",
                    apiVersion: String = "1.41", seed: UInt64 = 1, recordsCalls: Bool = true,
                    registryImages: [String: SimulatedRegistryImage]? = nil, defaultImageSize: Int = 30_000_000,
                    swarmNodes: [SimulatedSwarmNode] = [.manager("node-1")]) {
            self.swarmNodes = swarmNodes
            self.latency = latency
            self.knownImages = knownImages
            self.registryImages = registryImages
            self.defaultImageSize = defaultImageSize
            self.behavior = behavior
            self.version = version
            self.apiVersion = apiVersion
            self.seed = seed
            self.recordsCalls = recordsCalls
        }
    }

    public let configuration: Configuration
    /// Whether the simulation knows the images (`knownImages` or
    /// `registryImages` configured, or a seed snapshot with an `images`
    /// array). When it does not, every image counts as present and a dry
    /// run observes no images, as a snapshot without `images` plans.
    public internal(set) var modelsImages = false
    var knownImages: Set<String>?
    /// Local images known in detail (seeded from a snapshot's `images`,
    /// pulled, or added), by canonical reference.
    var images: [String: SimulatedImage] = [:]
    /// Canonical references known to be absent locally (whatever `knownImages` says).
    var missingImages: Set<String> = []
    /// The registries' images by canonical reference (`Configuration.registryImages`, seeded digests).
    var registryImages: [String: SimulatedRegistryImage] = [:]
    /// The registry error a seed snapshot recorded for a reference, answered again.
    var registryErrors: [String: EngineError] = [:]
    var containers: [String: SimulatedContainer] = [:]
    var containerIDsByName: [String: String] = [:]
    var networks: [String: SimulatedNetwork] = [:]
    /// Network ids by name: Docker does not keep network names unique (a
    /// race between two creates leaves two), so a name can be ambiguous.
    var networkIDsByName: [String: [String]] = [:]
    var volumes: [String: SimulatedVolume] = [:]
    var faults: [SimulatedFault] = []
    var behaviorsByContainer: [String: ContainerBehavior] = [:]
    var behaviorsByService: [String: ContainerBehavior] = [:]
    /// Running containers whose behavior makes them exit by themselves.
    var pendingExits: Set<String> = []
    var generator: SplitMix64
    var latencyGenerator: SplitMix64
    var nextSubnet = 18
    var inFlight = 0
    /// The Swarm (see SimulatedEngine+Swarm.swift): nodes in order, then
    /// services, tasks, secrets and configs by id.
    var swarmNodes: [SimulatedSwarmNode]
    var services: [String: SimulatedService] = [:]
    var tasks: [String: SimulatedTask] = [:]
    var secrets: [String: SimulatedSwarmFile] = [:]
    var configs: [String: SimulatedSwarmFile] = [:]
    /// The Swarm store's last index: every write of a Swarm object takes the next.
    var swarmIndex = 10
    /// Draws Swarm ids (apart from `generator`, so container ids stay as they were).
    var swarmGenerator: SplitMix64
    /// How far `advanceSwarmClock(by:)` moved the Swarm clock ahead of real time.
    var swarmClockOffset: Duration = .zero
    /// The Swarm's state was last settled at this version index, and
    /// nothing is due before `nextEvent`: until either changes, a read
    /// need not settle again (a WaitConverged polls often).
    var swarmSettled: (index: Int, nextEvent: ContinuousClock.Instant?)?
    let clockStart = ContinuousClock.now

    /// Every command run with `exec`, in order.
    public internal(set) var execs: [SimulatedExec] = []
    /// How a simulated exec ends (default: exit 0, no output).
    var execResult: @Sendable (String, ExecRequest) -> ExecResult = { _, _ in ExecResult(exitCode: 0, output: "") }

    /// Makes `exec` answer with `result(containerName, request)`.
    public func setExecResult(_ result: @escaping @Sendable (String, ExecRequest) -> ExecResult) {
        execResult = result
    }

    /// Every call rejected because a real daemon would have rejected it.
    public private(set) var violations: [SimulatedViolation] = []
    /// Every call, in completion order (when `recordsCalls`).
    public private(set) var calls: [SimulatedCall] = []
    /// The largest number of calls that were in progress at once.
    public private(set) var maximumConcurrentCalls = 0
    /// Formats the API's timestamps (`2026-01-01T10:00:00.123Z`); made
    /// once, as making one costs more than a whole inspection.
    let timestamps: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }()

    /// An engine holding `snapshot`'s containers, networks and volumes (and
    /// Docker's predefined `bridge`, `host` and `none` networks). Asynchronous
    /// because seeding runs on the actor.
    public init(configuration: Configuration = Configuration(), seed snapshot: Snapshot? = nil) async {
        self.configuration = configuration
        knownImages = configuration.knownImages
        modelsImages = configuration.knownImages != nil || configuration.registryImages != nil
        // Any spelling of a reference (`redis`, `docker.io/library/redis:latest`) names the same image.
        registryImages = Dictionary((configuration.registryImages ?? [:]).map { (Self.imageKey($0) ?? $0, $1) },
                                    uniquingKeysWith: { first, _ in first })
        generator = SplitMix64(seed: configuration.seed)
        swarmGenerator = SplitMix64(seed: configuration.seed ^ 0x5357_4152_4d00_0000)
        swarmNodes = configuration.swarmNodes
        latencyGenerator = SplitMix64(seed: configuration.latency.seed)
        for name in ["bridge", "host", "none"] {
            let id = makeID()
            var network = SimulatedNetwork(id: id, name: name, driver: name == "bridge" ? "bridge" : name == "host" ? "host" : "null",
                                           labels: [:], created: Date(), subnet: 17)
            network.isPredefined = true
            register(network)
        }
        if let snapshot { load(snapshot) }
    }

    // MARK: - Configuring the simulation

    /// Adds a fault; it applies to the calls that start after it.
    public func inject(_ fault: SimulatedFault) {
        faults.append(fault)
    }

    /// Removes every fault.
    public func clearFaults() {
        faults.removeAll()
    }

    /// The behavior of the containers of compose service `service` (by label).
    public func setBehavior(_ behavior: ContainerBehavior, forService service: String) {
        behaviorsByService[service] = behavior
    }

    /// The behavior of the container named `name`.
    public func setBehavior(_ behavior: ContainerBehavior, forContainer name: String) {
        behaviorsByContainer[name] = behavior
    }

    /// Adds an image to the known images (when the engine has an allowlist).
    public func addImage(_ image: String) {
        knownImages?.insert(image)
        if let key = Self.imageKey(image) { missingImages.remove(key) }
    }

    /// Adds a network that exists outside the project (an `external: true`
    /// network, which a project snapshot does not list). Returns its id.
    @discardableResult
    public func addNetwork(name: String, driver: String = "bridge", labels: [String: String] = [:]) -> String {
        if let id = networkIDsByName[name]?.first { return id }
        let id = makeID()
        register(SimulatedNetwork(id: id, name: name, driver: driver, labels: labels, created: Date(), subnet: allocateSubnet()))
        return id
    }

    /// Adds a volume that exists outside the project (an `external: true` volume).
    public func addVolume(name: String, driver: String = "local", labels: [String: String] = [:]) {
        guard volumes[name] == nil else { return }
        volumes[name] = SimulatedVolume(name: name, driver: driver, labels: labels, options: [:], created: Date())
    }

    /// Forgets the recorded violations and calls.
    public func resetRecords() {
        violations.removeAll()
        calls.removeAll()
        maximumConcurrentCalls = 0
    }

    // MARK: - The call wrapper

    /// Runs one call: applies faults and latency, then `body` (which checks
    /// the rules and changes the state atomically, as the call completes).
    /// An error thrown by `body` is a violation.
    ///
    /// - Parameter transfer: time added after the latency (a pull's
    ///   download), spent in four steps; `pacing` is told the fraction done
    ///   (0, 0.25, …, 1) at each.
    func call<Result: Sendable>(_ operation: EngineOperation, _ target: String, subjects: [String] = [],
                                transfer: Duration = .zero, pacing: (Double) -> Void = { _ in },
                                _ body: () throws -> Result) async throws -> Result {
        let start = seconds()
        inFlight += 1
        maximumConcurrentCalls = max(maximumConcurrentCalls, inFlight)
        defer { inFlight -= 1 }
        var delay = configuration.latency.draw(operation, using: &latencyGenerator)
        var failure: EngineError?
        var hangs = false
        let allSubjects = faults.isEmpty ? [] : [target] + subjects + aliases(of: target)
        for index in faults.indices where faults[index].matches(operation, subjects: allSubjects) {
            if let remaining = faults[index].remaining { faults[index].remaining = remaining - 1 }
            switch faults[index].effect {
            case .fail(let error): failure = failure ?? error
            case .hang: hangs = true
            case .delay(let extra): delay += extra
            }
        }
        do {
            if hangs { try await Task.sleep(for: .seconds(1_000_000_000)) }
            if delay > .zero { try await Task.sleep(for: delay) }
            if transfer > .zero {
                let steps = 4
                pacing(0)
                for step in 1...steps {
                    try await Task.sleep(for: transfer / steps)
                    pacing(Double(step) / Double(steps))
                }
            }
        } catch {
            let cancelled = EngineError(kind: .cancelled, message: "\(operation.rawValue) \(target) was cancelled")
            log(operation, target, start, cancelled)
            throw cancelled
        }
        settleExits()
        if let failure {
            log(operation, target, start, failure)
            throw failure
        }
        do {
            let result = try body()
            log(operation, target, start, nil)
            return result
        } catch {
            let engineError = error as? EngineError ?? EngineError(kind: .serverError, status: 500, message: "\(error)")
            violations.append(SimulatedViolation(operation: operation, target: target, error: engineError))
            log(operation, target, start, engineError)
            throw engineError
        }
    }

    private func log(_ operation: EngineOperation, _ target: String, _ start: Double, _ error: EngineError?) {
        guard configuration.recordsCalls else { return }
        calls.append(SimulatedCall(operation: operation, target: target, start: start, end: seconds(), error: error))
    }

    /// Other names of `reference` (a container's name for its id, and so on), for fault matching.
    private func aliases(of reference: String) -> [String] {
        if let container = findContainer(reference) { return [container.id, container.name] }
        if let network = try? findNetwork(reference) { return [network.id, network.name] }
        if let service = findService(reference) { return [service.id, service.name] }
        if let secret = findSwarmFile(reference, in: secrets) ?? findSwarmFile(reference, in: configs) { return [secret.id, secret.name] }
        return []
    }

    /// Seconds since the engine was created.
    func seconds() -> Double {
        let elapsed = ContinuousClock.now - clockStart
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }

    func makeID() -> String {
        DockerID.make((generator.next(), generator.next(), generator.next(), generator.next()))
    }

    func allocateSubnet() -> Int {
        defer { nextSubnet = nextSubnet >= 250 ? 18 : nextSubnet + 1 }
        return nextSubnet
    }

    // MARK: - Lookup (exact id, exact name, then a unique id prefix, as Docker)

    func findContainer(_ reference: String) -> SimulatedContainer? {
        containerID(reference).flatMap { containers[$0] }
    }

    func containerID(_ reference: String) -> String? {
        if containers[reference] != nil { return reference }
        let name = reference.hasPrefix("/") ? String(reference.dropFirst()) : reference
        if let id = containerIDsByName[name] { return id }
        guard Self.isIDPrefix(reference) else { return nil }
        let matches = containers.keys.filter { $0.hasPrefix(reference) }
        return matches.count == 1 ? matches.first : nil
    }

    /// The network `reference` names, as Docker resolves it: a full id, else
    /// an exact name (an error when several networks have it), else an id
    /// prefix.
    func findNetwork(_ reference: String) throws -> SimulatedNetwork? {
        try networkID(reference).flatMap { networks[$0] }
    }

    func networkID(_ reference: String) throws -> String? {
        if networks[reference] != nil { return reference }
        if let ids = networkIDsByName[reference], !ids.isEmpty {
            guard ids.count == 1 else {
                throw EngineError(status: 400, message: "network \(reference) is ambiguous (\(ids.count) matches found based on name)")
            }
            return ids[0]
        }
        guard Self.isIDPrefix(reference) else { return nil }
        let matches = networks.keys.filter { $0.hasPrefix(reference) }
        return matches.count == 1 ? matches.first : nil
    }

    /// Adds `network` under its id and its name.
    func register(_ network: SimulatedNetwork) {
        networks[network.id] = network
        networkIDsByName[network.name, default: []].append(network.id)
    }

    /// Removes the network with id `id`.
    func unregisterNetwork(_ id: String) {
        guard let network = networks.removeValue(forKey: id) else { return }
        networkIDsByName[network.name]?.removeAll { $0 == id }
        if networkIDsByName[network.name]?.isEmpty == true { networkIDsByName[network.name] = nil }
    }

    /// Whether `reference` could abbreviate an id (1 to 63 hexadecimal digits).
    static func isIDPrefix(_ reference: String) -> Bool {
        !reference.isEmpty && reference.utf8.count < 64
            && reference.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }

    func behavior(of container: SimulatedContainer) -> ContainerBehavior {
        if let behavior = behaviorsByContainer[container.name] { return behavior }
        if let service = container.labels[ComposeLabel.service], let behavior = behaviorsByService[service] { return behavior }
        return configuration.behavior
    }

    /// Containers whose behavior says they exit by now are marked exited.
    func settleExits() {
        guard !pendingExits.isEmpty else { return }
        let now = ContinuousClock.now
        for id in pendingExits {
            guard var container = containers[id], container.state == "running",
                  let started = container.startedInstant, let exit = behavior(of: container).exit else {
                pendingExits.remove(id)
                continue
            }
            guard now - started >= exit.after else { continue }
            container.state = "exited"
            container.exitCode = exit.code
            container.finishedAt = (container.startedAt ?? Date()).addingTimeInterval(Self.seconds(exit.after))
            containers[id] = container
            pendingExits.remove(id)
        }
    }

    /// The health a container reports now, `nil` without a health check.
    func health(of container: SimulatedContainer) -> String? {
        guard container.hasHealthcheck else { return nil }
        guard let started = container.startedInstant else { return container.seededHealth ?? "starting" }
        let elapsed = ContinuousClock.now - started
        switch behavior(of: container).health {
        case .healthy(let delay): return elapsed >= delay ? "healthy" : "starting"
        case .unhealthy(let delay): return elapsed >= delay ? "unhealthy" : "starting"
        case .starting: return "starting"
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
