import ComposeModel
import Foundation

/// The parts of the docker CLI's `config.json` that name registry
/// credentials: `auths`, `credsStore` and `credHelpers`. Other keys are
/// ignored.
public struct DockerConfigFile: Hashable, Sendable {
    /// One `auths` entry.
    public struct AuthEntry: Hashable, Sendable {
        /// From `auth` (base64 `user:password`) or `username`.
        public var username: String
        /// From `auth` or `password`.
        public var password: String
        /// `identitytoken`.
        public var identityToken: String

        public init(username: String = "", password: String = "", identityToken: String = "") {
            self.username = username
            self.password = password
            self.identityToken = identityToken
        }

        /// Whether the entry holds no credential (the docker CLI keeps empty
        /// entries, with `credsStore`, to remember a login).
        public var isEmpty: Bool { username.isEmpty && password.isEmpty && identityToken.isEmpty }
    }

    /// Where it was read from (for messages).
    public var path: String
    /// `auths`, by the key the file uses (`127.0.0.1:5000`, `https://index.docker.io/v1/`).
    public var auths: [String: AuthEntry]
    /// `credsStore`: the helper for every registry without a `credHelpers` entry.
    public var credentialsStore: String?
    /// `credHelpers`: a helper per registry key.
    public var credentialHelpers: [String: String]

    public init(path: String, auths: [String: AuthEntry] = [:], credentialsStore: String? = nil,
                credentialHelpers: [String: String] = [:]) {
        self.path = path
        self.auths = auths
        self.credentialsStore = credentialsStore
        self.credentialHelpers = credentialHelpers
    }

    /// The configuration folder: `DOCKER_CONFIG`, else `$HOME/.docker`.
    public static func directory(environment: [String: String]) -> String {
        if let folder = environment["DOCKER_CONFIG"], !folder.isEmpty { return folder }
        let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
        return home + "/.docker"
    }

    /// Reads `config.json` from `directory(environment:)`; a missing file
    /// is an empty configuration, as for the docker CLI.
    public static func load(environment: [String: String]) throws(RegistryCredentialError) -> DockerConfigFile {
        let path = directory(environment: environment) + "/config.json"
        guard FileManager.default.fileExists(atPath: path) else { return DockerConfigFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw .unreadableConfiguration(path: path, reason: error.localizedDescription)
        }
        return try parse(data, path: path)
    }

    /// Parses the contents of a `config.json` read from `path`.
    public static func parse(_ data: Data, path: String) throws(RegistryCredentialError) -> DockerConfigFile {
        let json: JSONValue
        do {
            json = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw .unreadableConfiguration(path: path, reason: "not valid JSON")
        }
        guard case .object = json else { throw .unreadableConfiguration(path: path, reason: "not a JSON object") }
        var auths: [String: AuthEntry] = [:]
        for (server, entry) in json["auths"]?.objectValue ?? [:] {
            var parsed = AuthEntry(username: entry["username"]?.stringValue ?? "", password: entry["password"]?.stringValue ?? "",
                                   identityToken: entry["identitytoken"]?.stringValue ?? "")
            if let auth = entry["auth"]?.stringValue, !auth.isEmpty {
                guard let decoded = Data(base64Encoded: auth).map({ String(decoding: $0, as: UTF8.self) }),
                      let colon = decoded.firstIndex(of: ":") else {
                    throw .malformedAuthEntry(path: path, server: server)
                }
                parsed.username = String(decoded[..<colon])
                parsed.password = String(decoded[decoded.index(after: colon)...])
            }
            auths[server] = parsed
        }
        let store = json["credsStore"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        return DockerConfigFile(path: path, auths: auths, credentialsStore: store,
                                credentialHelpers: json["credHelpers"]?.stringDictionary ?? [:])
    }
}
