import ComposeModel
import DockerModel
import Foundation
import PlanModel
import Testing
@testable import Engine

/// The daemon's pull progress stream, read line by line (lines recorded
/// from Engine 20.10 pulling from the test registry).
@Suite("Pull progress stream")
struct PullStreamTests {
    static let lines = [
        #"{"status":"Pulling from demo/random","id":"1"}"#,
        #"{"status":"Pulling fs layer","progressDetail":{},"id":"aaaa"}"#,
        #"{"status":"Already exists","progressDetail":{},"id":"cccc"}"#,
        #"{"status":"Pulling fs layer","progressDetail":{},"id":"bbbb"}"#,
        #"{"status":"Downloading","progressDetail":{"current":32768,"total":3001196},"progress":"[>   ]  32.77kB/3.001MB","id":"aaaa"}"#,
        #"{"status":"Downloading","progressDetail":{"current":1000,"total":2000},"id":"bbbb"}"#,
        #"{"status":"Verifying Checksum","progressDetail":{},"id":"aaaa"}"#,
        #"{"status":"Download complete","progressDetail":{},"id":"aaaa"}"#,
        #"{"status":"Extracting","progressDetail":{"current":32768,"total":3001196},"id":"aaaa"}"#,
        #"{"status":"Pull complete","progressDetail":{},"id":"aaaa"}"#,
        #"{"status":"Download complete","progressDetail":{},"id":"bbbb"}"#,
        #"{"status":"Pull complete","progressDetail":{},"id":"bbbb"}"#,
        #"{"status":"Digest: sha256:33a2bbdba78f21f1b4fae2d75be3f1a9f83e4a6c315a8ea5866c4e4af8ff2acf"}"#,
        #"{"status":"Status: Downloaded newer image for 127.0.0.1:5000/demo/random:1"}"#,
    ]

    static func json(_ line: String) throws -> JSONValue { try JSONDecoder().decode(JSONValue.self, from: Data(line.utf8)) }

    @Test("Bytes and layers add up over the layers; the digest and the outcome are read")
    func progress() throws {
        var reader = PullStreamReader(reference: "r")
        var seen: [PullProgress] = []
        for line in Self.lines {
            guard case .success(let progress) = reader.read(try Self.json(line)) else { Issue.record("unexpected failure"); return }
            seen.append(progress)
        }
        func p(_ status: String, _ layer: String?, _ done: Int, _ total: Int, _ layers: Int, _ complete: Int) -> PullProgress {
            PullProgress(reference: "r", status: status, layer: layer, completedBytes: done, totalBytes: total, layers: layers, completedLayers: complete)
        }
        #expect(seen == [
            p("Pulling from demo/random", nil, 0, 0, 0, 0),
            p("Pulling fs layer", "aaaa", 0, 0, 1, 0),
            p("Already exists", "cccc", 0, 0, 2, 1),
            p("Pulling fs layer", "bbbb", 0, 0, 3, 1),
            p("Downloading", "aaaa", 32768, 3001196, 3, 1),
            p("Downloading", "bbbb", 33768, 3003196, 3, 1),
            p("Verifying Checksum", "aaaa", 3002196, 3003196, 3, 1),
            p("Download complete", "aaaa", 3002196, 3003196, 3, 1),
            p("Extracting", "aaaa", 3002196, 3003196, 3, 1),
            p("Pull complete", "aaaa", 3002196, 3003196, 3, 2),
            p("Download complete", "bbbb", 3003196, 3003196, 3, 2),
            p("Pull complete", "bbbb", 3003196, 3003196, 3, 3),
            p("Digest: sha256:33a2bbdba78f21f1b4fae2d75be3f1a9f83e4a6c315a8ea5866c4e4af8ff2acf", nil, 3003196, 3003196, 3, 3),
            p("Status: Downloaded newer image for 127.0.0.1:5000/demo/random:1", nil, 3003196, 3003196, 3, 3),
        ])
        #expect(reader.digest == "sha256:33a2bbdba78f21f1b4fae2d75be3f1a9f83e4a6c315a8ea5866c4e4af8ff2acf")
        #expect(reader.isNewer)
        #expect(reader.downloadedBytes == 3003196)
    }

    @Test("An up-to-date image is not newer; an errorDetail line is a failure with the daemon's message")
    func upToDateAndErrors() throws {
        var reader = PullStreamReader(reference: "r")
        _ = reader.read(try Self.json(#"{"status":"Status: Image is up to date for 127.0.0.1:5000/demo/random:1"}"#))
        #expect(!reader.isNewer)
        let failure = reader.read(try Self.json(#"{"errorDetail":{"message":"unexpected EOF"},"error":"unexpected EOF"}"#))
        #expect(failure == .failure(PullStreamFailure(message: "unexpected EOF")))
        #expect(reader.read(try Self.json(#"{"error":"only the short form"}"#)) == .failure(PullStreamFailure(message: "only the short form")))
    }

    @Test("Lines are cut at newlines whatever the chunks; blank and non-JSON lines are dropped")
    func splitting() {
        var splitter = JSONLineSplitter()
        let text = "{\"a\":1}\n{\"b\"" + ":2}\r\n\n  \nnot json\n{\"c\":3}"
        var objects: [JSONValue] = []
        // Three-byte chunks cut lines anywhere.
        var index = text.utf8.startIndex
        while index < text.utf8.endIndex {
            let end = text.utf8.index(index, offsetBy: 3, limitedBy: text.utf8.endIndex) ?? text.utf8.endIndex
            objects += splitter.append(Array(text.utf8[index..<end]))
            index = end
        }
        #expect(objects == [["a": 1], ["b": 2]])
        #expect(splitter.finish() == [["c": 3]])
        #expect(splitter.finish() == [])
    }

    @Test("Registry failures are worded with the image, the registry and the daemon's message")
    func wording() throws {
        let image = try ImageReference(parsing: "127.0.0.1:5000/demo/busybox:9")
        let unknown = EngineError(status: 404, message: "manifest for 127.0.0.1:5000/demo/busybox:9 not found: manifest unknown: manifest unknown")
        #expect(unknown.registryProblem == .unknownImage)
        #expect(unknown.explainingRegistryFailure(.pull, image: image, user: nil)
                == EngineError(status: 404, message: "cannot pull image 127.0.0.1:5000/demo/busybox:9 from registry 127.0.0.1:5000: the registry has no such repository or tag: manifest for 127.0.0.1:5000/demo/busybox:9 not found: manifest unknown: manifest unknown"))
        let noCredentials = EngineError(status: 500, message: #"Head "http://127.0.0.1:5000/v2/demo/busybox/manifests/9": no basic auth credentials"#)
        #expect(noCredentials.registryProblem == .unauthorized)
        #expect(noCredentials.explainingRegistryFailure(.lookUp, image: image, user: nil).message
                == #"cannot look up image 127.0.0.1:5000/demo/busybox:9 in registry 127.0.0.1:5000: the registry requires credentials and none are configured for 127.0.0.1:5000 (docker login 127.0.0.1:5000, or an auths entry in $DOCKER_CONFIG/config.json): Head "http://127.0.0.1:5000/v2/demo/busybox/manifests/9": no basic auth credentials"#)
        let refused = EngineError(status: 500, message: "unauthorized: authentication required")
        #expect(refused.explainingRegistryFailure(.pull, image: image, user: "alice").message
                == "cannot pull image 127.0.0.1:5000/demo/busybox:9 from registry 127.0.0.1:5000: the registry refused the credentials of user alice: unauthorized: authentication required")
        let unreachable = EngineError(status: 500, message: #"Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused"#)
        #expect(unreachable.registryProblem == .unreachable)
        #expect(unreachable.explainingRegistryFailure(.pull, image: image, user: nil).message
                == #"cannot pull image 127.0.0.1:5000/demo/busybox:9 from registry 127.0.0.1:5000: the registry is unreachable: Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused"#)
        let other = EngineError(status: 500, message: "write /var/lib/docker: no space left on device")
        #expect(other.registryProblem == nil)
        #expect(other.explainingRegistryFailure(.pull, image: image, user: nil).message
                == "cannot pull image 127.0.0.1:5000/demo/busybox:9 from registry 127.0.0.1:5000: write /var/lib/docker: no space left on device")
        // A daemon that did not answer is not the registry's fault.
        let down = EngineError(kind: .unreachable, message: "cannot connect to the Docker daemon")
        #expect(down.explainingRegistryFailure(.pull, image: image, user: nil) == down)
    }
}
