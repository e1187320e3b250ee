import ComposeModel

/// One entry of a snapshot's `images` array: what the daemon said about an
/// image the project references, and what the registry said about it.
///
/// ```json
/// {"Reference": "127.0.0.1:5000/demo/busybox:1",
///  "Image": { /* GET /images/{name}/json, absent when the image is not present */ },
///  "RegistryDigest": "sha256:…",   /* GET /distribution/{name}/json → Descriptor.digest, when asked */
///  "RegistryPlatforms": [{"Architecture": "amd64", "OS": "linux"}],  /* → Platforms, when listed */
///  "RegistryError": "…"}           /* the error instead, when the registry could not answer */
/// ```
///
/// `RegistryDigest` and `RegistryError` are both absent when the registry
/// was not asked (a `pull_policy: never` image, for instance): that means
/// "unknown", not "the registry has no such image".
public struct ImageObservation: Hashable, Sendable {
    /// The reference as the project wrote it (`Reference`).
    public var reference: String
    /// The local image, `nil` when it is not present (`Image` absent or null).
    public var image: ImageInspection?
    /// The registry's current manifest digest for the reference, when asked and answered.
    public var registryDigest: String?
    /// Why the registry could not say, when asked and it failed (the daemon's message, worded by composeplan).
    public var registryError: String?
    /// The platforms the registry lists for the reference (`Platforms` of
    /// the distribution answer), each `{"Architecture", "OS"}`; empty when
    /// not listed. A Swarm service is placed on them, as the docker CLI does.
    public var registryPlatforms: [JSONValue] = []

    public init(reference: String, image: ImageInspection? = nil, registryDigest: String? = nil, registryError: String? = nil) {
        self.reference = reference
        self.image = image
        self.registryDigest = registryDigest
        self.registryError = registryError
    }

    /// Reads a snapshot entry (missing fields are absent, unknown ones ignored).
    public init(_ json: JSONValue) {
        reference = json["Reference"]?.stringValue ?? ""
        if let image = json["Image"], case .object = image { self.image = ImageInspection(image) }
        registryDigest = json["RegistryDigest"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        registryError = json["RegistryError"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        registryPlatforms = json["RegistryPlatforms"]?.arrayValue ?? []
    }

    /// The snapshot entry (`Image` is the daemon's answer, unmodified).
    public var json: JSONValue {
        var object: [String: JSONValue] = ["Reference": .string(reference)]
        if let image { object["Image"] = image.json }
        if let registryDigest { object["RegistryDigest"] = .string(registryDigest) }
        if let registryError { object["RegistryError"] = .string(registryError) }
        if !registryPlatforms.isEmpty { object["RegistryPlatforms"] = .array(registryPlatforms) }
        return .object(object)
    }

    /// Whether the image is present on the engine.
    public var isPresent: Bool { image != nil }

    /// The local image's manifest digest for this reference's repository
    /// (`nil` when absent, never pulled, or the reference does not parse).
    public var localDigest: String? {
        guard let image, let parsed = try? ImageReference(parsing: reference) else { return nil }
        return image.digest(for: parsed)
    }
}
