import Foundation
import PlanModel

/// Reads snapshot files (`--observed`), with one-line errors naming the file.
public enum SnapshotFile {
    /// The snapshot at `path`.
    public static func read(at path: String) throws -> Snapshot {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw WorkflowError("\(path): cannot read snapshot: \(FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")")
        }
        do {
            return try Snapshot.decode(data)
        } catch let error as DecodingError {
            throw WorkflowError("\(path): not a valid snapshot: \(Self.describe(error))")
        } catch {
            throw WorkflowError("\(path): not a valid snapshot: \(error)")
        }
    }

    private static func describe(_ error: DecodingError) -> String {
        switch error {
        case .dataCorrupted(let context):
            if context.codingPath.isEmpty { return "invalid JSON" }
            return context.debugDescription
        case .typeMismatch(_, let context):
            let path = context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return "wrong type at \(path.drop(while: { $0 == "." }))"
        default:
            return "\(error)"
        }
    }
}
