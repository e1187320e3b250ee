import ComposeModel

/// Reads the classic builder's output stream (`POST /build`), one JSON
/// object per line:
///
/// ```
/// {"stream":"Step 1/3 : FROM busybox\n"}
/// {"stream":" ---> 6d5fcfe5ff17\n"}
/// {"aux":{"ID":"sha256:9a1c…"}}
/// {"stream":"Successfully built 9a1c…\n"}
/// {"errorDetail":{"code":3,"message":"The command '/bin/sh -c exit 3' returned a non-zero code: 3"},"error":"…"}
/// ```
///
/// Keeps the output lines, the step being run, and the image ID.
struct BuildStreamReader {
    /// Every line printed so far.
    private(set) var lines: [String] = []
    /// The last `Step N/M : …` line.
    private(set) var step: String?
    /// From the `aux` line.
    private(set) var id: String?
    private var pending = ""

    /// Reads one object: the complete lines it ends, or the failure it reports.
    mutating func read(_ object: JSONValue) -> Result<[String], BuildStreamFailure> {
        if let message = object["errorDetail"]?["message"]?.stringValue ?? object["error"]?.stringValue {
            return .failure(BuildStreamFailure(message: message, step: step, lastLines: Array(lines.suffix(5))))
        }
        if let id = object["aux"]?["ID"]?.stringValue { self.id = id }
        guard let text = object["stream"]?.stringValue ?? object["status"]?.stringValue else { return .success([]) }
        pending += text
        var complete: [String] = []
        while let newline = pending.firstIndex(of: "\n") {
            let line = String(pending[..<newline])
            pending = String(pending[pending.index(after: newline)...])
            if line.hasPrefix("Step ") { step = line }
            lines.append(line)
            complete.append(line)
        }
        return .success(complete)
    }
}

/// A build step that failed, with the context a reader needs.
struct BuildStreamFailure: Error {
    var message: String
    var step: String?
    var lastLines: [String]

    /// `build of image x failed at step 2/3 : RUN exit 3: The command … returned a non-zero code: 3; last output: …`.
    func describe(image: String) -> String {
        var text = "build of image \(image) failed"
        if let step { text += " at \(step.prefix(1).lowercased() + step.dropFirst())" }
        text += ": \(message)"
        // The step's own output, without the builder's bookkeeping lines.
        let output = lastLines.filter { line in
            !line.isEmpty && line != step && !line.hasPrefix(" ---> ") && !line.hasPrefix("Removing intermediate container")
        }
        if !output.isEmpty { text += "; last output: " + output.joined(separator: " | ") }
        return text
    }
}
