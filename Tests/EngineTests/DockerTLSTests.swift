import Engine
import Foundation
import Testing

/// TLS settings resolved like the docker CLI's, and TLS to the test daemon
/// (which listens on tcp://127.0.0.1 with mutual TLS when
/// `COMPOSEPLAN_TEST_DOCKER_TLS_HOST` is set).
@Suite("Docker over TLS")
struct DockerTLSTests {
    static let tlsHost = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_TLS_HOST"].flatMap { $0.isEmpty ? nil : $0 }
    static let certPath = ProcessInfo.processInfo.environment["COMPOSEPLAN_TEST_DOCKER_CERT_PATH"] ?? ""
    static var isConfigured: Bool {
        if tlsHost == nil { print("note: COMPOSEPLAN_TEST_DOCKER_TLS_HOST is not set; skipping TLS tests against a real daemon") }
        return tlsHost != nil
    }

    @Test("In CI, with a test daemon, the TLS tests run (the daemon script's openssl step worked)")
    func ciRunsTheTLSTests() {
        let environment = ProcessInfo.processInfo.environment
        guard !(environment["CI"] ?? "").isEmpty, TestDaemon.isConfigured else { return }
        #expect(Self.tlsHost != nil && !Self.certPath.isEmpty, "COMPOSEPLAN_TEST_DOCKER_TLS_HOST / _CERT_PATH are not set")
    }

    @Test("TLS is off unless a flag or DOCKER_TLS_VERIFY / DOCKER_TLS asks for it")
    func off() {
        #expect(DockerTLS.resolve(DockerTLSOptions(), environment: [:]) == nil)
        #expect(DockerTLS.resolve(DockerTLSOptions(), environment: ["DOCKER_TLS_VERIFY": "", "DOCKER_CERT_PATH": "/c"]) == nil)
    }

    @Test("DOCKER_TLS_VERIFY verifies, with the certificates in DOCKER_CERT_PATH, else ~/.docker")
    func fromEnvironment() throws {
        let verify = try #require(DockerTLS.resolve(DockerTLSOptions(), environment: ["DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": "/certs"]))
        #expect(verify == DockerTLS(verify: true, caFile: "/certs/ca.pem", certificateFile: "/certs/cert.pem", keyFile: "/certs/key.pem"))
        let plain = try #require(DockerTLS.resolve(DockerTLSOptions(), environment: ["DOCKER_TLS": "1", "HOME": "/home/me"]))
        #expect(plain == DockerTLS(verify: false, caFile: "/home/me/.docker/ca.pem", certificateFile: "/home/me/.docker/cert.pem",
                                   keyFile: "/home/me/.docker/key.pem"))
    }

    @Test("Flags win over the environment; naming a certificate turns TLS on")
    func flags() throws {
        let options = DockerTLSOptions(tls: true, caFile: "/x/ca.pem", keyFile: "/x/k.pem")
        let resolved = try #require(DockerTLS.resolve(options, environment: ["DOCKER_CERT_PATH": "/certs"]))
        #expect(resolved == DockerTLS(verify: false, caFile: "/x/ca.pem", certificateFile: "/certs/cert.pem", keyFile: "/x/k.pem"))
        #expect(DockerTLS.resolve(DockerTLSOptions(verify: true), environment: [:])?.verify == true)
        #expect(DockerTLS.resolve(DockerTLSOptions(certificateFile: "/x/c.pem"), environment: [:]) != nil)
    }

    @Test("A missing or unreadable certificate is named before anything is sent; unix sockets ignore TLS")
    func missingFiles() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("composeplan-tls-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "not a certificate".write(toFile: folder + "/ca.pem", atomically: true, encoding: .utf8)
        await #expect { _ = try await DockerEngine.connect(host: "tcp://127.0.0.1:1", tls: DockerTLSOptions(verify: true, caFile: "/nope/ca.pem")) }
            throws: { ($0 as? EngineError)?.message == "cannot read the TLS CA certificate /nope/ca.pem: no such file" }
        await #expect { _ = try await DockerEngine.connect(host: "tcp://127.0.0.1:1", tls: DockerTLSOptions(verify: true),
                                                           environment: ["DOCKER_CERT_PATH": folder]) }
            throws: { ($0 as? EngineError)?.message.hasPrefix("cannot read the TLS CA certificate \(folder)/ca.pem: not a PEM file") == true }
        // A unix socket never uses TLS: the failure is the missing socket, not the certificate.
        await #expect { _ = try await DockerEngine.connect(host: "unix:///nonexistent/composeplan.sock", tls: DockerTLSOptions(verify: true, caFile: "/nope/ca.pem")) }
            throws: { ($0 as? EngineError)?.kind == .unreachable }
    }

    @Test("Mutual TLS to the test daemon: connects and observes; without TLS, a wrong CA or no client certificate, a clear error",
          .enabled(if: isConfigured))
    func againstTheDaemon() async throws {
        let host = try #require(Self.tlsHost)
        let environment = ["DOCKER_CERT_PATH": Self.certPath]
        try await DockerEngine.withEngine(host: host, tls: DockerTLSOptions(verify: true), environment: environment) { engine in
            #expect(engine.apiVersion == "1.41")
            let snapshot = try await engine.snapshot(project: "tls-\(UUID().uuidString.prefix(6).lowercased())")
            #expect(snapshot.containers.isEmpty)
        }
        await #expect { _ = try await DockerEngine.connect(host: host, environment: environment) }
            throws: { error in
                let error = error as? EngineError
                return error?.status == 400 && error?.message.contains("uses TLS: pass --tlsverify") == true
            }
        await #expect { _ = try await DockerEngine.connect(host: host, tls: DockerTLSOptions(verify: true, caFile: Self.certPath + "/cert.pem"),
                                                           environment: environment) }
            throws: { ($0 as? EngineError)?.message.contains("not signed by the CA") == true }
        await #expect { _ = try await DockerEngine.connect(host: host, tls: DockerTLSOptions(verify: true),
                                                           environment: ["DOCKER_CERT_PATH": "/nonexistent"]) }
            throws: { ($0 as? EngineError)?.message.contains("/nonexistent/ca.pem") == true }
        await #expect { _ = try await DockerEngine.connect(host: host, tls: DockerTLSOptions(verify: true, caFile: Self.certPath + "/ca.pem"),
                                                           environment: ["DOCKER_CERT_PATH": "/nonexistent"]) }
            throws: { ($0 as? EngineError)?.message.contains("refused the client certificate") == true }
    }
}
