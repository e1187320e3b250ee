import AsyncHTTPClient
import ComposeModel
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// One HTTP exchange with the Docker daemon: JSON in, JSON out, errors
/// mapped to `EngineError` with the daemon's own message.
struct DockerTransport: Sendable {
    let client: HTTPClient
    let host: DockerHost
    /// `http+unix://…`, `http://host:port` or `https://host:port`.
    let baseURL: String
    let requestTimeout: Duration
    /// Largest answer read (a project's container list stays far below it).
    static let maximumResponseBytes = 256 * 1024 * 1024

    /// A daemon answer.
    struct Response: Sendable {
        var status: Int
        /// The answer as JSON, when it is JSON.
        var body: JSONValue?
        /// The answer's bytes as sent (a stream's output, say).
        var bytes: ByteBuffer
    }

    /// Sends `method path?query` with an optional JSON body. 2xx and 304
    /// answers are returned; any other status throws the daemon's message.
    ///
    /// - Parameter path: the path, already prefixed with `/v1.xx` when versioned.
    /// - Parameter timeout: the deadline for the whole exchange (default: `requestTimeout`).
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
              timeout: Duration? = nil) async throws(EngineError) -> Response {
        var data: Data?
        if let body {
            do {
                data = try JSONEncoder().encode(body)
            } catch {
                throw .invalidRequest("cannot encode the request body: \(error)")
            }
        }
        return try await send(method, path, query: query, raw: data.map { [UInt8]($0) }, contentType: "application/json",
                              timeout: timeout)
    }

    /// Sends `method path?query` with an optional body of `contentType`.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], raw body: [UInt8]?, contentType: String,
              timeout: Duration? = nil) async throws(EngineError) -> Response {
        var url = baseURL + path
        if !query.isEmpty {
            url += "?" + query.map { "\($0.0)=\(Self.escapeQuery($0.1))" }.joined(separator: "&")
        }
        var request = HTTPClientRequest(url: url)
        request.method = method
        // Over a unix socket AsyncHTTPClient sends no Host header, and the
        // daemon answers 400 "missing required Host header".
        request.headers.add(name: "Host", value: "localhost")
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        let limit = timeout ?? requestTimeout
        let status: Int
        let bytes: ByteBuffer
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(limit))
            status = Int(response.status.code)
            bytes = try await response.body.collect(upTo: Self.maximumResponseBytes)
        } catch {
            throw mapTransportError(error, method: method, path: path, limit: limit)
        }
        let json = Self.decode(bytes)
        if (200..<300).contains(status) || status == 304 {
            return Response(status: status, body: json, bytes: bytes)
        }
        let message = json?["message"]?.stringValue
            ?? String(buffer: bytes).trimmingCharacters(in: .whitespacesAndNewlines)
        if status == 400, message.contains("HTTP request to an HTTPS server") {
            throw EngineError(status: status, message: "\(message) The daemon at \(host) uses TLS: pass --tlsverify (or --tls) or set DOCKER_TLS_VERIFY=1, with the certificates in DOCKER_CERT_PATH.")
        }
        throw EngineError(status: status, message: message.isEmpty ? "HTTP \(status) from \(method) \(path)" : message)
    }

    /// Sends and requires a JSON answer.
    func json(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
              timeout: Duration? = nil) async throws(EngineError) -> JSONValue {
        let response = try await send(method, path, query: query, body: body, timeout: timeout)
        guard let json = response.body else {
            throw EngineError(kind: .invalidResponse, status: response.status, message: "\(method) \(path): the daemon's answer is not JSON")
        }
        return json
    }

    private func mapTransportError(_ error: any Error, method: HTTPMethod, path: String, limit: Duration) -> EngineError {
        if let engineError = error as? EngineError { return engineError }
        if error is CancellationError || Task.isCancelled {
            return EngineError(kind: .cancelled, message: "\(method) \(path) was cancelled")
        }
        if let httpError = error as? HTTPClientError {
            switch httpError {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return EngineError(kind: .timeout, message: "\(method) \(path): no answer from the Docker daemon at \(host) within \(limit)")
            case .connectTimeout:
                return EngineError(kind: .unreachable, message: "cannot connect to the Docker daemon at \(host): connection timed out")
            case .cancelled:
                return EngineError(kind: .cancelled, message: "\(method) \(path) was cancelled")
            case .alreadyShutdown:
                return EngineError(kind: .unreachable, message: "the connection to the Docker daemon at \(host) is already shut down")
            default:
                break
            }
        }
        if error is NIOSSLError || error is BoringSSLError || error is NIOSSLExtraError {
            return EngineError(kind: .unreachable, message: "TLS with the Docker daemon at \(host) failed: \(Self.tlsReason(error))")
        }
        return EngineError(kind: .unreachable, message: "cannot connect to the Docker daemon at \(host): \(Self.connectionReason(error))")
    }

    /// Why a connection failed, in words instead of NIO's (`connect(descriptor:addr:size:): …`):
    /// the system error of the first socket call that failed, found inside
    /// the connection error (NIO wraps one per address tried).
    static func connectionReason(_ error: any Error) -> String {
        guard let code = systemErrorCode(in: error, depth: 0) else {
            let text = "\(error)"
            return text.contains("(") ? "the connection failed" : text
        }
        switch code {
        case ENOENT: return "no such socket"
        case ECONNREFUSED: return "connection refused"
        case EACCES, EPERM: return "permission denied (the socket belongs to another user or group)"
        case EHOSTUNREACH, ENETUNREACH: return "host unreachable"
        case ETIMEDOUT: return "connection timed out"
        default: return String(cString: strerror(code)).lowercased()
        }
    }

    private static func systemErrorCode(in error: Any, depth: Int) -> CInt? {
        if let io = error as? IOError { return io.errnoCode }
        guard depth < 4 else { return nil }
        for child in Mirror(reflecting: error).children {
            if let code = systemErrorCode(in: child.value, depth: depth + 1) { return code }
        }
        return nil
    }

    /// What a TLS failure means for the user.
    private static func tlsReason(_ error: any Error) -> String {
        let text = "\(error)"
        if let extra = error as? NIOSSLExtraError, extra == .failedToValidateHostname {
            return "the daemon's certificate does not name the host"
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return "the daemon's certificate is not signed by the CA (--tlscacert, DOCKER_CERT_PATH/ca.pem)"
        }
        if text.contains("ALERT_BAD_CERTIFICATE") || text.contains("ALERT_CERTIFICATE_REQUIRED") || text.contains("ALERT_HANDSHAKE_FAILURE") {
            return "the daemon refused the client certificate (--tlscert/--tlskey, DOCKER_CERT_PATH/cert.pem and key.pem)"
        }
        return "handshake failed"
    }

    private static func decode(_ bytes: ByteBuffer) -> JSONValue? {
        guard bytes.readableBytes > 0 else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: bytes)
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    private static let queryAllowed: CharacterSet = {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return allowed
    }()

    static func escapeQuery(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: queryAllowed) ?? text
    }

    static func escapePath(_ text: String) -> String {
        escapeQuery(text)
    }
}
