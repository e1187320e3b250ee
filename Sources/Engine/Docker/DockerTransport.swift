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
    /// - Parameter headers: extra request headers (`X-Registry-Auth`).
    /// - Parameter timeout: the deadline for the whole exchange (default: `requestTimeout`).
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
              headers: [(String, String)] = [], timeout: Duration? = nil) async throws(EngineError) -> Response {
        var data: Data?
        if let body {
            do {
                data = try JSONEncoder().encode(body)
            } catch {
                throw .invalidRequest("cannot encode the request body: \(error)")
            }
        }
        return try await send(method, path, query: query, raw: data.map { [UInt8]($0) }, contentType: "application/json",
                              headers: headers, timeout: timeout)
    }

    /// Sends `method path?query` with an optional body of `contentType`.
    func send(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], raw body: [UInt8]?, contentType: String,
              headers: [(String, String)] = [], timeout: Duration? = nil) async throws(EngineError) -> Response {
        let request = makeRequest(method, path, query: query, body: body, contentType: contentType, headers: headers)
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
        if (200..<300).contains(status) || status == 304 {
            return Response(status: status, body: Self.decode(bytes), bytes: bytes)
        }
        throw failure(status: status, bytes: bytes, method: method, path: path)
    }

    /// Sends and requires a JSON answer.
    func json(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: JSONValue? = nil,
              headers: [(String, String)] = [], timeout: Duration? = nil) async throws(EngineError) -> JSONValue {
        let response = try await send(method, path, query: query, body: body, headers: headers, timeout: timeout)
        guard let json = response.body else {
            throw EngineError(kind: .invalidResponse, status: response.status, message: "\(method) \(path): the daemon's answer is not JSON")
        }
        return json
    }

    /// Sends a request whose 2xx answer is a stream of JSON objects, one per
    /// line (a pull's or a build's progress), and hands each object to
    /// `line` as it arrives, with `state` to update. A line that is not JSON
    /// is skipped; an error thrown by `line` ends the exchange and is
    /// rethrown. Other statuses throw as `send` does.
    func stream<State>(_ method: HTTPMethod, _ path: String, query: [(String, String)] = [], headers: [(String, String)] = [],
                       raw body: [UInt8]? = nil, contentType: String = "application/json",
                       timeout: Duration? = nil, into state: inout State,
                       line: (inout State, JSONValue) throws(EngineError) -> Void) async throws(EngineError) {
        let request = makeRequest(method, path, query: query, body: body, contentType: contentType, headers: headers)
        let limit = timeout ?? requestTimeout
        var splitter = JSONLineSplitter()
        do {
            let response = try await client.execute(request, timeout: Self.timeAmount(limit))
            let status = Int(response.status.code)
            guard (200..<300).contains(status) else {
                let bytes = try await response.body.collect(upTo: Self.maximumResponseBytes)
                throw failure(status: status, bytes: bytes, method: method, path: path)
            }
            for try await chunk in response.body {
                for object in splitter.append(chunk.readableBytesView) { try line(&state, object) }
            }
            for object in splitter.finish() { try line(&state, object) }
        } catch let error as EngineError {
            throw error
        } catch {
            throw mapTransportError(error, method: method, path: path, limit: limit)
        }
    }

    private func makeRequest(_ method: HTTPMethod, _ path: String, query: [(String, String)], body: [UInt8]?,
                             contentType: String, headers: [(String, String)]) -> HTTPClientRequest {
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
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType)
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        return request
    }

    /// The error for a non-2xx answer: the daemon's `message`, else its text.
    private func failure(status: Int, bytes: ByteBuffer, method: HTTPMethod, path: String) -> EngineError {
        let message = Self.decode(bytes)?["message"]?.stringValue
            ?? String(buffer: bytes).trimmingCharacters(in: .whitespacesAndNewlines)
        if status == 400, message.contains("HTTP request to an HTTPS server") {
            return EngineError(status: status, message: "\(message) The daemon at \(host) uses TLS: pass --tlsverify (or --tls) or set DOCKER_TLS_VERIFY=1, with the certificates in DOCKER_CERT_PATH.")
        }
        return EngineError(status: status, message: message.isEmpty ? "HTTP \(status) from \(method) \(path)" : message)
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
            case .remoteConnectionClosed:
                // Connected, then the daemon went away mid-call (it stopped or crashed).
                return EngineError(kind: .unreachable, message: "the Docker daemon at \(host) closed the connection before answering \(method) \(path) (did it stop?); the call may or may not have taken effect")
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

    private static let imagePathAllowed: CharacterSet = {
        var allowed = queryAllowed
        allowed.insert(charactersIn: "/:@")
        return allowed
    }()

    /// An image reference in a path (`/images/{name}/json`): the daemon's
    /// routes take the name's `/`, `:` and `@` as they are, as the docker CLI
    /// sends them.
    static func escapeImagePath(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: imagePathAllowed) ?? text
    }
}
