import Engine
import Foundation
import TestSupport
import Testing

/// Docker CLI contexts, read from the CLI's store and chosen with the docker
/// CLI's precedence (docker/cli `resolveContextName`: `--context`, then `-H`
/// or `DOCKER_HOST` mean `default`, then `DOCKER_CONTEXT`, then
/// `currentContext` of config.json).
@Suite("Docker contexts")
struct DockerContextTests {
    /// A docker CLI configuration folder with contexts, written the way
    /// `docker context create` writes them. Digests are SHA-256 of the
    /// names, computed outside composeplan (`sha256sum`).
    struct Store {
        let folder: TemporaryDirectory
        var path: String { folder.path }

        init(currentContext: String? = nil) throws {
            folder = try TemporaryDirectory(prefix: "docker-config")
            if let currentContext { try folder.write("config.json", #"{"auths": {}, "currentContext": "\#(currentContext)"}"#) }
        }

        func addContext(digest: String, name: String, host: String, skipTLSVerify: Bool = false, tlsFrom: String? = nil) throws {
            try folder.write("contexts/meta/\(digest)/meta.json", """
                {"Name":"\(name)","Metadata":{"Description":"test"},"Endpoints":{"docker":{"Host":"\(host)","SkipTLSVerify":\(skipTLSVerify)}}}
                """)
            if let tlsFrom {
                for file in ["ca.pem", "cert.pem", "key.pem"] {
                    try folder.write("contexts/tls/\(digest)/docker/\(file)", try String(contentsOfFile: "\(tlsFrom)/\(file)", encoding: .utf8))
                }
            }
        }
    }

    static let remoteDigest = "b71199ebd070b36beab7317920c2c2f1d777df8d05e5527d8458fda57cb17a7a"  // sha256("remote")
    static let tlsDigest = "f29671c36aea263eda561e45f53d2985925dff54c881728df51a83e0008fd4ef"  // sha256("tls-ctx")

    @Test("Which context: --context, then -H / DOCKER_HOST (default), then DOCKER_CONTEXT, then currentContext, then default")
    func precedence() throws {
        let store = try Store(currentContext: "from-config")
        defer { store.folder.remove() }
        let base = ["DOCKER_CONFIG": store.path]
        func name(_ context: String?, _ host: String?, _ environment: [String: String]) throws -> String {
            try DockerContext.selectedName(context: context, host: host, environment: base.merging(environment) { $1 })
        }
        #expect(try name("flag", nil, ["DOCKER_HOST": "tcp://x:1", "DOCKER_CONTEXT": "env"]) == "flag")
        #expect(try name(nil, "unix:///x.sock", ["DOCKER_CONTEXT": "env"]) == "default")
        #expect(try name(nil, nil, ["DOCKER_HOST": "tcp://x:1", "DOCKER_CONTEXT": "env"]) == "default")
        #expect(try name(nil, nil, ["DOCKER_CONTEXT": "env"]) == "env")
        #expect(try name(nil, nil, [:]) == "from-config")
        #expect(try DockerContext.selectedName(context: nil, host: nil, environment: ["DOCKER_CONFIG": "/nonexistent"]) == "default")
        #expect(throws: EngineError.invalidRequest("conflicting options: cannot specify both --host and --context")) {
            try name("flag", "tcp://x:1", [:])
        }
    }

    @Test("A context's endpoint and TLS material come from contexts/meta and contexts/tls under the SHA-256 of its name")
    func load() throws {
        let store = try Store()
        defer { store.folder.remove() }
        let certificates = try TemporaryDirectory(prefix: "certs")
        defer { certificates.remove() }
        for file in ["ca.pem", "cert.pem", "key.pem"] { try certificates.write(file, "PEM \(file)") }
        try store.addContext(digest: Self.remoteDigest, name: "remote", host: "tcp://build-box:2376", skipTLSVerify: true)
        try store.addContext(digest: Self.tlsDigest, name: "tls-ctx", host: "tcp://10.0.0.2:2376", tlsFrom: certificates.path)
        let environment = ["DOCKER_CONFIG": store.path]

        let remote = try DockerContext.load("remote", environment: environment)
        #expect(remote == DockerContext(name: "remote", host: "tcp://build-box:2376", skipTLSVerify: true))
        #expect(remote.tls == DockerTLS(verify: false, caFile: "", certificateFile: "", keyFile: ""))

        let tlsFolder = "\(store.path)/contexts/tls/\(Self.tlsDigest)/docker"
        let endpoint = try DockerEndpoint.resolve(host: nil, context: "tls-ctx", tls: DockerTLSOptions(tls: true),
                                                  environment: environment.merging(["DOCKER_CERT_PATH": "/ignored"]) { $1 })
        #expect(endpoint == DockerEndpoint(host: .tcp(host: "10.0.0.2", port: 2376),
                                           tls: DockerTLS(verify: true, caFile: "\(tlsFolder)/ca.pem", certificateFile: "\(tlsFolder)/cert.pem",
                                                          keyFile: "\(tlsFolder)/key.pem"),
                                           context: "tls-ctx"))

        // DOCKER_HOST wins over DOCKER_CONTEXT; -H over the current context.
        let fromHost = try DockerEndpoint.resolve(host: nil, context: nil, tls: DockerTLSOptions(),
                                                  environment: environment.merging(["DOCKER_HOST": "unix:///h.sock", "DOCKER_CONTEXT": "remote"]) { $1 })
        #expect(fromHost == DockerEndpoint(host: .unixSocket(path: "/h.sock"), tls: nil, context: "default"))
        let fromContextVariable = try DockerEndpoint.resolve(host: nil, context: nil, tls: DockerTLSOptions(),
                                                             environment: environment.merging(["DOCKER_CONTEXT": "remote"]) { $1 })
        #expect(fromContextVariable.host == .tcp(host: "build-box", port: 2376))
    }

    @Test("Unknown contexts, contexts without a Docker endpoint and a broken config.json are named errors")
    func errors() throws {
        let store = try Store()
        defer { store.folder.remove() }
        let environment = ["DOCKER_CONFIG": store.path]
        let missing = "\(store.path)/contexts/meta/\(Self.remoteDigest)/meta.json"
        #expect(throws: EngineError.invalidRequest("context \"remote\" not found: no \(missing)")) {
            try DockerContext.load("remote", environment: environment)
        }
        try store.folder.write("contexts/meta/\(Self.remoteDigest)/meta.json", #"{"Name":"remote","Endpoints":{}}"#)
        #expect(throws: EngineError.invalidRequest("context \"remote\" has no Docker endpoint (\(missing))")) {
            try DockerContext.load("remote", environment: environment)
        }
        try store.folder.write("config.json", "{not json")
        #expect(throws: EngineError.invalidRequest("\(store.path)/config.json: not a docker CLI configuration (invalid JSON)")) {
            try DockerContext.selectedName(context: nil, host: nil, environment: environment)
        }
    }

    @Test("A context naming the test daemon's socket, and one with its TLS address and certificates, connect",
          .enabled(if: TestDaemon.isConfigured))
    func againstTheDaemon() async throws {
        let store = try Store(currentContext: "remote")
        defer { store.folder.remove() }
        try store.addContext(digest: Self.remoteDigest, name: "remote", host: try #require(DockerTestHost.address))
        // The current context of config.json.
        try await DockerEngine.withEngine(environment: ["DOCKER_CONFIG": store.path]) { engine in
            #expect(engine.apiVersion == "1.41")
        }
        if let tlsHost = DockerTestHost.tlsAddress, let certPath = DockerTestHost.certPath {
            try store.addContext(digest: Self.tlsDigest, name: "tls-ctx", host: tlsHost, tlsFrom: certPath)
            let engine = try await DockerEngine.connect(context: "tls-ctx", environment: ["DOCKER_CONFIG": store.path])
            #expect(engine.apiVersion == "1.41")
            try await engine.shutdown()
        }
    }
}

extension EngineError {
    static func invalidRequest(_ message: String) -> EngineError {
        EngineError(kind: .invalidRequest, message: message)
    }
}
