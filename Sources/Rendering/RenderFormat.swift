/// The output formats drawn through Graphviz.
///
/// Mermaid and Markdown are plain text written in Swift (``MermaidWriter``,
/// ``MarkdownSummary``) and are not render formats.
public enum RenderFormat: String, Sendable, Hashable, CaseIterable {
    /// Scalable vector graphics: every plan node is a `<g id="node-<id>">`.
    case svg
    /// A bitmap drawn by Graphviz's cairo plugin (`png:cairo`), size-capped.
    case png
    /// The graph in the DOT language, before layout (cgraph's `agwrite`),
    /// with every attribute the renderer sets: `dot -Tsvg` draws it as the
    /// renderer does.
    case dot

    /// The format named by a file extension (`svg`, `.PNG`, `gv`, …), or `nil`.
    public init?(fileExtension: String) {
        var name = fileExtension.lowercased()
        if name.hasPrefix(".") { name.removeFirst() }
        switch name {
        case "svg": self = .svg
        case "png": self = .png
        case "dot", "gv": self = .dot
        default: return nil
        }
    }

    /// The format of the file at `path`, from its extension, or `nil`.
    public init?(path: String) {
        let fileName = path.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? path
        guard let dot = fileName.lastIndex(of: "."), dot != fileName.startIndex else { return nil }
        self.init(fileExtension: String(fileName[fileName.index(after: dot)...]))
    }

    /// The format named on a command line (`--format svg`), or `nil`.
    public init?(name: String) {
        self.init(fileExtension: name)
    }

    /// The usual file extension, without the dot.
    public var fileExtension: String { rawValue }

    /// The Graphviz output format (`-T` value) used for this format.
    var graphvizFormat: String {
        switch self {
        case .svg: "svg"
        case .png: "png:cairo"
        case .dot: "dot"
        }
    }
}
