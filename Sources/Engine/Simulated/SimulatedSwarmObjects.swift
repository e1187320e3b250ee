import ComposeModel
import Foundation

/// A node of the simulated Swarm (`SimulatedEngine.Configuration.swarmNodes`):
/// what the scheduler matches placement constraints against (`node.id`,
/// `node.hostname`, `node.role`, `node.labels.*`) and whether it takes new
/// tasks (`availability` `active` and `state` `ready`).
public struct SimulatedSwarmNode: Hashable, Sendable {
    /// The node's id; derived from the hostname when not given.
    public var id: String
    public var hostname: String
    /// `manager` or `worker`.
    public var role: String
    /// `Spec.Labels` (`node.labels.<key>` in constraints).
    public var labels: [String: String]
    /// `active`, `pause` or `drain`: only active nodes take new tasks.
    public var availability: String
    /// `ready` or `down`: only ready nodes take new tasks.
    public var state: String

    public init(hostname: String, role: String = "worker", labels: [String: String] = [:], availability: String = "active",
                state: String = "ready", id: String? = nil) {
        self.hostname = hostname
        self.role = role
        self.labels = labels
        self.availability = availability
        self.state = state
        self.id = id ?? Self.derivedID(hostname)
    }

    /// A manager node.
    public static func manager(_ hostname: String, labels: [String: String] = [:]) -> SimulatedSwarmNode {
        SimulatedSwarmNode(hostname: hostname, role: "manager", labels: labels)
    }

    /// A worker node.
    public static func worker(_ hostname: String, labels: [String: String] = [:]) -> SimulatedSwarmNode {
        SimulatedSwarmNode(hostname: hostname, role: "worker", labels: labels)
    }

    /// Whether the scheduler may place new tasks on it.
    var takesTasks: Bool { availability == "active" && state == "ready" }

    /// A 25-character Swarm id (lowercase base 36) stable for a hostname.
    static func derivedID(_ hostname: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in hostname.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var generator = SplitMix64(seed: hash)
        return swarmID(using: &generator)
    }

    /// A Swarm object id: 25 characters in `[0-9a-z]`, as swarmkit makes them.
    static func swarmID(using generator: inout SplitMix64) -> String {
        let alphabet = Array("0123456789abcdefghijklmnopqrstuvwxyz")
        var characters: [Character] = []
        while characters.count < 25 {
            var value = generator.next()
            for _ in 0..<12 where characters.count < 25 {
                characters.append(alphabet[Int(value % 36)])
                value /= 36
            }
        }
        return String(characters)
    }
}

/// A simulated Swarm service, as the manager keeps it.
struct SimulatedService: Sendable {
    var id: String
    /// `Version.Index`: bumped by every write (an update, a change of update status).
    var version: Int
    var created: Date
    var updated: Date
    /// The spec with the manager's defaults filled in and network names replaced by ids.
    var spec: JSONValue
    var previousSpec: JSONValue?
    /// `UpdateStatus`; `nil` when the last update changed no task.
    var updateState: String?
    var updateMessage = ""
    var updateStarted: Date?
    var updateCompleted: Date?
    /// The rolling update in progress.
    var rollout: SimulatedRollout?
    /// The list entry a seed snapshot gave (unknown fields are kept).
    var seed: JSONValue?

    var name: String { spec["Name"]?.stringValue ?? "" }
    var template: JSONValue { spec["TaskTemplate"] ?? .object([:]) }
    var isGlobal: Bool { spec["Mode"]?["Global"] != nil }
    var replicas: Int { spec["Mode"]?["Replicated"]?["Replicas"]?.intValue ?? 1 }
}

/// Where a task runs in its service: a slot number (replicated), or a
/// node (global, slot 0).
struct SimulatedSlot: Hashable, Sendable, Comparable {
    var slot: Int
    var nodeID: String

    static func < (lhs: SimulatedSlot, rhs: SimulatedSlot) -> Bool {
        (lhs.slot, lhs.nodeID) < (rhs.slot, rhs.nodeID)
    }
}

/// A simulated task: one attempt at running a service's task template in
/// a slot. Its progress is timed on the Swarm clock.
struct SimulatedTask: Sendable {
    var id: String
    var serviceID: String
    var slot: SimulatedSlot
    /// Empty while no node suits it (`pending`).
    var nodeID: String
    var spec: JSONValue
    var version: Int
    /// `running` or `shutdown`.
    var desiredState: String
    /// `pending`, `starting`, `running`, `rejected`, `shutdown`, …
    var state: String
    var message: String
    var error = ""
    /// 0 for the slot's first task; a restart's task counts one more
    /// (`RestartPolicy.MaxAttempts` caps it).
    var attempt = 0
    /// When it was created, on the Swarm clock.
    var createdAt: ContinuousClock.Instant
    /// When it changed last, on the Swarm clock.
    var changedAt: ContinuousClock.Instant
    /// When a `starting` task finishes starting (runs, or fails).
    var readyAt: ContinuousClock.Instant?
    /// The list entry a seed snapshot gave (unknown fields are kept).
    var seed: JSONValue?

    /// Not finished: wanted running and neither failed nor shut down.
    var isActive: Bool { desiredState == "running" && ["pending", "starting", "running"].contains(state) }
}

/// A simulated secret or config (immutable but for its labels).
struct SimulatedSwarmFile: Sendable {
    var id: String
    var name: String
    var labels: [String: String]
    /// The content, base64.
    var data: String
    var version: Int
    var created: Date
    var updated: Date
}

/// A rolling update in progress: the slots still to update, the batch
/// being updated (slot → its new task), and when the next batch starts.
struct SimulatedRollout: Sendable {
    var pending: [SimulatedSlot]
    var batch: [SimulatedSlot: String] = [:]
    var nextBatchAt: ContinuousClock.Instant
    /// Slots per batch (`UpdateConfig.Parallelism`; 0: all at once).
    var parallelism: Int
    /// `stop-first` or `start-first`.
    var order: String
    /// `UpdateConfig.Delay`, between batches.
    var delay: Duration
    /// `pause`, `continue` or `rollback`.
    var failureAction: String
    var maxFailureRatio: Double
    var total: Int
    var failures = 0
    /// A rollback (to `PreviousSpec`, after a failed update) rather than an update.
    var isRollback = false
}
