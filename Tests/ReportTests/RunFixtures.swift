import Foundation
import PlanModel

/// Execution records for the report tests, made by a tiny discrete-event
/// simulation of the executor's rules: a node starts as soon as all its
/// dependencies succeeded (or warned) and a slot is free; a failed node's
/// dependents are skipped; a cancel at time `t` cancels what runs and what
/// has not started.
enum RunFixtures {
    static let engine = EngineIdentity(kind: "docker", host: "unix:///var/run/docker.sock", version: "20.10.24", apiVersion: "1.41")

    /// A plausible duration per operation type, varied by node id.
    static func typicalDuration(_ node: PlanNode) -> Double {
        let base: Double = switch node.type {
        case .stopContainer: 0.9
        case .startContainer: 0.45
        case .createContainer: 0.35
        case .removeContainer: 0.25
        case .createNetwork, .removeNetwork: 0.15
        case .createVolume, .removeVolume: 0.08
        case .connectNetwork, .disconnectNetwork: 0.06
        case .renameContainer: 0.04
        case .waitCondition: 1.5
        case .runHook: 0.3
        case .pullImage: 2.5
        case .buildImage: 4.0
        case .createService, .updateService, .removeService: 0.1
        case .createSecret, .createConfig, .removeSecret, .removeConfig: 0.02
        case .waitConverged: 3.0
        }
        return base * (1 + Double(node.id % 5) * 0.12)
    }

    static func simulate(_ file: PlanFile, parallelism: Int? = 4, duration: (PlanNode) -> Double = typicalDuration,
                         failing: [Int: String] = [:], cancelAt: Double? = nil) -> ExecutionRecord {
        let plan = file.plan
        var records: [Int: ExecutionRecord.NodeRecord] = [:]
        var running: [(id: Int, end: Double)] = []
        var now = 0.0
        var cancelled = false
        func isDone(_ id: Int) -> Bool { records[id] != nil && !running.contains { $0.id == id } }
        func ok(_ id: Int) -> Bool { isDone(id) && [.succeeded, .warned].contains(records[id]!.status) }
        while true {
            // Skip nodes whose dependency failed or was skipped.
            var changed = true
            while changed {
                changed = false
                for node in plan.nodes where records[node.id] == nil {
                    if node.dependsOn.contains(where: { isDone($0) && !ok($0) }) {
                        // As the executor records it: why it did not run.
                        var skipped = ExecutionRecord.NodeRecord(id: node.id, status: .skipped)
                        skipped.error = "not run: a dependency failed"
                        records[node.id] = skipped
                        changed = true
                    }
                }
            }
            if !cancelled {
                for node in plan.nodes where records[node.id] == nil && node.dependsOn.allSatisfy(ok) {
                    if let bound = parallelism, running.count >= bound { break }
                    let end = now + duration(node)
                    var entry = ExecutionRecord.NodeRecord(id: node.id, status: .succeeded, start: now, end: end)
                    if let message = failing[node.id] {
                        entry.status = node.failureOnlyWarns ? .warned : .failed
                        entry.error = message
                    } else if node.type == .createContainer {
                        entry.result = String(repeating: String(format: "%02x", node.id % 256), count: 32)
                    }
                    records[node.id] = entry
                    running.append((node.id, end))
                }
            }
            guard let next = running.min(by: { $0.end < $1.end }) else { break }
            if let cancelAt, !cancelled, cancelAt < next.end {
                now = cancelAt
                cancelled = true
                for item in running {
                    records[item.id]!.status = .cancelled
                    records[item.id]!.end = nil
                    records[item.id]!.error = "cancelled: interrupted (SIGINT)"
                }
                running.removeAll()
                for node in plan.nodes where records[node.id] == nil { records[node.id] = .init(id: node.id, status: .cancelled) }
                break
            }
            now = next.end
            running.removeAll { $0.id == next.id }
        }
        let nodes = plan.nodes.map { records[$0.id] ?? .init(id: $0.id, status: .skipped) }
        let outcome: ExecutionRecord.Outcome = cancelled ? .cancelled : (nodes.contains { $0.status == .failed } ? .failed : .succeeded)
        let end = max(now, nodes.compactMap(\.end).max() ?? 0)
        return ExecutionRecord(fingerprint: file.fingerprint.digest, project: file.project.name, engine: engine,
                               startedAt: Date(timeIntervalSince1970: 1_767_262_200), duration: end,
                               parallelism: parallelism, outcome: outcome, nodes: nodes)
    }

    /// The drifted example after a failed run: the new app container cannot
    /// be created, so its removal, rename and start are skipped.
    static let driftedFailure = """
        Error response from daemon: pull access denied for wordpress:6.6-php8.3-fpm, \
        repository does not exist or may require 'docker login': denied: requested access to the resource is denied
        """
}
