import PlanModel

extension DiagramGraph {
    /// The diagram of `plan`: focus applied first, then folding, then
    /// clusters, legend and title. An empty plan gives a "nothing to do"
    /// diagram; a focus on a service the plan does not touch throws
    /// ``RenderingError/unknownFocus(service:known:)``.
    public init(plan: Plan, options: RenderOptions = RenderOptions()) throws(RenderingError) {
        self = try DiagramBuilder(plan: plan, options: options).build()
    }
}

/// Turns a plan into a ``DiagramGraph`` (pure Swift, no Graphviz).
struct DiagramBuilder {
    var plan: Plan
    var options: RenderOptions

    /// A node while being placed.
    private struct Placed {
        var first: Int
        var node: DiagramNode
        var unit: PlanPlacement.Unit
        var group: String?
        var isHidden: Bool
    }

    func build() throws(RenderingError) -> DiagramGraph {
        guard !plan.nodes.isEmpty else { return nothingToDo() }
        let nodes = plan.nodes
        let placements = nodes.map(PlanPlacement.init)
        let graph = plan.graph
        var included = [Bool](repeating: true, count: nodes.count)
        var boundary: Set<Int> = []
        if let focus = options.focus {
            let selection = try FocusSelection(plan: plan, service: focus)
            included = selection.kept
            boundary = selection.boundary
        } else if let unit = options.expandedUnit {
            let selection = try FocusSelection(plan: plan, placements: placements, unit: unit)
            included = selection.kept
            boundary = selection.boundary
        }
        let shownCount = included.lazy.filter { $0 }.count
        var mode = Self.resolve(options.collapse, shownCount: shownCount, threshold: options.autoCollapseThreshold)
        var folds = ReplicaFolding.folds(of: plan, placements: placements, included: included, mode: mode)
        // `auto` keeps the picture drawable: when folded replicas still make
        // more boxes than the layout budget, each service becomes one box
        // (an overview whose size does not grow with replicas).
        if options.collapse == .auto && mode == .replicas
            && shownCount - folds.reduce(0) { $0 + $1.count } + folds.count > LayoutBudget.maximumBoxes {
            mode = .services
            folds = ReplicaFolding.folds(of: plan, placements: placements, included: included, mode: mode)
        }

        var ids = IdentifierRegistry()
        var assignment = [String?](repeating: nil, count: nodes.count)
        var placed: [Placed] = []

        for fold in folds {
            let id = ids.unique("node-\(nodes[fold[0]].id)")
            let node = foldNode(id: id, members: fold, unit: placements[fold[0]].unit, mode: mode)
            for member in fold { assignment[member] = id }
            placed.append(Placed(first: fold[0], node: node, unit: placements[fold[0]].unit, group: nil, isHidden: false))
        }
        for position in nodes.indices where included[position] && assignment[position] == nil {
            let planNode = nodes[position]
            let id = ids.unique("node-\(planNode.id)")
            assignment[position] = id
            let record = options.record?.node(planNode.id)
            let dependents = graph.dependents[position].map { nodes[$0].id }
            let node = DiagramNode(
                id: id, planNodeIDs: [planNode.id], content: .operation(OperationKind(planNode)),
                label: NodeText.label(of: planNode, record: record),
                tooltip: NodeText.tooltip(of: planNode, dependents: dependents, record: record),
                status: record?.status, failureOnlyWarns: planNode.failureOnlyWarns, isConditional: planNode.condition != nil)
            placed.append(Placed(first: position, node: node, unit: placements[position].unit,
                                 group: planNode.group.flatMap { $0.isEmpty ? nil : $0 }, isHidden: false))
        }
        placed.append(contentsOf: hiddenNodes(boundary: boundary, placements: placements, ids: &ids, assignment: &assignment))
        placed.sort { $0.first < $1.first }

        let edges = Self.edges(of: plan, graph: graph, assignment: assignment, included: included)
        let clusters = Self.clusters(of: placed, ids: &ids)
        let diagramNodes = placed.map(\.node)
        return DiagramGraph(
            title: title(shownCount: shownCount, boxes: diagramNodes.count, mode: mode, hiddenGroups: placed.count(where: \.isHidden)),
            nodes: diagramNodes, edges: edges, clusters: clusters,
            legend: options.showsLegend ? Self.legend(for: diagramNodes) : [],
            shownPlanNodeCount: shownCount, collapse: mode)
    }

    static func resolve(_ mode: CollapseMode, shownCount: Int, threshold: Int) -> CollapseMode {
        mode == .auto ? (shownCount > threshold ? .replicas : .none) : mode
    }

    // MARK: Nodes

    private func foldNode(id: String, members: [Int], unit: PlanPlacement.Unit, mode: CollapseMode) -> DiagramNode {
        let planNodes = members.map { plan.nodes[$0] }
        var shares: [OperationKind: Int] = [:]
        for node in planNodes { shares[OperationKind(node), default: 0] += 1 }
        let records = planNodes.compactMap { options.record?.node($0.id) }
        let status = records.map(\.status).max(by: { Self.severity($0) < Self.severity($1) })
        let duration = records.compactMap(\.duration).max()
        let replicas = Set(planNodes.map { PlanPlacement($0).replica ?? "" }).count
        let label = mode == .services
            ? NodeText.serviceFoldLabel(nodes: planNodes, unit: unit, status: status, duration: duration)
            : NodeText.replicaFoldLabel(nodes: planNodes, unit: unit, replicas: replicas, status: status, duration: duration)
        let title = mode == .services
            ? "\(NodeText.unitTitle(unit)): \(planNodes.count) operations folded"
            : "\(replicas) \(NodeText.unitWord(unit, plural: true)) with the same operations, folded"
        return DiagramNode(
            id: id, planNodeIDs: planNodes.map(\.id),
            content: .folded(OperationKind.allCases.compactMap { kind in shares[kind].map { KindShare(kind: kind, count: $0) } }),
            label: label, tooltip: NodeText.foldTooltip(nodes: planNodes, title: title),
            status: status, failureOnlyWarns: planNodes.allSatisfy(\.failureOnlyWarns))
    }

    /// One summary node per cluster for the boundary of a focus.
    private func hiddenNodes(boundary: Set<Int>, placements: [PlanPlacement], ids: inout IdentifierRegistry,
                             assignment: inout [String?]) -> [Placed] {
        var order: [PlanPlacement.Unit] = []
        var members: [PlanPlacement.Unit: [Int]] = [:]
        for position in boundary.sorted() {
            let unit = placements[position].unit
            if members[unit] == nil { order.append(unit) }
            members[unit, default: []].append(position)
        }
        return order.map { unit in
            let positions = members[unit]!
            let id = ids.unique("hidden-" + IdentifierRegistry.sanitized(NodeText.unitTitle(unit).replacingOccurrences(of: " ", with: "-")))
            for position in positions { assignment[position] = id }
            let planNodes = positions.map { plan.nodes[$0] }
            let node = DiagramNode(
                id: id, planNodeIDs: planNodes.map(\.id), content: .hidden,
                label: NodeText.hiddenLabel(unit: unit, count: positions.count),
                tooltip: NodeText.foldTooltip(nodes: planNodes, title: "outside the focus, joined to it by a dependency"))
            return Placed(first: positions[0], node: node, unit: unit, group: nil, isHidden: true)
        }
    }

    /// Worse outcomes rank higher (a fold shows its worst).
    static func severity(_ status: ExecutionRecord.Status) -> Int {
        switch status {
        case .succeeded: 0
        case .unchanged: 0
        case .skipped: 1
        case .warned: 2
        case .cancelled: 3
        case .failed: 4
        }
    }

    // MARK: Edges

    /// One edge per connected pair of diagram nodes, in plan order; plan
    /// edges inside a fold vanish, edges between two hidden nodes are not
    /// drawn, every other plan edge is counted on exactly one diagram edge.
    static func edges(of plan: Plan, graph: PlanGraph, assignment: [String?], included: [Bool]) -> [DiagramEdge] {
        var edges: [DiagramEdge] = []
        var positionByPair: [String: Int] = [:]
        for position in plan.nodes.indices {
            guard let head = assignment[position] else { continue }
            for other in graph.dependencies[position] {
                guard let tail = assignment[other], tail != head,
                      included[position] || included[other] else { continue }
                let key = tail + "\u{0}" + head
                if let existing = positionByPair[key] {
                    edges[existing].dependencyCount += 1
                } else {
                    positionByPair[key] = edges.count
                    edges.append(DiagramEdge(from: tail, to: head, touchesHidden: !(included[position] && included[other])))
                }
            }
        }
        return edges
    }

    // MARK: Clusters

    private static func clusters(of placed: [Placed], ids: inout IdentifierRegistry) -> [DiagramCluster] {
        var clusters: [DiagramCluster] = []
        var clusterIndex: [PlanPlacement.Unit: Int] = [:]
        var groupIndex: [PlanPlacement.Unit: [String: Int]] = [:]
        let unitsWithShownNodes = Set(placed.filter { !$0.isHidden }.map(\.unit))
        for entry in placed {
            guard !entry.isHidden || unitsWithShownNodes.contains(entry.unit) else { continue }
            let top: Int
            if let existing = clusterIndex[entry.unit] {
                top = existing
            } else {
                guard let cluster = newCluster(for: entry.unit, ids: &ids) else { continue }
                top = clusters.count
                clusterIndex[entry.unit] = top
                clusters.append(cluster)
            }
            guard let group = entry.group, case .service = entry.unit else {
                clusters[top].nodeIDs.append(entry.node.id)
                continue
            }
            if let sub = groupIndex[entry.unit]?[group] {
                clusters[top].subclusters[sub].nodeIDs.append(entry.node.id)
            } else {
                groupIndex[entry.unit, default: [:]][group] = clusters[top].subclusters.count
                let id = ids.unique("cluster-group-" + IdentifierRegistry.sanitized(group.replacingOccurrences(of: ":", with: "-")))
                clusters[top].subclusters.append(DiagramCluster(id: id, role: .group(group), label: group, nodeIDs: [entry.node.id]))
            }
        }
        return clusters
    }

    private static func newCluster(for unit: PlanPlacement.Unit, ids: inout IdentifierRegistry) -> DiagramCluster? {
        switch unit {
        case .networks: DiagramCluster(id: ids.unique("cluster-networks"), role: .networks, label: "networks")
        case .volumes: DiagramCluster(id: ids.unique("cluster-volumes"), role: .volumes, label: "volumes")
        case .images: DiagramCluster(id: ids.unique("cluster-images"), role: .images, label: "images")
        case .orphans: DiagramCluster(id: ids.unique("cluster-orphans"), role: .orphans, label: "orphan containers")
        case .secrets: DiagramCluster(id: ids.unique("cluster-secrets"), role: .secrets, label: "secrets and configs")
        case .service(let name):
            DiagramCluster(id: ids.unique("cluster-service-" + IdentifierRegistry.sanitized(name)),
                           role: .service(name), label: "service \(name)")
        case .none: nil
        }
    }

    // MARK: Legend and title

    static func legend(for nodes: [DiagramNode]) -> [LegendEntry] {
        var kinds: Set<OperationKind> = []
        var hasFolds = false
        var hasHidden = false
        var statuses: Set<ExecutionRecord.Status> = []
        for node in nodes {
            switch node.content {
            case .operation(let kind): kinds.insert(kind)
            case .folded(let shares):
                hasFolds = true
                kinds.formUnion(shares.map(\.kind))
            case .hidden: hasHidden = true
            case .nothingToDo: break
            }
            if let status = node.status { statuses.insert(status) }
        }
        var entries = OperationKind.allCases.filter(kinds.contains).map {
            LegendEntry(id: "legend-\($0.rawValue)", sample: .kind($0), label: $0.title)
        }
        if hasFolds { entries.append(LegendEntry(id: "legend-folded", sample: .folded, label: "folded ×N (stripes: what is inside)")) }
        if hasHidden { entries.append(LegendEntry(id: "legend-hidden", sample: .hidden, label: "outside the focus")) }
        for status in ExecutionRecord.Status.allCases where statuses.contains(status) {
            entries.append(LegendEntry(id: "legend-status-\(status.rawValue)", sample: .status(status), label: status.rawValue))
        }
        return entries
    }

    private func title(shownCount: Int, boxes: Int, mode: CollapseMode, hiddenGroups: Int) -> [String] {
        var lines = [options.projectName.map { "Plan for \($0)" } ?? "Plan"]
        let counts = NodeText.counts(plan.nodes).map { "\($1) \($0.name)" }
        let total = "\(plan.nodes.count) operation\(plan.nodes.count == 1 ? "" : "s"): "
        for start in stride(from: 0, to: counts.count, by: 4) {
            let chunk = counts[start..<min(start + 4, counts.count)].joined(separator: " · ")
            lines.append(start == 0 ? total + chunk : chunk)
        }
        if let focus = options.focus {
            var line = "focus on service \(focus): \(shownCount) of \(plan.nodes.count) operations"
            if hiddenGroups > 0 { line += ", neighbours outside the focus summarized in \(hiddenGroups) dashed box\(hiddenGroups == 1 ? "" : "es")" }
            lines.append(line)
        }
        if let unit = options.expandedUnit {
            var line = "\(NodeText.unitTitle(unit)): \(shownCount) of \(plan.nodes.count) operations"
            if hiddenGroups > 0 { line += ", its neighbours summarized in \(hiddenGroups) dashed box\(hiddenGroups == 1 ? "" : "es")" }
            lines.append(line)
        }
        if mode == .replicas || mode == .services, boxes < shownCount {
            lines.append("\(mode == .services ? "services" : "replicas") folded: \(shownCount) operations in \(boxes) boxes")
        }
        if let record = options.record {
            lines.append("run \(record.outcome.rawValue) in \(NodeText.seconds(record.duration))")
        }
        return lines
    }

    private func nothingToDo() -> DiagramGraph {
        var title = [options.projectName.map { "Plan for \($0)" } ?? "Plan", "nothing to do"]
        if let record = options.record { title.append("run \(record.outcome.rawValue) in \(NodeText.seconds(record.duration))") }
        let node = DiagramNode(id: "nothing-to-do", planNodeIDs: [], content: .nothingToDo,
                               label: ["Nothing to do", "the project already matches its compose files"],
                               tooltip: ["The plan is empty: applying it changes nothing."])
        return DiagramGraph(title: title, nodes: [node], edges: [], clusters: [], legend: [], isNothingToDo: true)
    }
}
