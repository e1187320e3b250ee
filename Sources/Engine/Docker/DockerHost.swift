import Foundation

/// Where a Docker daemon listens: a unix socket or a TCP address (plain
/// HTTP, or HTTPS with `DockerTLS`).
public enum DockerHost: Hashable, Sendable, CustomStringConvertible {
    case unixSocket(path: String)
    case tcp(host: String, port: Int)

    /// The address used when neither `-H` nor `DOCKER_HOST` names one.
    public static let defaultAddress = "unix:///var/run/docker.sock"

    /// Parses `unix:///path`, `tcp://host:port` or `http://host:port` (port
    /// 2375 when absent), or a bare socket path.
    public init(parsing address: String) throws(EngineError) {
        let text = address.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("unix://") {
            let path = String(text.dropFirst("unix://".count))
            guard path.hasPrefix("/") else { throw .invalidRequest("invalid Docker host \"\(address)\": a unix socket path must be absolute") }
            self = .unixSocket(path: path)
        } else if text.hasPrefix("/") {
            self = .unixSocket(path: text)
        } else if text.hasPrefix("tcp://") || text.hasPrefix("http://") {
            var rest = Substring(text.drop(while: { $0 != ":" }).dropFirst(3))
            if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
            var host = String(rest)
            var port = 2375
            if let colon = rest.lastIndex(of: ":"), !rest.hasSuffix("]") {
                guard let parsed = Int(rest[rest.index(after: colon)...]), (1...65535).contains(parsed) else {
                    throw .invalidRequest("invalid Docker host \"\(address)\": bad port")
                }
                port = parsed
                host = String(rest[..<colon])
            }
            guard !host.isEmpty else { throw .invalidRequest("invalid Docker host \"\(address)\": no host name") }
            self = .tcp(host: host, port: port)
        } else {
            let scheme = text.split(separator: ":").first.map(String.init) ?? text
            throw .invalidRequest("unsupported Docker host \"\(address)\" (scheme \(scheme)); use unix:///path or tcp://host:port")
        }
    }

    /// The daemon to use: `explicit` (`-H`) if given, else `DOCKER_HOST`,
    /// else `unix:///var/run/docker.sock`.
    public static func resolve(explicit: String?, environment: [String: String]) throws(EngineError) -> DockerHost {
        if let explicit, !explicit.isEmpty { return try DockerHost(parsing: explicit) }
        if let fromEnvironment = environment["DOCKER_HOST"], !fromEnvironment.isEmpty {
            return try DockerHost(parsing: fromEnvironment)
        }
        return try DockerHost(parsing: defaultAddress)
    }

    /// `unix:///path` or `tcp://host:port`.
    public var description: String {
        switch self {
        case .unixSocket(let path): "unix://\(path)"
        case .tcp(let host, let port): "tcp://\(host):\(port)"
        }
    }

    /// The URL prefix AsyncHTTPClient connects to (`http+unix://<escaped path>`,
    /// `http://host:port`, or `https://host:port` with TLS).
    func baseURL(tls: Bool) -> String {
        switch self {
        case .unixSocket(let path):
            var allowed = CharacterSet.urlHostAllowed
            allowed.remove(charactersIn: "/:%")
            return "http+unix://" + (path.addingPercentEncoding(withAllowedCharacters: allowed) ?? path)
        case .tcp(let host, let port):
            return "\(tls ? "https" : "http")://\(host):\(port)"
        }
    }
}
