import DockerModel
import Foundation
import PlanModel

/// Writes the files commands produce besides the run's own outputs: the
/// plan file and the snapshot, with failures as ``WorkflowError/unwritable(path:problem:)``.
public enum OutputWriter {
    /// Writes `planFile` to `path`; `configTexts` are configurations
    /// written ahead (the bytes are the same without them).
    public static func write(_ planFile: PlanFile, to path: String,
                             configTexts: ServiceConfigTexts = .none) throws(WorkflowError) -> WrittenFile {
        // Encoded as it is written: an encoding failure (which the plan
        // file's plain values make unlikely) is told apart from a write's,
        // and leaves an empty file rather than the part written before it,
        // which could pass for a plan file cut short.
        var encodingFailure: (any Error)?
        try FileAccess.writePrivately(to: path) { descriptor in
            do {
                return try planFile.write(to: descriptor, configTexts: configTexts)
            } catch {
                encodingFailure = error
                _ = ftruncate(descriptor, 0)
                return true
            }
        }
        if let encodingFailure { throw .unwritable(path: path, problem: .other("cannot encode: \(encodingFailure)")) }
        return WrittenFile(.planFile, at: path)
    }

    /// Writes `snapshot` to `path`.
    public static func write(_ snapshot: Snapshot, to path: String) throws(WorkflowError) -> WrittenFile {
        try write(encoded(path) { try snapshot.encoded() }, to: path)
        return WrittenFile(.snapshot, at: path)
    }

    /// Writes `data` to `path`.
    public static func write(_ data: Data, to path: String) throws(WorkflowError) {
        try FileAccess.write(data, to: path)
    }

    private static func encoded<Bytes>(_ path: String, _ encode: () throws -> Bytes) throws(WorkflowError) -> Bytes {
        do {
            return try encode()
        } catch {
            throw .unwritable(path: path, problem: .other("cannot encode: \(error)"))
        }
    }
}
