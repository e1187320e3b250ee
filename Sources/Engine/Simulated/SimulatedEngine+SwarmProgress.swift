import ComposeModel
import Foundation

/// How the simulated Swarm moves on with time, computed when it is looked
/// at (no timers, no sleeps): tasks start `LatencyModel.taskStart` after
/// they are placed, fail with "No such image" when their image is not
/// known and restart after `RestartPolicy.Delay`; the orchestrator keeps
/// one task per slot (replicated) or per eligible node (global); a rolling
/// update replaces the tasks in batches of `UpdateConfig.Parallelism`,
/// `Delay` apart, stop-first or start-first, and pauses, continues or
/// rolls back when a new task fails.
///
/// The Swarm clock is real time plus what `advanceSwarmClock(by:)` added,
/// so with `.instant` latencies everything that can run runs at once, and
/// tests move time on without waiting.
extension SimulatedEngine {
    /// Now, on the Swarm clock.
    func swarmNow() -> ContinuousClock.Instant {
        ContinuousClock.now + swarmClockOffset
    }

    /// Brings the Swarm up to now: every event due by now happens, in order.
    func settleSwarm() {
        guard !services.isEmpty || !tasks.isEmpty else { return }
        let now = swarmNow()
        // Nothing was written since the last settle and nothing is due yet.
        if let settled = swarmSettled, settled.index == swarmIndex, settled.nextEvent.map({ now < $0 }) ?? true { return }
        // Each pass may make new events due (a batch that ran starts the
        // next); a restart loop without delays is cut off.
        for _ in 0..<500 {
            var changed = finishStarts(by: now)
            changed = restartFailures(by: now) || changed
            // Each service's running tasks, gathered once per pass: a
            // service's orchestration changes only its own.
            let running = Dictionary(grouping: tasks.values.filter { $0.desiredState == "running" }, by: \.serviceID)
            for id in services.keys.sorted() { changed = orchestrate(id, current: running[id] ?? [], at: now) || changed }
            changed = placePending(at: now) || changed
            for id in services.keys.sorted() { changed = advanceRollout(of: id, by: now) || changed }
            if !changed { break }
        }
        pruneTaskHistory()
        swarmSettled = (swarmIndex, nextSwarmEvent(after: now))
    }

    /// When a failed task's restart delay ends: its policy's `Delay`, else
    /// Swarm's default of 5 s.
    static func restartTime(of task: SimulatedTask) -> ContinuousClock.Instant {
        task.changedAt + (task.spec["RestartPolicy"]?["Delay"].map { nanoseconds($0) } ?? .seconds(5))
    }

    /// The first moment after `now` at which the Swarm changes by itself:
    /// a task's start is due, a failed task's restart delay ends, or a
    /// rolling update's next batch may go.
    private func nextSwarmEvent(after now: ContinuousClock.Instant) -> ContinuousClock.Instant? {
        var next: ContinuousClock.Instant?
        func consider(_ instant: ContinuousClock.Instant) {
            if instant > now, next.map({ instant < $0 }) ?? true { next = instant }
        }
        for task in tasks.values where task.desiredState == "running" {
            if task.state == "starting", let ready = task.readyAt { consider(ready) }
            if ["rejected", "failed"].contains(task.state) { consider(Self.restartTime(of: task)) }
        }
        for service in services.values {
            if let rollout = service.rollout { consider(rollout.nextBatchAt) }
        }
        return next
    }

    /// Starting tasks whose start is due run, or fail when their image does not exist.
    private func finishStarts(by now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for (id, var task) in tasks where task.state == "starting" {
            guard let ready = task.readyAt, ready <= now else { continue }
            let image = task.spec["ContainerSpec"]?["Image"]?.stringValue ?? ""
            if swarmImageExists(image) {
                task.state = "running"
                task.message = "started"
            } else {
                task.state = "rejected"
                task.message = "preparing"
                task.error = "No such image: \(image)"
            }
            task.changedAt = ready
            task.readyAt = nil
            task.version = nextSwarmIndex()
            tasks[id] = task
            changed = true
        }
        return changed
    }

    /// Whether a task's image can be run: present, or any image when the
    /// engine does not model images. A digest-pinned reference is also
    /// looked up without its digest.
    func swarmImageExists(_ image: String) -> Bool {
        if isImagePresent(image) { return true }
        guard let at = image.firstIndex(of: "@") else { return false }
        return isImagePresent(String(image[..<at]))
    }

    /// Failed tasks whose restart delay passed are shut down and replaced
    /// in their slot, as the restart policy allows (`none` never,
    /// `MaxAttempts` at most that many times).
    private func restartFailures(by now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for id in tasks.keys.sorted() {
            guard var task = tasks[id], task.desiredState == "running", ["rejected", "failed"].contains(task.state),
                  let service = services[task.serviceID] else { continue }
            let policy = task.spec["RestartPolicy"]
            let restartAt = Self.restartTime(of: task)
            let maxAttempts = policy?["MaxAttempts"]?.intValue ?? 0
            guard restartAt <= now, policy?["Condition"]?.stringValue != "none",
                  maxAttempts == 0 || task.attempt < maxAttempts else { continue }
            task.desiredState = "shutdown"
            task.version = nextSwarmIndex()
            tasks[id] = task
            let replacement = createTask(of: service, slot: task.slot, at: restartAt)
            tasks[replacement]?.attempt = task.attempt + 1
            changed = true
        }
        return changed
    }

    /// The orchestrator: a task for every slot up to the replicas (or
    /// every eligible node of a global service), none beyond.
    private func orchestrate(_ serviceID: String, current: [SimulatedTask], at now: ContinuousClock.Instant) -> Bool {
        guard let service = services[serviceID] else { return false }
        let occupied = Set(current.map(\.slot))
        let wanted: Set<SimulatedSlot>
        if service.isGlobal {
            let nodes = (try? eligibleNodes(for: service, among: swarmNodes).get()) ?? []
            wanted = Set(nodes.map { SimulatedSlot(slot: 0, nodeID: $0.id) })
        } else {
            wanted = Set((0..<max(0, service.replicas)).map { SimulatedSlot(slot: $0 + 1, nodeID: "") })
        }
        var changed = false
        for slot in wanted.subtracting(occupied).sorted() {
            createTask(of: service, slot: slot, at: now)
            changed = true
        }
        for task in current.sorted(by: { $0.id < $1.id }) where !wanted.contains(task.slot) {
            shutDown(task.id, at: now)
            changed = true
        }
        return changed
    }

    /// Pending tasks are placed again (a node may have become available).
    private func placePending(at now: ContinuousClock.Instant) -> Bool {
        var changed = false
        for id in tasks.keys.sorted() {
            guard var task = tasks[id], task.state == "pending", task.desiredState == "running",
                  let service = services[task.serviceID] else { continue }
            let before = task.error
            place(&task, service: service, at: now)
            if task.state != "pending" || task.error != before {
                task.version = nextSwarmIndex()
                changed = true
            }
            tasks[id] = task
        }
        return changed
    }

    /// The task stops being wanted, and stops.
    func shutDown(_ id: String, at time: ContinuousClock.Instant) {
        guard var task = tasks[id] else { return }
        task.desiredState = "shutdown"
        if ["pending", "starting", "running"].contains(task.state) {
            task.state = "shutdown"
            task.message = "shutdown"
            task.changedAt = time
            task.readyAt = nil
        }
        task.version = nextSwarmIndex()
        tasks[id] = task
    }

    // MARK: - Rolling updates

    /// Starts updating the slots whose tasks do not run the service's
    /// task template (nothing when none differs: a change of replicas or
    /// labels alone is no update, and leaves no `UpdateStatus`).
    func startRollout(of serviceID: String, rollback: Bool = false) {
        guard var service = services[serviceID] else { return }
        let template = service.template
        let dirty = Set(tasks.values.filter { $0.serviceID == serviceID && $0.desiredState == "running" && $0.spec != template }
            .map(\.slot)).sorted()
        guard !dirty.isEmpty else { return }
        let config = service.spec[rollback ? "RollbackConfig" : "UpdateConfig"]
        service.rollout = SimulatedRollout(
            pending: dirty, nextBatchAt: swarmNow(), parallelism: max(0, config.map { $0["Parallelism"]?.intValue ?? 0 } ?? 1),
            order: config?["Order"]?.stringValue ?? "stop-first", delay: Self.nanoseconds(config?["Delay"]),
            failureAction: config?["FailureAction"]?.stringValue ?? "pause",
            maxFailureRatio: config?["MaxFailureRatio"]?.doubleValue ?? 0, total: dirty.count, isRollback: rollback)
        if !rollback {
            service.updateState = "updating"
            service.updateMessage = "update in progress"
            service.updateStarted = Date()
        }
        service.version = nextSwarmIndex()
        services[serviceID] = service
    }

    /// The rolling update's next step: the batch in flight finishes (its
    /// new tasks run, or fail), the next batch starts when the delay
    /// passed, and the update completes after the last batch.
    private func advanceRollout(of serviceID: String, by now: ContinuousClock.Instant) -> Bool {
        guard var service = services[serviceID], var rollout = service.rollout else { return false }
        var changed = false
        for (slot, taskID) in rollout.batch.sorted(by: { $0.key < $1.key }) {
            guard let task = tasks[taskID] else {
                rollout.batch[slot] = nil
                continue
            }
            switch task.state {
            case "running":
                if rollout.order == "start-first" {
                    for old in tasks.values where old.serviceID == serviceID && old.slot == slot && old.id != taskID
                        && old.desiredState == "running" {
                        shutDown(old.id, at: task.changedAt)
                    }
                }
            case "rejected", "failed":
                rollout.failures += 1
                if Double(rollout.failures) > rollout.maxFailureRatio * Double(rollout.total), rollout.failureAction != "continue" {
                    return fail(&service, rollout: rollout, task: task)
                }
            default:
                continue
            }
            rollout.batch[slot] = nil
            rollout.nextBatchAt = max(rollout.nextBatchAt, task.changedAt + rollout.delay)
            changed = true
        }
        if rollout.batch.isEmpty, !rollout.pending.isEmpty, rollout.nextBatchAt <= now {
            let count = rollout.parallelism == 0 ? rollout.pending.count : min(rollout.parallelism, rollout.pending.count)
            let slots = rollout.pending.prefix(count)
            rollout.pending.removeFirst(count)
            for slot in slots {
                let old = tasks.values.filter { $0.serviceID == serviceID && $0.slot == slot && $0.desiredState == "running" }
                guard !old.isEmpty, old.contains(where: { $0.spec != service.template }) else { continue }
                if rollout.order != "start-first" {
                    for task in old { shutDown(task.id, at: rollout.nextBatchAt) }
                }
                rollout.batch[slot] = createTask(of: service, slot: slot, at: rollout.nextBatchAt)
            }
            changed = true
        }
        if rollout.batch.isEmpty && rollout.pending.isEmpty {
            service.rollout = nil
            service.updateState = rollout.isRollback ? "rollback_completed" : "completed"
            service.updateMessage = rollout.isRollback ? "rollback completed" : "update completed"
            service.updateCompleted = Date()
            service.version = nextSwarmIndex()
            services[serviceID] = service
            return true
        }
        service.rollout = rollout
        services[serviceID] = service
        return changed
    }

    /// A new task failed beyond `MaxFailureRatio`: the update pauses, or
    /// rolls back to the previous spec.
    private func fail(_ service: inout SimulatedService, rollout: SimulatedRollout, task: SimulatedTask) -> Bool {
        service.rollout = nil
        service.version = nextSwarmIndex()
        if rollout.failureAction == "rollback", !rollout.isRollback, let previous = service.previousSpec {
            service.updateState = "rollback_started"
            service.updateMessage = "update rolled back due to failure or early termination of task \(task.id)"
            service.previousSpec = service.spec
            service.spec = previous
            services[service.id] = service
            startRollout(of: service.id, rollback: true)
            return true
        }
        service.updateState = rollout.isRollback ? "rollback_paused" : "paused"
        service.updateMessage = "update paused due to failure or early termination of task \(task.id)"
        services[service.id] = service
        return true
    }

    /// Keeps the last five finished tasks of each slot, as Swarm's task
    /// history retention limit does.
    private func pruneTaskHistory() {
        var finished: [String: [SimulatedTask]] = [:]
        for task in tasks.values where task.desiredState != "running" {
            finished["\(task.serviceID)/\(task.slot.slot)/\(task.slot.nodeID)", default: []].append(task)
        }
        for (_, slotTasks) in finished where slotTasks.count > 5 {
            for task in slotTasks.sorted(by: { ($0.changedAt, $0.id) > ($1.changedAt, $1.id) }).dropFirst(5) {
                tasks[task.id] = nil
            }
        }
    }
}
