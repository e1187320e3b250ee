/// An image reference (`nginx`, `127.0.0.1:5000/demo/busybox:1`,
/// `alpine@sha256:…`) split as Docker splits it: registry host, repository
/// path, tag and digest, with Docker Hub's defaults filled in.
///
/// The rules are those of `github.com/distribution/reference`
/// (`ParseNormalizedNamed`): the first path component is a registry host
/// when it contains a `.` or a `:` or is `localhost`; otherwise the image is
/// on Docker Hub (`docker.io`), where a one-component repository lives under
/// `library/`. Without a tag or digest the tag is `latest`.
///
/// Two spellings of the same image (`nginx`, `docker.io/library/nginx:latest`)
/// have equal `canonical` values; use `canonical` as a key, never the text
/// the user wrote.
public struct ImageReference: Hashable, Sendable, CustomStringConvertible {
    /// Docker Hub's registry host, as references name it.
    public static let dockerHub = "docker.io"
    /// The key under which the docker CLI stores Docker Hub's credentials
    /// (`auths`, `credHelpers`) and the server address it sends.
    public static let dockerHubCredentialKey = "https://index.docker.io/v1/"

    /// The registry host (and port): `docker.io`, `127.0.0.1:5000`, `ghcr.io`.
    public var registry: String
    /// The repository path inside the registry: `library/nginx`, `demo/busybox`.
    public var repository: String
    /// The tag: the one written, `latest` when neither a tag nor a digest was
    /// written, `nil` for a digest-only reference.
    public var tag: String?
    /// `sha256:…` when the reference pins a digest.
    public var digest: String?

    public init(registry: String, repository: String, tag: String? = nil, digest: String? = nil) {
        self.registry = registry
        self.repository = repository
        self.tag = tag
        self.digest = digest
    }

    /// Parses `text`.
    ///
    /// - Throws: `ImageReferenceError` when `text` is not a valid reference.
    public init(parsing text: String) throws(ImageReferenceError) {
        guard !text.isEmpty else { throw ImageReferenceError(reference: text, reason: .empty) }
        var remainder = Substring(text)
        var digest: String?
        if let at = remainder.firstIndex(of: "@") {
            let value = String(remainder[remainder.index(after: at)...])
            guard Self.isValidDigest(value) else { throw ImageReferenceError(reference: text, reason: .invalidDigest) }
            digest = value
            remainder = remainder[..<at]
        }
        var tag: String?
        if let colon = remainder.lastIndex(of: ":"), !remainder[colon...].contains("/") {
            let value = String(remainder[remainder.index(after: colon)...])
            guard Self.isValidTag(value) else { throw ImageReferenceError(reference: text, reason: .invalidTag) }
            tag = value
            remainder = remainder[..<colon]
        }
        var registry = Self.dockerHub
        var path = String(remainder)
        if let slash = remainder.firstIndex(of: "/") {
            let first = remainder[..<slash]
            if first.contains(".") || first.contains(":") || first == "localhost" || first.lowercased() != first {
                registry = String(first)
                path = String(remainder[remainder.index(after: slash)...])
            }
        }
        if registry == "index.docker.io" { registry = Self.dockerHub }
        guard !registry.isEmpty, !path.isEmpty else { throw ImageReferenceError(reference: text, reason: .invalidFormat) }
        guard path.lowercased() == path else { throw ImageReferenceError(reference: text, reason: .uppercase) }
        guard path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy(Self.isValidPathComponent) else {
            throw ImageReferenceError(reference: text, reason: .invalidFormat)
        }
        if registry == Self.dockerHub && !path.contains("/") { path = "library/" + path }
        if tag == nil && digest == nil { tag = "latest" }
        self.init(registry: registry, repository: path, tag: tag, digest: digest)
    }

    /// `registry/repository`, as the Engine API's `fromImage` takes it
    /// (`docker.io/library/nginx`).
    public var name: String { "\(registry)/\(repository)" }

    /// The short name the daemon shows in `RepoTags` and `RepoDigests`:
    /// Docker Hub's `docker.io/` and `library/` prefixes dropped (`nginx`,
    /// `user/app`, `127.0.0.1:5000/demo/busybox`).
    public var familiarName: String {
        guard registry == Self.dockerHub else { return name }
        return repository.hasPrefix("library/") && repository.split(separator: "/").count == 2
            ? String(repository.dropFirst("library/".count)) : repository
    }

    /// The full reference with every default written out
    /// (`docker.io/library/nginx:latest`); equal for equal images.
    public var canonical: String { name + suffix }

    /// The reference as the daemon shows it (`nginx:latest`,
    /// `127.0.0.1:5000/demo/busybox:1`).
    public var familiar: String { familiarName + suffix }

    /// `:tag`, `@digest` or both.
    private var suffix: String {
        (tag.map { ":" + $0 } ?? "") + (digest.map { "@" + $0 } ?? "")
    }

    /// The key of this registry's entry in the docker CLI's configuration
    /// (`https://index.docker.io/v1/` for Docker Hub, else the host).
    public var credentialKey: String {
        registry == Self.dockerHub ? Self.dockerHubCredentialKey : registry
    }

    public var description: String { familiar }

    /// The digest `repoDigests` (an image's `RepoDigests`,
    /// `name@sha256:…` entries) records for this reference's repository.
    public func repositoryDigest(in repoDigests: [String]) -> String? {
        for entry in repoDigests {
            guard let reference = try? ImageReference(parsing: entry),
                  reference.registry == registry, reference.repository == repository else { continue }
            if let digest = reference.digest { return digest }
        }
        return nil
    }

    // MARK: - Grammar (distribution/reference)

    /// `[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*`
    private static func isValidPathComponent(_ component: Substring) -> Bool {
        guard let first = component.first, let last = component.last,
              isAlphanumeric(first), isAlphanumeric(last) else { return false }
        var separator = ""
        for character in component {
            if isAlphanumeric(character) {
                guard separator.isEmpty || separator == "." || separator == "_" || separator == "__"
                        || separator.allSatisfy({ $0 == "-" }) else { return false }
                separator = ""
            } else if character == "." || character == "_" || character == "-" {
                separator.append(character)
            } else {
                return false
            }
        }
        return true
    }

    private static func isAlphanumeric(_ character: Character) -> Bool {
        character.isASCII && (character.isLowercase || character.isNumber)
    }

    /// `[\w][\w.-]{0,127}`
    private static func isValidTag(_ tag: String) -> Bool {
        guard let first = tag.first, tag.count <= 128, first != ".", first != "-" else { return false }
        return tag.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
    }

    /// `algorithm:hex` with at least 32 hexadecimal digits.
    private static func isValidDigest(_ digest: String) -> Bool {
        let parts = digest.split(separator: ":", maxSplits: 1)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].count >= 32 else { return false }
        return parts[0].allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || "+.-_".contains($0)) }
            && parts[1].allSatisfy { $0.isHexDigit && !$0.isUppercase }
    }
}

/// Why a text is not an image reference; the message follows Docker's
/// `invalid reference format` wording.
public struct ImageReferenceError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What is wrong with it.
    public enum Reason: Hashable, Sendable {
        /// An empty reference.
        case empty
        /// A repository path with uppercase letters.
        case uppercase
        /// A malformed tag (after the last `:`).
        case invalidTag
        /// A malformed digest (after `@`).
        case invalidDigest
        /// Any other malformation (empty components, forbidden characters).
        case invalidFormat
    }

    /// The text that was parsed.
    public var reference: String
    public var reason: Reason

    public init(reference: String, reason: Reason) {
        self.reference = reference
        self.reason = reason
    }

    public var description: String {
        switch reason {
        case .empty: "invalid reference format: the image reference is empty"
        case .uppercase: "invalid reference format: repository name must be lowercase: \(reference)"
        case .invalidTag: "invalid reference format: malformed tag in \(reference)"
        case .invalidDigest: "invalid reference format: malformed digest in \(reference)"
        case .invalidFormat: "invalid reference format: \(reference)"
        }
    }
}
