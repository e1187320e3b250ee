import ComposeModel

/// Reads the daemon's pull progress stream (`POST /images/create`), one
/// JSON object per line:
///
/// ```
/// {"status":"Pulling from demo/busybox","id":"1"}
/// {"status":"Pulling fs layer","progressDetail":{},"id":"d98d7e5d5fb4"}
/// {"status":"Downloading","progressDetail":{"current":32768,"total":3001196},"id":"d98d7e5d5fb4"}
/// {"status":"Download complete","progressDetail":{},"id":"d98d7e5d5fb4"}
/// {"status":"Extracting","progressDetail":{"current":32768,"total":3001196},"id":"d98d7e5d5fb4"}
/// {"status":"Pull complete","progressDetail":{},"id":"d98d7e5d5fb4"}
/// {"status":"Digest: sha256:33a2…"}
/// {"status":"Status: Downloaded newer image for 127.0.0.1:5000/demo/busybox:1"}
/// ```
///
/// A failure in the middle of the stream arrives as a line with `error` and
/// `errorDetail.message` (the HTTP status is already 200 by then).
struct PullStreamReader {
    /// One layer's download.
    private struct Layer {
        var completed = 0
        var total = 0
        var isDone = false
    }

    let reference: String
    /// Layers in the order the stream announced them.
    private var order: [String] = []
    private var layers: [String: Layer] = [:]
    /// From the `Digest: …` line.
    private(set) var digest: String?
    /// Whether the `Status: …` line said a newer image was stored.
    private(set) var isNewer = false

    init(reference: String) {
        self.reference = reference
    }

    /// Reads one line: the progress after it, or the daemon's error message
    /// when the line reports a failure.
    mutating func read(_ line: JSONValue) -> Result<PullProgress, PullStreamFailure> {
        if let message = line["errorDetail"]?["message"]?.stringValue ?? line["error"]?.stringValue {
            return .failure(PullStreamFailure(message: message))
        }
        let status = line["status"]?.stringValue ?? ""
        let id = line["id"]?.stringValue
        if status.hasPrefix("Digest: ") {
            digest = String(status.dropFirst("Digest: ".count))
        } else if status.hasPrefix("Status: ") {
            isNewer = status.hasPrefix("Status: Downloaded newer image")
        }
        var layerID: String?
        // Image-level lines carry the tag as their id (`Pulling from …`) or none.
        if let id, !status.hasPrefix("Pulling from"), !status.hasPrefix("Digest:"), !status.hasPrefix("Status:") {
            layerID = id
            if layers[id] == nil {
                order.append(id)
                layers[id] = Layer()
            }
            update(id, status: status, detail: line["progressDetail"])
        }
        return .success(progress(status: status, layer: layerID))
    }

    private mutating func update(_ id: String, status: String, detail: JSONValue?) {
        guard var layer = layers[id] else { return }
        let current = detail?["current"]?.intValue
        let total = detail?["total"]?.intValue
        switch status {
        case "Downloading":
            if let total, total > 0 { layer.total = total }
            if let current { layer.completed = min(current, max(layer.total, current)) }
        case "Verifying Checksum", "Download complete", "Extracting":
            // Extracting's numbers count unpacked bytes, not downloaded ones.
            layer.completed = layer.total
        case "Pull complete", "Already exists":
            layer.completed = layer.total
            layer.isDone = true
        default:
            break
        }
        layers[id] = layer
    }

    /// The progress now.
    func progress(status: String, layer: String?) -> PullProgress {
        var completed = 0
        var total = 0
        var done = 0
        for id in order {
            guard let state = layers[id] else { continue }
            completed += state.completed
            total += state.total
            if state.isDone { done += 1 }
        }
        return PullProgress(reference: reference, status: status, layer: layer, completedBytes: completed, totalBytes: total,
                            layers: order.count, completedLayers: done)
    }

    /// Bytes downloaded, over every layer.
    var downloadedBytes: Int { order.reduce(0) { $0 + (layers[$1]?.completed ?? 0) } }
}

/// An `errorDetail` line of a pull stream: the daemon's message.
struct PullStreamFailure: Error, Hashable {
    var message: String
}
