import ComposeModel
import DockerModel
import Engine
import Foundation
import PlanModel
import Reconciler

/// An engine opened for one command in an ``EngineMode``: it observes the
/// project and, unless the state comes from a snapshot file, runs plans.
///
/// ```swift
/// try await EngineSession.open(.dryRun(seed: .snapshot(path: "state.json")), project: "blog") { session in
///     let observation = try await session.observe(project: "blog")
///     …
/// }
/// ```
public struct EngineSession: Sendable {
    /// The engine behind the session.
    enum Backend: Sendable {
        /// A Docker daemon: observation and operations.
        case docker(DockerEngine)
        /// A snapshot file: observation only. Its objects may be summarized
        /// already (``SnapshotSummaries``).
        case file(Snapshot, SnapshotSummaries?)
        /// The simulated engine of a dry run.
        case simulated(SimulatedEngine)
    }

    public let mode: EngineMode
    let backend: Backend

    /// Opens the engine of `mode` for `project`, runs `body`, and closes
    /// daemon connections afterwards. A dry run seeded from the daemon also
    /// seeds the images of `images` (the project's), as the daemon and the
    /// registry see them.
    public static func open<T: Sendable>(_ mode: EngineMode, project: String, images: Project? = nil,
                                         target: DeploymentTarget = .containers, _ body: (EngineSession) async throws -> T) async throws -> T {
        switch mode {
        case .daemon(let address):
            let engine = try await connect(address)
            do {
                let result = try await body(EngineSession(mode: mode, backend: .docker(engine)))
                try? await engine.shutdown()
                return result
            } catch {
                try? await engine.shutdown()
                throw error
            }
        case .snapshot(let path):
            return try await body(EngineSession(mode: mode, backend: .file(try SnapshotFile.read(at: path), nil)))
        case .dryRun(.snapshot(let path)):
            let seed = try SnapshotFile.read(at: path)
            return try await body(EngineSession(mode: mode, backend: .simulated(await simulated(seed: seed))))
        case .dryRun(.daemon(let address)):
            let daemon = try await connect(address)
            var seed: Snapshot
            do {
                if target == .swarm {
                    seed = try await daemon.swarmSnapshot(stack: project)
                    try? await daemon.shutdown()
                    return try await body(EngineSession(mode: mode, backend: .simulated(await simulated(seed: seed))))
                }
                seed = try await daemon.snapshot(project: project)
                if let images {
                    seed.images = try await ProjectImages.observe(images, on: daemon).map(\.json)
                    let observed = ObservedState(snapshot: seed, project: images)
                    seed.inspections = try await ChangeExplainer.inspect(
                        ChangeExplainer.divergedContainers(project: images, observed: observed), on: daemon)
                }
                try? await daemon.shutdown()
            } catch {
                try? await daemon.shutdown()
                throw WorkflowError.engine(EngineFailure.typed(error))
            }
            return try await body(EngineSession(mode: mode, backend: .simulated(await simulated(seed: seed))))
        }
    }

    /// A simulated engine with Docker-like latencies, so a dry run's timeline
    /// looks like the real one.
    public static func simulated(seed snapshot: Snapshot) async -> SimulatedEngine {
        await SimulatedEngine(configuration: .init(latency: .dockerLike), seed: snapshot)
    }

    /// The project's live state and the engine that holds it.
    public func observe(project: String, target: DeploymentTarget = .containers) async throws(WorkflowError) -> Observation {
        if target == .swarm { return try await observeStack(project, images: nil) }
        switch backend {
        case .file(let snapshot, let summaries):
            var observation = Self.fileObservation(snapshot)
            observation.state = summaries.map { ProjectState(summaries: $0, project: project) }
            return observation
        case .docker(let engine):
            return try await Self.observe(project, on: engine)
        case .simulated(let engine):
            return try await Self.observe(project, on: engine)
        }
    }

    /// The project's live state with the `images` array: every image the
    /// project references, as the daemon has it, with its registry digest
    /// where the pull policy may need it (``ProjectImages``). For `observe`.
    ///
    /// The project's containers whose config hash differs are inspected
    /// (`inspections`) and explained as the answers arrive, with values
    /// when `showValues`.
    public func observeWithImages(project: Project, showValues: Bool = false) async throws(WorkflowError) -> Observation {
        var observation = try await observe(project: project.name)
        let engine: any ContainerEngine
        switch backend {
        case .file: return observation
        case .docker(let docker): engine = docker
        case .simulated(let simulated):
            engine = simulated
            // A simulation seeded without images would make them up: keep them unknown.
            guard await simulated.modelsImages else {
                try await inspectDiverged(project, into: &observation, on: engine, showValues: showValues)
                return observation
            }
        }
        do {
            observation.snapshot.images = try await ProjectImages.observe(project, on: engine).map(\.json)
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
        try await inspectDiverged(project, into: &observation, on: engine, showValues: showValues)
        return observation
    }

    /// Adds to `observation` the inspect answers of the project's
    /// containers whose config hash differs, which explain the plan's
    /// recreates (``ChangeExplainer``).
    private func inspectDiverged(_ project: Project, into observation: inout Observation,
                                 on engine: any ContainerEngine, showValues: Bool) async throws(WorkflowError) {
        let observed = ObservedState(snapshot: observation.snapshot, project: project)
        var diverged = ChangeExplainer.divergedContainers(project: project, observed: observed)
        if case .simulated(let simulated) = backend {
            var known: [String] = []
            for id in diverged where await simulated.knowsConfiguration(of: id) { known.append(id) }
            diverged = known
        }
        guard !diverged.isEmpty else { return }
        do {
            (observation.snapshot.inspections, observation.explanations) = try await ChangeExplainer.inspectAndExplain(
                diverged, on: engine, project: project, observed: observed, images: observation.snapshot.imageObservations,
                showValues: showValues)
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
    }

    /// Runs `body` holding `project`'s lock on the daemon (``ProjectLock``),
    /// released on every way out of `body`, errors and cancellation
    /// included. Snapshot files and dry runs take no lock: nothing else can
    /// change what they act on.
    public func withProjectLock<T: Sendable>(_ project: String, timeout: Duration?, command: String,
                                             _ body: () async throws -> T) async throws -> T {
        guard case .docker(let engine) = backend else { return try await body() }
        let lock = ProjectLock(project: project, engine: engine)
        try await lock.acquire(as: .current(command: command), timeout: timeout)
        do {
            let result = try await body()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }

    /// Removes `project`'s lock whoever holds it; the holder removed, `nil`
    /// when there was none.
    public func forceUnlock(_ project: String) async throws(WorkflowError) -> ProjectLock.Holder? {
        guard case .docker(let engine) = backend else { return nil }
        return try await ProjectLock(project: project, engine: engine).forceRelease()
    }

    /// The stack's part of the Swarm (`--target swarm`): its services and
    /// tasks, every secret, config and network, the nodes; with `images`,
    /// the `images` array of that project too (the registry digest each
    /// service's image is pinned to, as `docker stack deploy` pins it).
    public func observeStack(_ stack: String, images: Project?) async throws(WorkflowError) -> Observation {
        var project = images
        let swarm: any SwarmEngine
        let containers: any ContainerEngine
        switch backend {
        case .file(let snapshot, _):
            return Self.fileObservation(snapshot)
        case .docker(let docker): (swarm, containers) = (docker, docker)
        case .simulated(let simulated):
            (swarm, containers) = (simulated, simulated)
            // A simulation seeded without images would make them up: keep them unknown.
            if await !simulated.modelsImages { project = nil }
        }
        do {
            var snapshot = try await swarm.swarmSnapshot(stack: stack)
            if let project { snapshot.images = try await ProjectImages.observe(project, on: containers).map(\.json) }
            return Observation(snapshot: snapshot, engine: try await swarm.identity())
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
    }

    /// A snapshot file's state, with the engine it names (`GET /version`'s answer).
    private static func fileObservation(_ snapshot: Snapshot) -> Observation {
        let engine = snapshot.engine.map { engine in
            EngineIdentity(kind: "docker", version: engine["Version"]?.stringValue, apiVersion: engine["ApiVersion"]?.stringValue)
        }
        return Observation(snapshot: snapshot, engine: engine)
    }

    /// The Swarm manager that runs a stack plan's nodes; `nil` for a
    /// container plan.
    func swarmEngine(running planFile: PlanFile) -> (any SwarmEngine)? {
        guard planFile.options.deploymentTarget == .swarm else { return nil }
        switch backend {
        case .docker(let engine): return engine
        case .simulated(let engine): return engine
        case .file: return nil
        }
    }

    /// The engine that runs `planFile`; for a dry run, prepared to stand for
    /// the project's surroundings (``DryRunPreparation``).
    func engine(running planFile: PlanFile) async throws(WorkflowError) -> any ContainerEngine {
        switch backend {
        case .docker(let engine):
            return engine
        case .simulated(let engine):
            await DryRunPreparation.prepare(engine, for: planFile)
            return engine
        case .file:
            throw .snapshotCannotRun
        }
    }

    private static func observe(_ project: String, on engine: any ContainerEngine) async throws(WorkflowError) -> Observation {
        do {
            return Observation(snapshot: try await engine.snapshot(project: project), engine: try await engine.identity())
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
    }

    private static func connect(_ address: DaemonAddress) async throws(WorkflowError) -> DockerEngine {
        do {
            return try await DockerEngine.connect(host: address.host, context: address.context, tls: address.tls)
        } catch {
            throw .engine(EngineFailure.typed(error))
        }
    }
}
