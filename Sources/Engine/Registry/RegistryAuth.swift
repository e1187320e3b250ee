import ComposeModel
import Foundation
import PlanModel

/// Credentials for one registry, as the Engine API takes them in the
/// `X-Registry-Auth` header of pulls (`POST /images/create`) and
/// distribution look-ups (`GET /distribution/{name}/json`).
///
/// Resolve them with `RegistryCredentials` (the docker CLI's configuration
/// and credential helpers); never log `headerValue`: it carries the secret.
public struct RegistryAuth: Hashable, Sendable, CustomStringConvertible {
    /// The user name (empty with an identity token).
    public var username: String
    /// The password or access token.
    public var password: String
    /// An OAuth identity token (a credential helper's `<token>` user, or an
    /// `identitytoken` entry), sent instead of a password.
    public var identityToken: String
    /// The registry as the configuration names it (`127.0.0.1:5000`,
    /// `https://index.docker.io/v1/`).
    public var serverAddress: String

    public init(username: String = "", password: String = "", identityToken: String = "", serverAddress: String) {
        self.username = username
        self.password = password
        self.identityToken = identityToken
        self.serverAddress = serverAddress
    }

    /// The header value: the JSON object the docker CLI sends (`username`,
    /// `password`, `identitytoken`, `serveraddress`, empty ones left out),
    /// base64url-encoded with padding (Go's `base64.URLEncoding`).
    public var headerValue: String {
        Self.base64URL(jsonObject)
    }

    /// `X-Registry-Config` for a build: every registry's credentials in one
    /// object keyed by registry, encoded as `X-Registry-Auth` is.
    public static func registryConfigHeader(_ auths: [String: RegistryAuth]) -> String {
        base64URL(.object(auths.mapValues(\.jsonObject)))
    }

    /// The credentials as the Engine API's `AuthConfig` object.
    var jsonObject: JSONValue {
        var object: [String: JSONValue] = ["serveraddress": .string(serverAddress)]
        if !username.isEmpty { object["username"] = .string(username) }
        if !password.isEmpty { object["password"] = .string(password) }
        if !identityToken.isEmpty { object["identitytoken"] = .string(identityToken) }
        return .object(object)
    }

    private static func base64URL(_ value: JSONValue) -> String {
        let data = (try? JSONEncoder.sortedCompact.encode(value)) ?? Data()
        return data.base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
    }

    /// Names the user and the registry, never the secret.
    public var description: String {
        let who = identityToken.isEmpty ? (username.isEmpty ? "no user" : "user \(username)") : "an identity token"
        return "credentials for \(serverAddress) (\(who))"
    }
}

extension JSONEncoder {
    /// Compact JSON with sorted keys (stable header values).
    static var sortedCompact: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
