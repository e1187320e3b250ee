import CGraphviz

/// Builds the cgraph graph of a ``DiagramGraph`` with the attributes of
/// ``GraphvizStyle``. The caller owns the result and closes it with `agclose`.
@GraphvizActor
enum GraphvizDocument {
    typealias Graph = UnsafeMutablePointer<Agraph_t>

    /// The graph, or `nil` when cgraph refused to create it.
    static func make(_ diagram: DiagramGraph, format: RenderFormat, options: RenderOptions) -> Graph? {
        guard let graph = withCString("plan", { agopen($0, composeplan_agdirected(), composeplan_sequential_disc()) }) else { return nil }
        var symbols = Symbols()

        // Graph attributes: the root's values are the defaults (as when `dot`
        // reads `graph [...]` at the top of a file); every cluster sets all of
        // its own, so the DOT output reads back to the same graph.
        let root = GraphvizStyle.root(diagram, format: format, options: options)
        var rootValues: [String: String] = [:]
        for attribute in root { rootValues[attribute.name] = attribute.value }
        var names = GraphvizStyle.graphDefaults.map(\.name)
        for attribute in root where !names.contains(attribute.name) { names.append(attribute.name) }
        let clusterDefaults = Dictionary(uniqueKeysWithValues: GraphvizStyle.graphDefaults.map { ($0.name, $0.value) })
        for name in names {
            symbols.graph[name] = declare(graph, Int32(AGRAPH), name, rootValues[name] ?? clusterDefaults[name] ?? "")
        }
        for attribute in GraphvizStyle.nodeDefaults {
            symbols.node[attribute.name] = declare(graph, Int32(AGNODE), attribute.name, attribute.value)
        }
        for attribute in GraphvizStyle.edgeDefaults {
            symbols.edge[attribute.name] = declare(graph, Int32(AGEDGE), attribute.name, attribute.value)
        }

        var owner: [String: Graph] = [:]
        func addCluster(_ attributes: [GraphvizStyle.Attribute], id: String, in parent: Graph) -> Graph? {
            guard let subgraph = withCString(id, { agsubg(parent, $0, 1) }) else { return nil }
            var values = clusterDefaults
            for attribute in attributes { values[attribute.name] = attribute.value }
            for attribute in GraphvizStyle.graphDefaults {
                set(subgraph, symbols.graph[attribute.name], values[attribute.name] ?? attribute.value)
            }
            return subgraph
        }
        func addClusters(_ clusters: [DiagramCluster], in parent: Graph) -> Bool {
            for cluster in clusters {
                guard let subgraph = addCluster(GraphvizStyle.cluster(cluster), id: cluster.id, in: parent) else { return false }
                for id in cluster.nodeIDs { owner[id] = subgraph }
                guard addClusters(cluster.subclusters, in: subgraph) else { return false }
            }
            return true
        }

        var ok = true
        if !diagram.legend.isEmpty {
            if let legend = addCluster(GraphvizStyle.legendCluster, id: "cluster-legend", in: graph) {
                for entry in diagram.legend where ok {
                    ok = addNode(entry.id, in: legend, GraphvizStyle.legendNode(entry), symbols) != nil
                }
            } else {
                ok = false
            }
        }
        ok = ok && addClusters(diagram.clusters, in: graph)

        var created: [String: UnsafeMutablePointer<Agnode_t>] = [:]
        let hasRecord = options.record != nil
        for node in diagram.nodes where ok {
            let made = addNode(node.id, in: owner[node.id] ?? graph, GraphvizStyle.node(node, hasRecord: hasRecord), symbols)
            created[node.id] = made
            ok = made != nil
        }
        for edge in diagram.edges where ok {
            guard let tail = created[edge.from], let head = created[edge.to],
                  let made = agedge(graph, tail, head, nil, 1) else {
                ok = false
                break
            }
            for attribute in GraphvizStyle.edge(edge) { set(made, symbols.edge[attribute.name], attribute.value) }
        }
        guard ok else {
            agclose(graph)
            return nil
        }
        return graph
    }

    /// Attribute symbols by name, per kind of object.
    private struct Symbols {
        var graph: [String: UnsafeMutablePointer<Agsym_t>] = [:]
        var node: [String: UnsafeMutablePointer<Agsym_t>] = [:]
        var edge: [String: UnsafeMutablePointer<Agsym_t>] = [:]
    }

    private static func addNode(_ name: String, in graph: Graph, _ attributes: [GraphvizStyle.Attribute],
                                _ symbols: Symbols) -> UnsafeMutablePointer<Agnode_t>? {
        guard let node = withCString(name, { agnode(graph, $0, 1) }) else { return nil }
        for attribute in attributes { set(node, symbols.node[attribute.name], attribute.value) }
        return node
    }

    private static func declare(_ graph: Graph, _ kind: Int32, _ name: String, _ value: String) -> UnsafeMutablePointer<Agsym_t>? {
        withCString(name) { name in withCString(value) { value in agattr(graph, kind, name, value) } }
    }

    /// Sets an attribute declared in ``GraphvizStyle``'s defaults; an
    /// undeclared one is a programming error caught by the tests.
    private static func set<Object>(_ object: UnsafeMutablePointer<Object>, _ symbol: UnsafeMutablePointer<Agsym_t>?, _ value: String) {
        guard let symbol else {
            assertionFailure("attribute not declared in GraphvizStyle")
            return
        }
        _ = withCString(value) { agxset(object, symbol, $0) }
    }

    /// cgraph takes `char *` for strings it only reads (and copies).
    private static func withCString<Result>(_ text: String, _ body: (UnsafeMutablePointer<CChar>) -> Result) -> Result {
        text.withCString { body(UnsafeMutablePointer(mutating: $0)) }
    }
}
