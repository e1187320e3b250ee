import Foundation
import PlanModel

/// Reads plan files and execution records with one-line errors naming the file.
public enum PlanFileLoader {
    public static func planFile(at path: String) throws -> PlanFile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkflowError("\(path): cannot read plan file: \(FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")")
        }
        do {
            return try PlanFile.read(from: data, path: path)
        } catch {
            throw WorkflowError(error.description)
        }
    }

    public static func record(at path: String) throws -> ExecutionRecord {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkflowError("\(path): cannot read execution record: \(FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")")
        }
        do {
            return try ExecutionRecord.read(from: data, path: path)
        } catch let error as PlanFile.ReadError {
            throw WorkflowError(error.description)
        }
    }
}
