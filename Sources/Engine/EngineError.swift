/// Why an engine call failed: the kind of failure, the HTTP status when the
/// daemon answered, and the daemon's own message (kept verbatim, so users see
/// what Docker said).
///
/// `SimulatedEngine` throws the same kinds, statuses and messages as a real
/// Docker Engine 20.10 daemon for the same mistakes.
public struct EngineError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The class of failure.
    public enum Kind: String, Hashable, Sendable, Codable {
        /// 304: the container was already started or stopped. `startContainer`
        /// and `stopContainer` report it as `StateChange.unchanged` instead.
        case notModified
        /// 400: the daemon rejected the request as malformed.
        case badRequest
        /// 403: forbidden (a network with active endpoints, an endpoint that already exists).
        case forbidden
        /// 404: no such container, network, volume or image.
        case notFound
        /// 409: a name already in use, a running container, a volume in use.
        case conflict
        /// 500: the daemon failed (disconnecting a container that is not connected, …).
        case serverError
        /// Any other HTTP status.
        case unexpectedStatus
        /// The daemon could not be reached (no socket, connection refused, …).
        case unreachable
        /// The call did not complete in time.
        case timeout
        /// The call was cancelled before it completed.
        case cancelled
        /// The daemon's answer could not be understood.
        case invalidResponse
        /// composeplan could not build the request (an unknown volume key, an
        /// unresolved `service:` reference, an unsupported host address, …).
        case invalidRequest
    }

    public var kind: Kind
    /// The HTTP status, when the daemon answered.
    public var status: Int?
    /// The daemon's message (or, without an answer, what went wrong).
    public var message: String

    public init(kind: Kind, status: Int? = nil, message: String) {
        self.kind = kind
        self.status = status
        self.message = message
    }

    /// The error for an HTTP answer with `status` and the daemon's `message`.
    public init(status: Int, message: String) {
        self.init(kind: Self.kind(forStatus: status), status: status, message: message)
    }

    /// The kind that Docker means by an HTTP status.
    public static func kind(forStatus status: Int) -> Kind {
        switch status {
        case 304: .notModified
        case 400: .badRequest
        case 403: .forbidden
        case 404: .notFound
        case 409: .conflict
        case 500: .serverError
        default: .unexpectedStatus
        }
    }

    /// `<message> (HTTP <status>)`.
    public var description: String {
        guard let status else { return message }
        return "\(message) (HTTP \(status))"
    }

    /// Whether the daemon said that the image does not exist locally.
    public var isMissingImage: Bool {
        kind == .notFound && message.contains("No such image")
    }

    /// A 404 "No such image" reworded to name the image and say what to
    /// do (a plan pulls absent images, but this one was made when the image
    /// was present or unknown); other errors unchanged.
    func explainingMissingImage(_ image: String) -> EngineError {
        guard isMissingImage, message.hasPrefix("No such image") else { return self }
        return EngineError(kind: .notFound, status: status,
                           message: "image \(image) is not present on the engine and the plan does not pull it; run plan again to pull it: \(message)")
    }

    // MARK: - Common errors, worded as Docker words them

    static func noSuchContainer(_ reference: String) -> EngineError {
        EngineError(status: 404, message: "No such container: \(reference)")
    }

    static func networkNotFound(_ reference: String) -> EngineError {
        EngineError(status: 404, message: "network \(reference) not found")
    }

    static func noSuchVolume(_ name: String) -> EngineError {
        EngineError(status: 404, message: "get \(name): no such volume")
    }

    static func noSuchImage(_ image: String) -> EngineError {
        EngineError(status: 404, message: "No such image: \(image)")
    }

    static func nameInUse(_ name: String, by id: String) -> EngineError {
        EngineError(status: 409, message: "Conflict. The container name \"/\(name)\" is already in use by container \"\(id)\". You have to remove (or rename) that container to be able to reuse that name.")
    }

    static func invalidRequest(_ message: String) -> EngineError {
        EngineError(kind: .invalidRequest, message: message)
    }
}
