import DockerModel
import Foundation
import PlanModel

/// Reads snapshot files (`--observed`).
public enum SnapshotFile {
    /// The snapshot at `path`.
    public static func read(at path: String) throws(WorkflowError) -> Snapshot {
        let data = try FileAccess.read(path, kind: .snapshot)
        let snapshot: Snapshot
        do {
            snapshot = try Snapshot.decode(data)
        } catch let error as DecodingError {
            throw .invalidSnapshot(path: path, detail: Self.describe(error))
        } catch {
            throw .invalidSnapshot(path: path, detail: "\(error)")
        }
        if let problem = SnapshotShape.problem(in: snapshot) {
            throw .invalidSnapshot(path: path, detail: problem.description)
        }
        return snapshot
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
