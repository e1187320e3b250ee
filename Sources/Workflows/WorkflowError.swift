/// A failure the CLI reports as one line and exit code 1.
public struct WorkflowError: Error, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
