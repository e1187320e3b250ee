import ComposeModel

/// A typed view of `GET /images/{name}/json`: the local image's identity and
/// where it came from. The whole answer is kept in `json`.
public struct ImageInspection: Hashable, Sendable {
    /// `sha256:…`, the ID containers record in their `com.docker.compose.image` label.
    public var id: String
    /// `name:tag` entries pointing at this image.
    public var repoTags: [String]
    /// `name@sha256:…` entries: the registry manifests this image was pulled
    /// from or pushed to. Empty for an image that was only built or imported.
    public var repoDigests: [String]
    /// `Metadata.LastTagTime` (RFC 3339), when the image was last tagged or
    /// pulled; `nil` when the daemon never recorded one
    /// (`0001-01-01T00:00:00Z`). The `daily`/`weekly`/`every_…` pull policies
    /// compare it with the clock.
    public var lastTagTime: String?
    /// Size in bytes.
    public var size: Int
    /// The daemon's answer, unmodified.
    public var json: JSONValue

    public init(_ json: JSONValue) {
        self.json = json
        id = json["Id"]?.stringValue ?? ""
        repoTags = json["RepoTags"]?.arrayValue?.compactMap(\.stringValue) ?? []
        repoDigests = json["RepoDigests"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let tagTime = json["Metadata"]?["LastTagTime"]?.stringValue ?? ""
        lastTagTime = tagTime.isEmpty || tagTime.hasPrefix("0001-01-01") ? nil : tagTime
        size = json["Size"]?.intValue ?? 0
    }

    /// The manifest digest this image has for `reference`'s repository (from
    /// `RepoDigests`), to compare with the registry's current one.
    public func digest(for reference: ImageReference) -> String? {
        reference.repositoryDigest(in: repoDigests)
    }
}
