/// How long each simulated Engine API call takes: a fixed duration per
/// operation, optionally spread uniformly by `jitter` (±fraction) with draws
/// from a seeded generator, so runs are reproducible.
public struct LatencyModel: Hashable, Sendable {
    /// Nominal duration per operation.
    public var durations: [EngineOperation: Duration]
    /// The duration of operations missing from `durations`.
    public var defaultDuration: Duration
    /// 0 for fixed latencies; 0.2 draws each call uniformly in ±20 % of the nominal duration.
    public var jitter: Double
    /// Seed of the jitter draws.
    public var seed: UInt64
    /// Download speed of pulls, bytes per second: a pull takes its
    /// operation's duration plus the image's size at this speed. 0: the
    /// transfer takes no time.
    public var pullBytesPerSecond: Double
    /// How long a Swarm task takes from its creation to `running` (the
    /// scheduler, then the worker's container create and start), on the
    /// simulated Swarm's clock. Zero: tasks run as soon as they are made.
    public var taskStart: Duration

    public init(durations: [EngineOperation: Duration] = [:], defaultDuration: Duration = .zero,
                jitter: Double = 0, seed: UInt64 = 1, pullBytesPerSecond: Double = 0, taskStart: Duration = .zero) {
        self.taskStart = max(.zero, taskStart)
        self.durations = durations
        self.defaultDuration = defaultDuration
        self.jitter = max(0, min(1, jitter))
        self.seed = seed
        self.pullBytesPerSecond = max(0, pullBytesPerSecond)
    }

    /// Every call completes at once.
    public static let instant = LatencyModel()

    /// Fixed durations per operation (and, for pulls, a download speed).
    public static func fixed(_ durations: [EngineOperation: Duration], default defaultDuration: Duration = .zero,
                             pullBytesPerSecond: Double = 0, taskStart: Duration = .zero) -> LatencyModel {
        LatencyModel(durations: durations, defaultDuration: defaultDuration, pullBytesPerSecond: pullBytesPerSecond,
                     taskStart: taskStart)
    }

    /// The per-call costs measured against Docker Engine 20.10 on a test
    /// machine: container start ~350 ms, network create ~80 ms, network
    /// removal ~180 ms, container create ~40 ms, stop ~100 ms (for a
    /// container that exits on SIGTERM), other calls a few milliseconds; a
    /// pull from a registry on the same machine ~100 ms plus its size at
    /// ~40 MB/s (download, checksum and extraction together: a 30 MB
    /// random-content image took 0.87–0.95 s from docker-registry 2.8).
    /// The Swarm calls are estimates, not measurements: a service create
    /// ~60 ms, an update ~40 ms, a removal ~30 ms, secrets and configs
    /// ~10 ms, a service inspection or task list ~3 ms, and a task ~1.2 s
    /// from its creation to `running` (its image present on the node).
    public static let dockerLike = LatencyModel.fixed([
        .list: .milliseconds(5), .inspectContainer: .milliseconds(2),
        .createNetwork: .milliseconds(80), .removeNetwork: .milliseconds(180),
        .connectNetwork: .milliseconds(30), .disconnectNetwork: .milliseconds(30),
        .createVolume: .milliseconds(5), .removeVolume: .milliseconds(5),
        .createContainer: .milliseconds(40), .startContainer: .milliseconds(350),
        .stopContainer: .milliseconds(100), .removeContainer: .milliseconds(30),
        .renameContainer: .milliseconds(5), .inspectImage: .milliseconds(2),
        .inspectDistribution: .milliseconds(10), .pullImage: .milliseconds(100),
        .createService: .milliseconds(60), .updateService: .milliseconds(40), .removeService: .milliseconds(30),
        .createSecret: .milliseconds(10), .removeSecret: .milliseconds(10), .createConfig: .milliseconds(10),
        .removeConfig: .milliseconds(10), .inspectService: .milliseconds(3),
    ], pullBytesPerSecond: 40_000_000, taskStart: .milliseconds(1200))

    /// How long downloading `bytes` takes at `pullBytesPerSecond`.
    public func transfer(bytes: Int) -> Duration {
        guard pullBytesPerSecond > 0, bytes > 0 else { return .zero }
        return .nanoseconds(Int64((Double(bytes) / pullBytesPerSecond * 1e9).rounded()))
    }

    /// The nominal duration of `operation`.
    public func nominal(_ operation: EngineOperation) -> Duration {
        durations[operation] ?? defaultDuration
    }

    /// A duration for one call, drawing from `generator` when there is jitter.
    func draw(_ operation: EngineOperation, using generator: inout SplitMix64) -> Duration {
        let base = nominal(operation)
        guard jitter > 0, base > .zero else { return base }
        let unit = Double(generator.next() >> 11) / Double(1 << 53)
        return base * (1 + jitter * (2 * unit - 1))
    }
}

/// A small, fast, seedable generator (SplitMix64) for reproducible ids,
/// latencies and generated benchmark projects.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
