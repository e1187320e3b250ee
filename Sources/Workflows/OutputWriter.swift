import DockerModel
import Foundation
import PlanModel

/// Writes the files commands produce besides the run's own outputs: the
/// plan file and the snapshot, with failures as ``WorkflowError/unwritable(path:problem:)``.
public enum OutputWriter {
    /// Writes `planFile` to `path`.
    public static func write(_ planFile: PlanFile, to path: String) throws(WorkflowError) -> WrittenFile {
        try writePlanFile(encoded(planFile, for: path), to: path)
    }

    /// The bytes `write(_:to:)` writes of `planFile` to `path`, for a caller
    /// that encodes the file while it does something else; `configTexts`
    /// are configurations written ahead (the bytes are the same without).
    public static func encoded(_ planFile: PlanFile, for path: String,
                               configTexts: ServiceConfigTexts = .none) throws(WorkflowError) -> EncodedParts {
        try encoded(path) { try planFile.encodedParts(configTexts: configTexts) }
    }

    /// Writes a plan file's bytes (from ``encoded(_:for:configTexts:)``) to `path`.
    public static func writePlanFile(_ bytes: EncodedParts, to path: String) throws(WorkflowError) -> WrittenFile {
        try FileAccess.writePrivately(to: path) { descriptor in bytes.write(to: descriptor) }
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
