import Foundation
import PlanModel
import Rendering

/// Turns a plan, its run and its drawn diagram into the ``ReportPage`` the
/// template reads. Reads only ids, types, resources, causes, groups,
/// dependencies and the record: never a node's `details` (which hold
/// environment values).
struct ReportPageBuilder {
    var planFile: PlanFile
    var record: ExecutionRecord?
    /// The explorer's diagrams (the main one sanitized, expansions compressed).
    var views: ExplorerViews
    var contentSecurityPolicy: String
    var generatedAt: String

    func build() -> ReportPage {
        let plan = planFile.plan
        let waves = PlanAnalysis.waves(of: plan)
        let graph = plan.graph
        let kinds = plan.nodes.map { OperationKind($0).rawValue }
        let statusOf: (Int) -> ExecutionRecord.NodeRecord? = { record?.node($0) }

        var groups: [ReportPage.ChangeGroup] = []
        var groupIndex: [String: Int] = [:]
        for (index, node) in plan.nodes.enumerated() {
            let name = Self.groupName(of: node)
            let entry = statusOf(node.id)
            let change = ReportPage.Change(id: node.id, type: node.type.name, kind: kinds[index], resource: node.resource.description,
                                           target: Self.target(of: node), cause: node.cause, status: entry?.status.rawValue,
                                           duration: Self.durationText(entry))
            if let existing = groupIndex[name] {
                groups[existing].changes.append(change)
                groups[existing].count += 1
            } else {
                groupIndex[name] = groups.count
                groups.append(ReportPage.ChangeGroup(name: name, count: 1, summary: "", open: true, changes: [change]))
            }
        }
        for index in groups.indices {
            var counts: [String: Int] = [:]
            var order: [String] = []
            for change in groups[index].changes {
                if counts[change.type] == nil { order.append(change.type) }
                counts[change.type, default: 0] += 1
            }
            groups[index].summary = order.map { "\(counts[$0]!) \($0)" }.joined(separator: ", ")
            groups[index].open = plan.nodes.count <= Self.unfoldedChangeLimit
        }

        let rows = plan.nodes.enumerated().map { index, node in
            let entry = statusOf(node.id)
            return ReportPage.Row(
                id: node.id, resource: node.resource.description, type: node.type.name, kind: kinds[index], cause: node.cause,
                group: node.group ?? "", dependsOn: node.dependsOn.map { "#\($0)" }.joined(separator: ", "),
                service: Self.groupName(of: node), wave: waves[node.id] ?? 1, hasRecord: record != nil,
                status: entry?.status.rawValue ?? "", start: entry?.start.map(DurationText.tick) ?? "",
                startValue: entry?.start.map { String($0) } ?? "", duration: Self.durationText(entry) ?? "",
                durationValue: entry?.duration.map { String($0) } ?? "", error: entry?.error ?? "",
                changes: node.explanation?.lines ?? [], hasChanges: node.explanation != nil)
        }

        var waveList: [ReportPage.Wave] = []
        for (index, node) in plan.nodes.enumerated() {
            let number = waves[node.id] ?? 1
            while waveList.count < number { waveList.append(ReportPage.Wave(number: waveList.count + 1, nodes: [])) }
            waveList[number - 1].nodes.append(ReportPage.WaveNode(id: node.id, type: node.type.name, kind: kinds[index],
                                                                   resource: node.resource.description, label: Self.shortLabel(node)))
        }

        // Failures (failed, or warned: a failure that only warns) are the
        // errors; nodes that did not run because of one are listed apart.
        var errors: [ReportPage.ErrorEntry] = []
        var notRun: [ReportPage.ErrorEntry] = []
        for entry in record?.nodes ?? [] {
            guard let message = entry.error, !message.isEmpty, let node = plan.node(entry.id) else { continue }
            let item = ReportPage.ErrorEntry(id: node.id, type: node.type.name, resource: node.resource.description,
                                             status: entry.status.rawValue, message: message)
            switch entry.status {
            case .failed, .warned: errors.append(item)
            default: notRun.append(item)
            }
        }

        let counts = plan.countsByType.sorted { $0.key < $1.key }.map { type, count in
            ReportPage.Count(type: type.name, kind: Self.kind(of: type, in: plan), count: count)
        }

        let critical = criticalPath(plan: plan)
        let data = ReportData(
            nodes: plan.nodes.enumerated().map { index, node in
                let entry = statusOf(node.id)
                return ReportData.Node(id: node.id, type: node.type.name, kind: kinds[index], resource: node.resource.description, cause: node.cause,
                                       group: node.group, service: Self.groupName(of: node), dependsOn: node.dependsOn,
                                       dependents: graph.dependentIDs(of: node.id), wave: waves[node.id] ?? 1,
                                       status: entry?.status.rawValue, start: entry?.start, duration: entry?.duration,
                                       error: entry?.error, changes: node.explanation?.lines)
            },
            main: ReportData.View(title: "overview", diagram: views.main), expansions: views.expansions,
            critical: critical.nodes, criticalMeaning: critical.meaning, runSeconds: record?.duration)

        let timeline = record.map { TimelineSVG.render(TimelineLayout(plan: plan, record: $0)) }
        return ReportPage(
            project: planFile.project.name, toolVersion: planFile.toolVersion,
            contentSecurityPolicy: contentSecurityPolicy,
            outcomeText: record.map { "run \($0.outcome.rawValue)" } ?? "planned, not applied",
            outcomeClass: record?.outcome.rawValue ?? "planned",
            headline: headline(plan: plan, groups: groups),
            plannedAt: Self.readable(planFile.createdAt), appliedAt: record.map { Self.readable($0.startedAt) },
            engine: (record?.engine ?? planFile.engine)?.summary ?? "unknown (observed from a file)",
            fingerprint: planFile.fingerprint.digest, fingerprintShort: String(planFile.fingerprint.digest.prefix(16)),
            totalTime: record.map { DurationText.seconds($0.duration) },
            parallelism: record.map { $0.parallelism.map { "--parallel \($0)" } ?? "unbounded" },
            criticalPath: record.map { criticalPathText(plan: plan, record: $0) },
            statusSummary: record.map(Self.statusSummary),
            nodeCount: plan.nodes.count, counts: counts, groups: groups,
            hasWarnings: !plan.warnings.isEmpty, warnings: plan.warnings,
            hasErrors: !errors.isEmpty, errorCount: errors.count, errors: errors,
            hasNotRun: !notRun.isEmpty, hasProblems: !errors.isEmpty || !notRun.isEmpty, notRunCount: notRun.count, notRun: notRun,
            diagramSVG: views.mainSVG, diagramNote: diagramNote(plan: plan), diagramTitle: diagramTitle,
            hasExpansions: !views.expansions.isEmpty,
            hasTimeline: timeline != nil, timelineSVG: timeline ?? "", hasRecord: record != nil,
            serviceNames: groups.map(\.name).sorted(), typeNames: counts.map(\.type),
            statusNames: Set((record?.nodes ?? []).map(\.status)).sorted { $0.rawValue < $1.rawValue }.map(\.rawValue),
            rows: rows, waves: waveList, dataJSON: data.scriptSafeJSON(), generatedAt: generatedAt)
    }

    /// Plans up to this size show every change unfolded.
    static let unfoldedChangeLimit = 150

    /// The service a node belongs to, else `networks`, `volumes` or `orphans`.
    /// The diagram's grouping (``PlanPlacement``), so the table and the
    /// picture agree.
    /// A node's duration, with the bytes a pull downloaded (`3.21 s, 31.4 MB`).
    static func durationText(_ entry: ExecutionRecord.NodeRecord?) -> String? {
        guard let entry, let duration = entry.duration else { return nil }
        let text = DurationText.seconds(duration)
        guard let bytes = entry.bytes else { return text }
        return text + ", " + ByteText.format(bytes)
    }

    static func groupName(of node: PlanNode) -> String {
        PlanPlacement(node).groupName
    }

    /// The resource without `service:` (`app:1`) or `orphan:`.
    static func target(of node: PlanNode) -> String {
        switch node.resource {
        case .container(let service, let number): "\(service):\(number)"
        case .orphan(let name): name
        default: node.resource.description
        }
    }

    /// A timestamp from a plan or record (`2026-01-01T10:00:00Z`) as
    /// `2026-01-01 10:00:00 UTC`.
    static func readable(_ timestamp: String) -> String {
        guard timestamp.count == 20, timestamp.hasSuffix("Z") else { return timestamp }
        return String(timestamp.replacingOccurrences(of: "T", with: " ").dropLast()) + " UTC"
    }

    /// `CreateContainer api:1` style label for the waves list.
    static func shortLabel(_ node: PlanNode) -> String {
        if case .container(let service, let number) = node.resource { return "\(node.type.name) \(service):\(number)" }
        return "\(node.type.name) \(node.resource)"
    }

    /// The colour class of an operation type (that of its first node's kind).
    static func kind(of type: OperationType, in plan: Plan) -> String {
        plan.nodes.first { $0.type == type }.map { OperationKind($0).rawValue } ?? "create"
    }

    static func statusSummary(_ record: ExecutionRecord) -> String {
        var counts: [ExecutionRecord.Status: Int] = [:]
        for node in record.nodes { counts[node.status, default: 0] += 1 }
        return ExecutionRecord.Status.allCases.compactMap { status in
            counts[status].map { "\($0) \(status.rawValue)" }
        }.joined(separator: ", ")
    }

    func headline(plan: Plan, groups: [ReportPage.ChangeGroup]) -> String {
        guard !plan.isEmpty else { return "Nothing to do." }
        let verb = record == nil ? "will run" : "ran"
        let services = groups.count == 1 ? "1 group" : "\(groups.count) groups"
        var names = groups.prefix(8).map(\.name).joined(separator: ", ")
        if groups.count > 8 { names += ", … \(groups.count - 8) more" }
        return "\(plan.nodes.count) operations on \(services) (\(names)); "
            + "the plan \(verb) in \(PlanAnalysis.waves(of: plan).values.max() ?? 0) waves."
    }

    func criticalPathText(plan: Plan, record: ExecutionRecord) -> String {
        let ideal = PlanAnalysis.criticalPath(of: plan) { record.node($0.id)?.duration ?? 0 }
        let chain = PlanAnalysis.blockingChain(of: plan, record: record)
        return "\(DurationText.seconds(ideal.length)) with unbounded parallelism; \(chain.count) nodes decided the end"
    }

    func diagramNote(plan: Plan) -> String {
        guard let diagram = views.main, diagram.nodes.count < plan.nodes.count, !diagram.isNothingToDo else { return "" }
        return "Folded: \(plan.nodes.count) operations drawn as \(diagram.nodes.count) boxes; the table and timeline list every node."
    }

    /// What the main diagram shows, for the explorer's title.
    var diagramTitle: String {
        switch views.main?.collapse {
        case nil: "no diagram"
        case .services?: "overview: one box per service"
        case .replicas?: "replicas folded"
        case .none?, .auto?: "every operation"
        }
    }

    /// The side panel's critical path: after a run, the chain that decided
    /// when it ended (the timeline's outlined bars); before, the longest
    /// chain of operations.
    func criticalPath(plan: Plan) -> (nodes: [Int], meaning: String) {
        if let record {
            return (PlanAnalysis.blockingChain(of: plan, record: record), "the chain of operations that decided when the run ended")
        }
        return (PlanAnalysis.criticalPath(of: plan) { _ in 1 }.nodes, "the longest chain of operations, each waiting for the one before")
    }
}
