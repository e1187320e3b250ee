/// Why a report could not be made; each case reads as one line.
public enum ReportError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The `--template` file could not be read.
    case templateUnreadable(path: String, reason: String)
    /// The template is not valid Mustache; `source` names the file (or
    /// "built-in template"), `line` and `column` are 1-based.
    case templateSyntax(source: String, line: Int, column: Int, message: String)
    /// The diagram could not be drawn (the renderer's one-line message).
    case diagram(message: String)
    /// The execution record is of another plan (its fingerprint differs).
    case recordMismatch(recordFingerprint: String, planFingerprint: String)

    public var description: String {
        switch self {
        case .templateUnreadable(let path, let reason):
            "cannot read report template \(path): \(reason)"
        case .templateSyntax(let source, let line, let column, let message):
            "report template \(source) is not valid Mustache: \(message) at line \(line), column \(column)"
        case .diagram(let message):
            "cannot draw the report's diagram: \(message)"
        case .recordMismatch(let record, let plan):
            "the execution record is of another plan (fingerprint \(record.prefix(12))…, the plan's is \(plan.prefix(12))…)"
        }
    }
}
