import ComposeModel
import DockerModel
import Foundation
import PlanModel
import Reconciler

/// Loads a project, observes its live state, and plans: the `plan` command's
/// pipeline, also the first half of `up`.
public struct PlanningWorkflow: Sendable {
    public var load: LoadOptions
    public var options: PlanOptions
    /// Whether the caller will write the plan file: its service
    /// configurations are then written while the reconciler plans
    /// (``Outcome/configTexts``).
    public var preparesPlanFile: Bool

    public init(load: LoadOptions, options: PlanOptions, preparesPlanFile: Bool = false) {
        self.load = load
        self.options = options
        self.preparesPlanFile = preparesPlanFile
    }

    /// What planning produced.
    public struct Outcome: Sendable {
        public var project: Project
        public var snapshot: Snapshot
        public var observed: ObservedState
        public var plan: Plan
        public var planFile: PlanFile
        /// The project's service configurations as the plan file holds
        /// them, for `planFile.encoded(configTexts:)`; none unless
        /// ``PlanningWorkflow/preparesPlanFile``.
        public var configTexts: ServiceConfigTexts
        /// The project's services as the summary names them, in any order
        /// (the summary sorts the ones it lists).
        var summarizedServices: [String]
        /// The orphans the plan leaves alone.
        var orphansLeft: [String]

        /// The human summary: totals, unchanged services, orphans left
        /// alone. Computed on each access, so only by a caller that prints
        /// it, and once the plan is being printed rather than before.
        public var summary: PlanSummary {
            PlanSummary(plan: plan, services: summarizedServices, orphansLeft: orphansLeft)
        }
    }

    /// Loads the project (with `options.services` selected).
    public func loadProject() throws(WorkflowError) -> Project {
        var load = self.load
        load.selectedServices = options.services
        return try ProjectSource.load(load)
    }

    /// Loads the project, opens the engine of `mode`, and plans: the `plan`
    /// command whole.
    public func plan(mode: EngineMode, confirm: (String) -> Bool) async throws -> Outcome {
        if case .snapshot(let path) = mode {
            // A snapshot file does not depend on the project: it is read and
            // its objects summarized on another core while the project loads
            // (both are large for large projects). A project that fails to
            // load is still the error reported, as when the two are read in turn.
            async let snapshot = Result { () throws(WorkflowError) -> (Snapshot, SnapshotSummaries) in
                let snapshot = try SnapshotFile.read(at: path)
                return (snapshot, SnapshotSummaries(snapshot: snapshot))
            }
            let project = try loadProject()
            let (contents, summaries) = try await snapshot.get()
            let session = EngineSession(mode: mode, backend: .file(contents, summaries))
            let outcome = try await plan(project, in: session, confirm: confirm)
            // The summaries of every object in the file are freed on another thread.
            BackgroundRelease.release(session)
            return outcome
        }
        let project = try loadProject()
        return try await EngineSession.open(mode, project: project.name, images: project, target: options.deploymentTarget) { session in
            try await plan(project, in: session, confirm: confirm)
        }
    }

    /// Plans `project` (from ``loadProject()``) against the live state that
    /// `session` observes. `confirm` answers the reconciler's questions
    /// (a volume recreation loses data).
    public func plan(_ project: Project, in session: EngineSession, confirm: (String) -> Bool) async throws -> Outcome {
        if options.deploymentTarget == .swarm { return try await planStack(project, in: session) }
        let observedAt = Date()
        // The services' config hashes depend on the project alone: computed
        // on another core while the state is observed and classified.
        async let hashes = ServiceHashes(project: project)
        // The images too: pulls are part of the plan.
        let observation = try await session.observeWithImages(project: project, showValues: options.showValues == true)
        // The daemon's answers are parsed once, for the plan and its fingerprint.
        let state = observation.state ?? ProjectState(snapshot: observation.snapshot, project: project.name)
        var observed = ObservedState(state: state, project: project, time: observedAt)
        observed.explanations = observation.explanations
            ?? ChangeExplainer.explanations(project: project, observed: observed, inspections: observation.snapshot.inspections,
                                            images: state.images, showValues: options.showValues == true)
        (observed.networkExplanations, observed.volumeExplanations) =
            ChangeExplainer.resourceExplanations(project: project, snapshot: observation.snapshot,
                                                 showValues: options.showValues == true)
        let knownHashes = await hashes
        // What the plan does not need, on another core while the reconciler
        // plans (on one core): the state's fingerprint and, when the plan
        // file is written, its service configurations. Started only now, in
        // one task, so that it never holds the core the reconciler waits for.
        let preparesPlanFile = self.preparesPlanFile
        async let aside = (StateFingerprint(state: state),
                           preparesPlanFile ? ServiceConfigTexts(project.services.values) : ServiceConfigTexts.none)
        let plan: Plan
        do {
            plan = try Reconciler.plan(project: project, observed: observed, options: options, hashes: knownHashes,
                                       confirm: confirm)
        } catch {
            throw WorkflowError.reconcile(error)
        }
        let (fingerprint, configTexts) = await aside
        let planFile = PlanFile(toolVersion: ToolVersion.current, project: ProjectContext(project: project),
                                composeFiles: project.configFileDigests, options: options, engine: observation.engine,
                                fingerprint: fingerprint, plan: plan)
        let outcome = Outcome(project: project, snapshot: observation.snapshot, observed: observed, plan: plan,
                              planFile: planFile, configTexts: configTexts, summarizedServices: Array(project.services.keys),
                              orphansLeft: options.removeOrphans ? [] : observed.orphans.map(\.name).sorted())
        // The state's tens of thousands of container summaries are freed on
        // another thread.
        BackgroundRelease.release((observation, state))
        return outcome
    }
}
