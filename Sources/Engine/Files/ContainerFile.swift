/// A file composeplan writes into a container between its creation and its
/// start: the content of an `environment:` or `content:` secret or config,
/// as docker compose injects them (`PUT /containers/{id}/archive`).
///
/// The content is a secret's value: never log or print it.
public struct ContainerFile: Hashable, Sendable {
    /// Absolute path in the container (`/run/secrets/token`).
    public var path: String
    public var content: [UInt8]
    /// Permission bits (`0o444` unless the service says otherwise).
    public var mode: Int
    public var uid: Int
    public var gid: Int

    public init(path: String, content: [UInt8], mode: Int = 0o444, uid: Int = 0, gid: Int = 0) {
        self.path = path
        self.content = content
        self.mode = mode
        self.uid = uid
        self.gid = gid
    }
}
