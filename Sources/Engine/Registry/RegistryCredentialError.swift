/// Why registry credentials could not be resolved from the docker CLI's
/// configuration. Each case carries what a user needs to fix it; the
/// wording lives in `description` only.
public enum RegistryCredentialError: Error, Hashable, Sendable, CustomStringConvertible {
    /// `config.json` exists but cannot be read or is not a JSON object.
    case unreadableConfiguration(path: String, reason: String)
    /// An `auths` entry's `auth` field is not base64 of `user:password`.
    case malformedAuthEntry(path: String, server: String)
    /// `docker-credential-<helper>` is not on `PATH`.
    case helperNotFound(helper: String, path: String)
    /// The helper failed (a non-zero exit other than "credentials not found").
    case helperFailed(helper: String, server: String, message: String)
    /// The helper's answer is not the `{"Username", "Secret"}` JSON object.
    case malformedHelperOutput(helper: String, server: String)

    public var description: String {
        switch self {
        case .unreadableConfiguration(let path, let reason):
            "cannot read the docker configuration \(path): \(reason)"
        case .malformedAuthEntry(let path, let server):
            "the auths entry for \(server) in \(path) has an auth field that is not base64 of user:password"
        case .helperNotFound(let helper, let path):
            "docker-credential-\(helper) (named in \(path)) is not on PATH"
        case .helperFailed(let helper, let server, let message):
            "docker-credential-\(helper) get \(server) failed: \(message)"
        case .malformedHelperOutput(let helper, let server):
            "docker-credential-\(helper) get \(server) did not answer with a {\"Username\", \"Secret\"} JSON object"
        }
    }
}
