import PlanModel
import TestSupport
@testable import Rendering
import Testing

/// Every plan dependency whose ends fall in different diagram nodes must be
/// drawn exactly once as part of an edge between those nodes (unless both
/// ends are outside the focus); returns a description of what is missing.
func lostDependencies(_ plan: Plan, _ diagram: DiagramGraph) -> [String] {
    var owner: [Int: String] = [:]
    for node in diagram.nodes { for id in node.planNodeIDs { owner[id] = node.id } }
    let hidden = Set(diagram.nodes.filter { $0.content == .hidden }.map(\.id))
    var expected: [String: Int] = [:]
    var problems: [String] = []
    for node in plan.nodes {
        for dependency in node.dependsOn {
            let from = owner[dependency]
            let to = owner[node.id]
            switch (from, to) {
            case let (from?, to?) where from != to:
                if hidden.contains(from) && hidden.contains(to) { continue }
                expected["\(from) -> \(to)", default: 0] += 1
            case (nil, let drawn?), (let drawn?, nil):
                // Fine only between a hidden neighbour and a node further out.
                if !hidden.contains(drawn) {
                    problems.append("#\(dependency) -> #\(node.id) has one end drawn and the other nowhere")
                }
            default:
                continue
            }
        }
    }
    var drawn: [String: Int] = [:]
    for edge in diagram.edges { drawn["\(edge.from) -> \(edge.to)", default: 0] += edge.dependencyCount }
    for (pair, count) in expected where drawn[pair] != count {
        problems.append("\(pair): \(count) dependencies, drawn \(drawn[pair] ?? 0)")
    }
    for pair in drawn.keys where expected[pair] == nil { problems.append("\(pair) drawn but no dependency") }
    return problems
}

@Suite("Collapse and focus")
struct CollapseAndFocusTests {
    @Test("collapse keeps every dependency crossing folded parts", arguments: [CollapseMode.replicas, .services])
    func collapseKeepsDependencies(mode: CollapseMode) throws {
        for plan in [GeneratedPlans.plan(nodeCount: 1000), PlanFixtures.volumeScaleOrphans, PlanFixtures.networkRecreate] {
            let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: mode))
            #expect(lostDependencies(plan, diagram) == [])
            #expect(diagram.nodes.flatMap(\.planNodeIDs).sorted() == plan.nodes.map(\.id))
            #expect(Set(diagram.edges.map(\.id)).count == diagram.edges.count)
        }
    }

    @Test func replicasWithTheSameOperationsFold() throws {
        var builder = PlanTextBuilder()
        let network = builder.add(.createNetwork, "network:default", "not found")
        for number in 1...3 { builder.createAndStart("web", number, after: [network]) }
        builder.recreate("web", 4, after: [network])
        builder.recreate("web", 5, after: [network])
        let plan = builder.plan
        let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: .replicas))
        let folds = diagram.nodes.filter { if case .folded = $0.content { true } else { false } }
        #expect(folds.count == 2)
        #expect(folds[0].planNodeIDs == [2, 3, 4, 5, 6, 7])
        #expect(folds[0].label.first == "×3 web replicas")
        #expect(folds[1].planNodeIDs.count == 10)
        #expect(folds[1].content == .folded([KindShare(kind: .replace, count: 2), KindShare(kind: .start, count: 2),
                                             KindShare(kind: .stop, count: 2), KindShare(kind: .remove, count: 2),
                                             KindShare(kind: .rename, count: 2)]))
        #expect(diagram.edges.map(\.id) == ["edge-1-2", "edge-1-8"])
        #expect(diagram.edges[0].dependencyCount == 3)
        // Folded replicas are no longer inside their recreate groups.
        #expect(diagram.allClusters.map(\.id) == ["cluster-networks", "cluster-service-web"])
    }

    @Test func servicesCollapseFoldsEachService() throws {
        let plan = ComposeShapes.plan(ComposeShapes.projects[6])
        let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: .services))
        let folds = diagram.nodes.filter { if case .folded = $0.content { true } else { false } }
        #expect(folds.count == 5)
        #expect(lostDependencies(plan, diagram) == [])
    }

    @Test func autoFoldsOnlyLargePlans() throws {
        let small = GeneratedPlans.plan(nodeCount: 200)
        #expect(try DiagramGraph(plan: small).nodes.count == 200)
        let large = GeneratedPlans.plan(nodeCount: 3000)
        let diagram = try DiagramGraph(plan: large)
        #expect(diagram.nodes.count < 600)
        #expect(lostDependencies(large, diagram) == [])
        #expect(diagram.title.contains { $0.hasPrefix("replicas folded: 3000 operations in") })
        let lowered = try DiagramGraph(plan: small, options: RenderOptions(autoCollapseThreshold: 100))
        #expect(lowered.nodes.count < 200)
    }

    @Test func focusDrawsTheServiceItsDependenciesAndDependents() throws {
        let plan = PlanFixtures.healthyDependency
        let app = try DiagramGraph(plan: plan, options: RenderOptions(focus: "app"))
        #expect(app.nodes.flatMap(\.planNodeIDs).sorted() == [1, 2, 3, 4, 5, 6])
        let db = try DiagramGraph(plan: plan, options: RenderOptions(focus: "db"))
        #expect(db.nodes.flatMap(\.planNodeIDs).sorted() == [1, 2, 3, 4, 5, 6])

        let compose = ComposeShapes.plan(ComposeShapes.projects[0])
        let proxy = try DiagramGraph(plan: compose, options: RenderOptions(focus: "proxy"))
        let shown = Set(proxy.nodes.filter { $0.content != .hidden }.flatMap(\.planNodeIDs))
        let proxyNodes = Set(compose.nodes.filter { $0.serviceName == "proxy" }.map(\.id))
        #expect(proxyNodes.isSubset(of: shown))
        #expect(lostDependencies(compose, proxy) == [])
    }

    @Test("focus keeps every dependency crossing the cut", arguments: ["svc0", "svc3", "svc7", "svc12", "svc20"])
    func focusKeepsDependencies(service: String) throws {
        let plan = GeneratedPlans.plan(nodeCount: 600)
        for mode in [CollapseMode.none, .replicas, .services] {
            let diagram = try DiagramGraph(plan: plan, options: RenderOptions(collapse: mode, focus: service))
            #expect(lostDependencies(plan, diagram) == [], "focus \(service), collapse \(mode)")
            let shown = diagram.nodes.filter { $0.content != .hidden }.flatMap(\.planNodeIDs)
            #expect(plan.nodes.filter { $0.serviceName == service }.allSatisfy { shown.contains($0.id) })
            #expect(shown.count < plan.nodes.count)
        }
    }

    @Test func focusOnAnUnknownServiceThrows() {
        #expect(throws: RenderingError.unknownFocus(service: "nope", known: ["app", "db"])) {
            try DiagramGraph(plan: PlanFixtures.healthyDependency, options: RenderOptions(focus: "nope"))
        }
    }

    @Test func emptyPlanIsNothingToDoEvenWithFocus() throws {
        let diagram = try DiagramGraph(plan: Plan(), options: RenderOptions(focus: "web"))
        #expect(diagram.isNothingToDo)
        #expect(diagram.nodes.map(\.id) == ["nothing-to-do"])
    }

    @Test func labelsNeverShowEnvironmentOrCommand() throws {
        let plan = PlanFixtures.hostile
        let diagram = try DiagramGraph(plan: plan)
        let text = diagram.nodes.flatMap { $0.label + $0.tooltip }.joined(separator: "\n")
        #expect(!text.contains("hunter2"))
        #expect(!text.contains("DB_PASSWORD"))
    }
}
