/// Where a pull stands after one line of the daemon's progress stream:
/// bytes downloaded and to download, summed over the image's layers.
///
/// Totals grow while the pull runs: a layer's size is known from its first
/// `Downloading` line. Layers the engine already has (`Already exists`)
/// count as done and add no bytes.
public struct PullProgress: Hashable, Sendable {
    /// The reference being pulled, as passed to `pullImage`.
    public var reference: String
    /// The line's status (`Pulling fs layer`, `Downloading`, `Pull complete`, …).
    public var status: String
    /// The layer the line is about (a short digest); `nil` for image-level lines.
    public var layer: String?
    /// Bytes downloaded so far, over every layer.
    public var completedBytes: Int
    /// Bytes to download, over the layers whose size is known.
    public var totalBytes: Int
    /// Layers announced so far.
    public var layers: Int
    /// Layers fully pulled (or already present).
    public var completedLayers: Int

    public init(reference: String, status: String, layer: String? = nil, completedBytes: Int = 0, totalBytes: Int = 0,
                layers: Int = 0, completedLayers: Int = 0) {
        self.reference = reference
        self.status = status
        self.layer = layer
        self.completedBytes = completedBytes
        self.totalBytes = totalBytes
        self.layers = layers
        self.completedLayers = completedLayers
    }
}

/// What a finished pull gave.
public struct PulledImage: Hashable, Sendable {
    /// The reference pulled, as passed to `pullImage`.
    public var reference: String
    /// The manifest digest the daemon pulled (`sha256:…`): compare it with
    /// the registry digest a plan was made with.
    public var digest: String
    /// The local image's ID after the pull (`sha256:…`), what new containers
    /// record in `com.docker.compose.image`.
    public var id: String
    /// Bytes downloaded (0 when every layer was already present).
    public var downloadedBytes: Int
    /// Whether the daemon stored a new image (`Downloaded newer image`)
    /// rather than finding it up to date.
    public var isNewer: Bool

    public init(reference: String, digest: String, id: String, downloadedBytes: Int, isNewer: Bool) {
        self.reference = reference
        self.digest = digest
        self.id = id
        self.downloadedBytes = downloadedBytes
        self.isNewer = isNewer
    }
}
