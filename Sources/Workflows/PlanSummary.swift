import PlanModel

/// What a plan changes, counted the way terraform does ("3 to create, 1 to
/// replace, …"): per image, container, network and volume, one kind of change,
/// plus the services it leaves as they are and the orphans it leaves alone.
public struct PlanSummary: Sendable, Hashable {
    /// The change a plan makes to one container, network or volume.
    public enum Change: String, Sendable, Hashable, CaseIterable {
        /// An image pulled from its registry.
        case pull
        /// An image built.
        case build
        /// Created where there was nothing.
        case create
        /// Removed and created again (a recreate).
        case replace
        /// Moved to a new spec in place (a Swarm service update).
        case update
        /// Removed (a scale-down, an orphan).
        case remove
        /// Started, nothing else.
        case start
        /// Stopped and started again (around a network recreate).
        case restart
        /// Stopped, nothing else.
        case stop
        /// Only disconnected from or connected to networks (or renamed).
        case reconnect
    }

    /// How many containers, networks and volumes undergo each change, in
    /// ``Change`` order; changes that do not occur are left out.
    public var totals: [Total]
    /// The project's services no operation acts on, sorted.
    public var unchanged: [String]
    /// Orphan containers the plan leaves alone (no `--remove-orphans`), sorted.
    public var orphansLeft: [String]

    /// How many objects undergo one change.
    public struct Total: Sendable, Hashable {
        public var change: Change
        public var count: Int
    }

    /// The summary of `plan` for a project with `services`.
    public init(plan: Plan, services: [String], orphansLeft: [String]) {
        // Nodes grouped by the resource they act on, in order of first
        // appearance, each with what its operations amount to.
        var order: [PlanResource: Int] = [:]
        var kinds: [Kinds] = []
        var touched: Set<String> = []
        // By index: the nodes are read in place rather than copied out.
        let nodes = plan.nodes
        order.reserveCapacity(nodes.count)
        kinds.reserveCapacity(nodes.count)
        touched.reserveCapacity(services.count)
        for index in nodes.indices where nodes[index].type != .waitCondition && nodes[index].type != .waitConverged {
            let key = nodes[index].resource
            let position = order[key, default: kinds.count]
            if position == kinds.count {
                order[key] = position
                kinds.append([])
                // The service is the resource's: noted once per resource.
                if let service = key.serviceName { touched.insert(service) }
            }
            kinds[position].formUnion(Kinds(nodes[index].type))
        }
        var counts: [Change: Int] = [:]
        for kind in kinds { counts[kind.change, default: 0] += 1 }
        totals = Change.allCases.compactMap { change in counts[change].map { Total(change: change, count: $0) } }
        unchanged = services.filter { !touched.contains($0) }.sorted()
        self.orphansLeft = orphansLeft
    }

    /// The kinds of operation on one resource that decide its change.
    struct Kinds: OptionSet {
        let rawValue: UInt8
        static let pull = Kinds(rawValue: 1 << 0)
        static let build = Kinds(rawValue: 1 << 1)
        static let create = Kinds(rawValue: 1 << 2)
        static let remove = Kinds(rawValue: 1 << 3)
        static let update = Kinds(rawValue: 1 << 4)
        static let start = Kinds(rawValue: 1 << 5)
        static let stop = Kinds(rawValue: 1 << 6)

        init(rawValue: UInt8) { self.rawValue = rawValue }

        init(_ type: OperationType) {
            switch type {
            case .pullImage: self = .pull
            case .buildImage: self = .build
            case .createContainer, .createNetwork, .createVolume, .createService, .createSecret, .createConfig: self = .create
            case .removeContainer, .removeNetwork, .removeVolume, .removeService, .removeSecret, .removeConfig: self = .remove
            case .updateService: self = .update
            case .startContainer: self = .start
            case .stopContainer: self = .stop
            case .disconnectNetwork, .connectNetwork, .renameContainer, .waitCondition, .runHook, .waitConverged: self = []
            }
        }

        /// The one change that the operations on a resource amount to.
        var change: Change {
            if contains(.pull) { return .pull }
            if contains(.build) { return .build }
            let (creates, removes) = (contains(.create), contains(.remove))
            if contains(.update) && !creates && !removes { return .update }
            switch (creates, removes) {
            case (true, true): return .replace
            case (true, false): return .create
            case (false, true): return .remove
            case (false, false):
                if contains(.start) && contains(.stop) { return .restart }
                if contains(.start) { return .start }
                if contains(.stop) { return .stop }
                return .reconnect
            }
        }
    }

    /// `3 to create, 1 to replace, 2 to remove, 1 to start; unchanged: web, cache`,
    /// or `nothing to do; unchanged: …` for an empty plan.
    public var line: String {
        var text = totals.isEmpty ? "nothing to do" : totals.map { "\($0.count) to \($0.change.rawValue)" }.joined(separator: ", ")
        if !unchanged.isEmpty { text += "; unchanged: " + unchanged.joined(separator: ", ") }
        return text
    }
}
