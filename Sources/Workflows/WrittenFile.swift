/// A file a command wrote, for the summary on standard error.
public struct WrittenFile: Sendable, Hashable {
    /// What the file holds.
    public enum Content: String, Sendable, Hashable {
        case planFile = "plan file"
        case diagram
        case report
        case executionRecord = "execution record"
        case trace
        case snapshot
    }

    public var path: String
    public var content: Content

    public init(_ content: Content, at path: String) {
        self.path = path
        self.content = content
    }
}
