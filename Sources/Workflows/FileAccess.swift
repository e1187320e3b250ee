import Foundation
import PlanModel

/// Reads and writes the files the workflows use, explaining failures as
/// ``FileProblem``s instead of Foundation's messages.
enum FileAccess {
    /// The contents of `path`.
    static func read(_ path: String, kind: InputFile) throws(WorkflowError) -> Data {
        if let data = FileManager.default.contents(atPath: path) { return data }
        throw .unreadable(path: path, kind: kind, problem: readProblem(path))
    }

    /// Writes `data` to `path`, replacing it.
    static func write(_ data: Data, to path: String) throws(WorkflowError) {
        do {
            try data.write(to: URL(fileURLWithPath: path))
        } catch {
            throw .unwritable(path: path, problem: writeProblem(path, error))
        }
    }

    /// Writes `data` to `path` readable by its owner only (mode 0600, also
    /// when the file existed): plan files and execution records hold
    /// environment values and secrets, which containers need to be created.
    static func writePrivately(_ data: Data, to path: String) throws(WorkflowError) {
        try writePrivately(to: path) { descriptor in
            data.withUnsafeBytes { EncodedParts.writeAll($0, to: descriptor) }
        }
    }

    /// Opens `path` as ``writePrivately(_:to:)`` does and lets `write`
    /// write to its descriptor (`false`: a write failed, `errno` says why).
    static func writePrivately(to path: String, _ write: (Int32) -> Bool) throws(WorkflowError) {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        guard descriptor >= 0 else {
            throw .unwritable(path: path, problem: writeProblem(path, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)))
        }
        defer { close(descriptor) }
        guard fchmod(descriptor, 0o600) == 0 else {
            throw .unwritable(path: path, problem: writeProblem(path, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EPERM)))
        }
        guard write(descriptor) else {
            throw .unwritable(path: path, problem: writeProblem(path, POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)))
        }
    }

    static func readProblem(_ path: String) -> FileProblem {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder) else { return .noSuchFile }
        return isFolder.boolValue ? .isFolder : .permissionDenied
    }

    static func writeProblem(_ path: String, _ error: any Error) -> FileProblem {
        var isFolder: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue { return .isFolder }
        let folder = (path as NSString).deletingLastPathComponent
        let parent = folder.isEmpty ? "." : folder
        if !FileManager.default.fileExists(atPath: parent, isDirectory: &isFolder) || !isFolder.boolValue {
            return .noSuchFolder(parent)
        }
        let exists = FileManager.default.fileExists(atPath: path)
        if exists ? !FileManager.default.isWritableFile(atPath: path) : !FileManager.default.isWritableFile(atPath: parent) {
            return .permissionDenied
        }
        return .other((error as NSError).localizedFailureReason ?? error.localizedDescription)
    }
}
