import CGraphviz
import Foundation

/// Lays out and draws ``DiagramGraph``s in memory with libgvc: no `dot`
/// process, no temporary file. Isolated to ``GraphvizActor``.
@GraphvizActor
enum GraphvizRuntime {
    /// The process's Graphviz context (plugins loaded once, from the
    /// registry `config6a` of the installed plugins).
    private static var context: OpaquePointer?

    static func sharedContext() throws(RenderingError) -> OpaquePointer {
        if let context { return context }
        GraphvizMessages.install()
        GraphvizMessages.reset()
        guard let created = gvContext() else {
            throw .contextUnavailable(message: GraphvizMessages.take())
        }
        context = created
        return created
    }

    /// The bytes of `diagram` in `options.format` (or in the Graphviz
    /// output format `graphvizFormat`, for tests).
    static func render(_ diagram: DiagramGraph, options: RenderOptions,
                       graphvizFormat: String? = nil) throws(RenderingError) -> Data {
        let context = try sharedContext()
        GraphvizMessages.reset()
        guard let graph = GraphvizDocument.make(diagram, format: options.format, options: options) else {
            throw .graphviz(stage: "build the graph", message: GraphvizMessages.take())
        }
        var laidOut = false
        // Freeing a large graph and its layout takes a few percent of its
        // render; it runs on this actor after the bytes are handed back.
        defer { GraphTeardown(graph: graph, context: context, laidOut: laidOut).schedule() }
        if GraphvizMessages.sawError {
            throw .graphviz(stage: "build the graph", message: GraphvizMessages.take())
        }

        // DOT is written before layout, straight from cgraph.
        if options.format == .dot, graphvizFormat == nil { return try writeDOT(graph) }
        // Freed even after a failed layout: gvFreeLayout frees whatever it made.
        laidOut = true
        let layoutStatus = gvLayout(context, graph, "dot")
        guard layoutStatus == 0, !GraphvizMessages.sawError else {
            let message = GraphvizMessages.take()
            // "Layout type: "dot" not recognized. Use one of: …" when no plugin loaded.
            if message.contains("not recognized") { throw .layoutUnavailable(message: message) }
            throw .graphviz(stage: "lay out the graph", message: message)
        }

        var buffer: UnsafeMutablePointer<CChar>?
        var length: UInt32 = 0
        let format = graphvizFormat ?? options.format.graphvizFormat
        let status = gvRenderData(context, graph, format, &buffer, &length)
        defer { if let buffer { gvFreeRenderData(buffer) } }
        guard status == 0, let buffer, !GraphvizMessages.sawError else {
            let message = GraphvizMessages.take()
            // Graphviz says "Format: … not recognized" or "renderer for … is unavailable".
            if status != 0, message.contains("not recognized") || message.contains("unavailable") || message.isEmpty {
                throw .formatUnavailable(format: format, message: message)
            }
            throw .graphviz(stage: "draw the graph as \(options.format.rawValue)", message: message)
        }
        _ = GraphvizMessages.take()
        return Data(bytes: buffer, count: Int(length))
    }

    /// The graph in DOT (`agwrite` into an in-memory stream).
    private static func writeDOT(_ graph: UnsafeMutablePointer<Agraph_t>) throws(RenderingError) -> Data {
        let bufferPointer = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: 1)
        let sizePointer = UnsafeMutablePointer<Int>.allocate(capacity: 1)
        bufferPointer.initialize(to: nil)
        sizePointer.initialize(to: 0)
        defer {
            free(bufferPointer.pointee)
            bufferPointer.deallocate()
            sizePointer.deallocate()
        }
        guard let stream = open_memstream(bufferPointer, sizePointer) else {
            throw .graphviz(stage: "write DOT", message: "cannot open a memory stream")
        }
        let status = agwrite(graph, stream)
        fclose(stream)
        guard status == 0, !GraphvizMessages.sawError, let bytes = bufferPointer.pointee else {
            throw .graphviz(stage: "write DOT", message: GraphvizMessages.take())
        }
        _ = GraphvizMessages.take()
        return Data(bytes: bytes, count: sizePointer.pointee)
    }
}

/// A graph to free (with its layout) once a render has returned its bytes.
/// `@unchecked Sendable`: the pointers are only used on ``GraphvizActor``.
private struct GraphTeardown: @unchecked Sendable {
    let graph: UnsafeMutablePointer<Agraph_t>
    let context: OpaquePointer
    let laidOut: Bool

    /// Frees the graph in a task of its own on ``GraphvizActor``.
    @GraphvizActor
    func schedule() {
        Task { @GraphvizActor in run() }
    }

    @GraphvizActor
    func run() {
        if laidOut { gvFreeLayout(context, graph) }
        agclose(graph)
    }
}
