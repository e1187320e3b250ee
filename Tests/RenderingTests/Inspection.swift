import CGraphviz
import Foundation
import PlanModel
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Rendering

/// What an SVG holds: its elements with ids, by the class Graphviz gave them.
struct SVGSummary {
    var nodeIDs: [String] = []
    var edgeIDs: [String] = []
    var clusterIDs: [String] = []
    var classes: [String: String] = [:]
    var tooltips: [String: String] = [:]
    var texts: [String] = []

    /// FoundationXML on Linux does not find attributes by name
    /// (`attribute(forName:)` returns nil in a namespaced document).
    static func attribute(_ element: XMLElement, _ name: String) -> String? {
        element.attributes?.first { $0.name == name || $0.localName == name }?.stringValue
    }

    init(_ data: Data) throws {
        let document = try XMLDocument(data: data, options: [])
        for case let element as XMLElement in try document.nodes(forXPath: "//*[@id]") {
            guard let id = Self.attribute(element, "id") else { continue }
            let classes = Self.attribute(element, "class") ?? ""
            self.classes[id] = classes
            let words = classes.split(separator: " ")
            if words.contains("node") { nodeIDs.append(id) }
            if words.contains("edge") { edgeIDs.append(id) }
            if words.contains("cluster") { clusterIDs.append(id) }
            if words.contains("node"),
               let link = try element.nodes(forXPath: ".//*[local-name()='a']").first as? XMLElement,
               let title = Self.attribute(link, "xlink:title") ?? Self.attribute(link, "title") {
                tooltips[id] = title
            }
        }
        for case let element as XMLElement in try document.nodes(forXPath: "//*[local-name()='text']") {
            texts.append(element.stringValue ?? "")
        }
    }

    /// Node ids that stand for plan nodes (`node-<n>`).
    var planNodeIDs: [String] { nodeIDs.filter { $0.hasPrefix("node-") } }
}

/// What a DOT text holds once cgraph reads it back.
struct DOTSummary: Sendable {
    var nodeNames: [String] = []
    var edges: [String] = []
    var subgraphs: [String] = []
    var attributes: [String: [String: String]] = [:]
}

/// Reads DOT with `agmemread` (on the Graphviz actor, like every Graphviz call).
@GraphvizActor
func parseDOT(_ data: Data) throws -> DOTSummary {
    GraphvizMessages.install()
    GraphvizMessages.reset()
    let text = String(decoding: data, as: UTF8.self)
    guard let graph = agmemread(text) else {
        throw RenderingError.graphviz(stage: "read DOT", message: GraphvizMessages.take())
    }
    defer { agclose(graph) }
    var summary = DOTSummary()
    func name(_ object: UnsafeMutableRawPointer) -> String { String(cString: agnameof(object)) }
    func value(_ object: UnsafeMutableRawPointer, _ attribute: String) -> String? {
        attribute.withCString { key in agget(object, UnsafeMutablePointer(mutating: key)).map { String(cString: $0) } }
    }
    var node = agfstnode(graph)
    while let current = node {
        let nodeName = name(current)
        summary.nodeNames.append(nodeName)
        for attribute in ["label", "tooltip", "id", "shape", "fillcolor"] {
            summary.attributes[nodeName, default: [:]][attribute] = value(current, attribute)
        }
        var edge = agfstout(graph, current)
        while let out = edge {
            // For an out-edge, `node` is the head.
            summary.edges.append(nodeName + " -> " + name(UnsafeMutableRawPointer(out.pointee.node)))
            edge = agnxtout(graph, out)
        }
        node = agnxtnode(graph, current)
    }
    func visit(_ parent: UnsafeMutablePointer<Agraph_t>) {
        var subgraph = agfstsubg(parent)
        while let current = subgraph {
            summary.subgraphs.append(name(current))
            summary.attributes[name(current)] = ["label": value(current, "label") ?? "", "fontsize": value(current, "fontsize") ?? ""]
            visit(current)
            subgraph = agnxtsubg(current)
        }
    }
    visit(graph)
    summary.attributes["<root>"] = ["nslimit": value(graph, "nslimit") ?? "", "fontsize": value(graph, "fontsize") ?? ""]
    return summary
}

/// A PNG's signature and size.
struct PNGSummary {
    var width: Int
    var height: Int

    /// `nil` unless `data` starts with the PNG signature and an IHDR chunk.
    init?(_ data: Data) {
        let bytes = [UInt8](data.prefix(24))
        guard bytes.count == 24, bytes[0..<8] == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A],
              bytes[12..<16] == [0x49, 0x48, 0x44, 0x52] else { return nil }
        func integer(_ offset: Int) -> Int { bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) } }
        width = integer(16)
        height = integer(20)
    }
}

/// The number of dependency edges in a plan.
func dependencyCount(_ plan: Plan) -> Int { plan.nodes.reduce(0) { $0 + $1.dependsOn.count } }
