import Foundation
import PlanModel

/// Reads plan files and execution records.
public enum PlanFileLoader {
    public static func planFile(at path: String) throws(WorkflowError) -> PlanFile {
        let data = try FileAccess.read(path, kind: .planFile)
        do {
            return try PlanFile.read(from: data, path: path)
        } catch {
            throw .invalidPlanFile(error)
        }
    }

    public static func record(at path: String) throws(WorkflowError) -> ExecutionRecord {
        let data = try FileAccess.read(path, kind: .executionRecord)
        do {
            return try ExecutionRecord.read(from: data, path: path)
        } catch let error as PlanFile.ReadError {
            throw .invalidPlanFile(error)
        } catch {
            throw .unreadable(path: path, kind: .executionRecord, problem: .other("\(error)"))
        }
    }

    /// The record at `recordPath`, checked to be a run of `planFile`.
    public static func record(at recordPath: String, of planFile: PlanFile) throws(WorkflowError) -> ExecutionRecord {
        let record = try record(at: recordPath)
        guard record.fingerprint == planFile.fingerprint.digest else {
            throw .recordOfAnotherPlan(path: recordPath, recordFingerprint: record.fingerprint,
                                       planFingerprint: planFile.fingerprint.digest)
        }
        return record
    }
}
