/// The kinds of file composeplan reads, for error messages.
public enum InputFile: String, Sendable {
    /// A snapshot of the live state (`--observed`).
    case snapshot
    /// A plan file (`plan -o`).
    case planFile = "plan file"
    /// An execution record (`apply --record`).
    case executionRecord = "execution record"
    /// The file of a Swarm secret or config (`--target swarm`).
    case swarmObject = "secret or config file"
}

/// Why a file could not be read or written.
public enum FileProblem: Sendable, Hashable {
    /// Nothing at the path.
    case noSuchFile
    /// The folder to write into does not exist.
    case noSuchFolder(String)
    /// The path is a folder.
    case isFolder
    /// Permissions forbid it.
    case permissionDenied
    /// Another reason, in the system's words.
    case other(String)
}
