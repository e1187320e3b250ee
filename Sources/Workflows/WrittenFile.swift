/// A file a command wrote, for the summary on standard error.
public struct WrittenFile: Sendable, Hashable {
    /// What the file holds.
    public enum Content: String, Sendable, Hashable {
        /// The plan file (`-o`).
        case planFile = "plan file"
        /// A drawing of the plan (`--svg`, `--png`, `render`).
        case diagram
        /// The HTML report.
        case report
        /// The execution record (`--record`).
        case executionRecord = "execution record"
        /// The Chrome trace (`--trace`).
        case trace
        /// A snapshot (`observe -o`).
        case snapshot
    }

    /// Where the file was written, as the user named it.
    public var path: String
    public var content: Content

    public init(_ content: Content, at path: String) {
        self.path = path
        self.content = content
    }
}
