import Foundation
import NIOSSL

/// The TLS options of the docker CLI (`--tls`, `--tlsverify`, `--tlscacert`,
/// `--tlscert`, `--tlskey`), as given on the command line. Unset options
/// fall back to the environment when resolved: `DOCKER_TLS_VERIFY`,
/// `DOCKER_TLS`, `DOCKER_CERT_PATH`.
public struct DockerTLSOptions: Hashable, Sendable {
    /// Use TLS without verifying the daemon's certificate.
    public var tls: Bool
    /// Use TLS and verify the daemon's certificate against the CA.
    public var verify: Bool
    public var caFile: String?
    public var certificateFile: String?
    public var keyFile: String?

    public init(tls: Bool = false, verify: Bool = false, caFile: String? = nil, certificateFile: String? = nil,
                keyFile: String? = nil) {
        self.tls = tls
        self.verify = verify
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }
}

/// TLS to a daemon reached over TCP, set up the way the docker CLI sets it
/// up: on with `--tlsverify`/`DOCKER_TLS_VERIFY` (the daemon's certificate
/// is verified against the CA, host name included) or `--tls`/`DOCKER_TLS`
/// (not verified); certificates from the flags, else `ca.pem`, `cert.pem`
/// and `key.pem` in `DOCKER_CERT_PATH` (default `~/.docker`). The client
/// certificate is presented when both of its files exist (a daemon started
/// with `--tlsverify` requires one).
public struct DockerTLS: Hashable, Sendable {
    public var verify: Bool
    public var caFile: String
    public var certificateFile: String
    public var keyFile: String

    public init(verify: Bool, caFile: String, certificateFile: String, keyFile: String) {
        self.verify = verify
        self.caFile = caFile
        self.certificateFile = certificateFile
        self.keyFile = keyFile
    }

    /// The TLS settings for `options` and `environment`, or `nil` when TLS is off.
    public static func resolve(_ options: DockerTLSOptions, environment: [String: String]) -> DockerTLS? {
        let verify = options.verify || !(environment["DOCKER_TLS_VERIFY"] ?? "").isEmpty
        let enabled = verify || options.tls || !(environment["DOCKER_TLS"] ?? "").isEmpty
            || options.caFile != nil || options.certificateFile != nil || options.keyFile != nil
        guard enabled else { return nil }
        let folder = environment["DOCKER_CERT_PATH"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.docker"
        return DockerTLS(verify: verify,
                         caFile: options.caFile ?? folder + "/ca.pem",
                         certificateFile: options.certificateFile ?? folder + "/cert.pem",
                         keyFile: options.keyFile ?? folder + "/key.pem")
    }

    /// The client configuration, with every file read now so that a missing
    /// or unreadable one is named in the error.
    func clientConfiguration() throws(EngineError) -> TLSConfiguration {
        var configuration = TLSConfiguration.makeClientConfiguration()
        if verify {
            configuration.trustRoots = .certificates(try Self.certificates(caFile, "CA certificate"))
        } else {
            configuration.certificateVerification = .none
        }
        let manager = FileManager.default
        if manager.fileExists(atPath: certificateFile) || manager.fileExists(atPath: keyFile) {
            configuration.certificateChain = try Self.certificates(certificateFile, "client certificate").map { .certificate($0) }
            do {
                configuration.privateKey = .privateKey(try NIOSSLPrivateKey(file: keyFile, format: .pem))
            } catch {
                throw .invalidRequest("cannot read the TLS client key \(keyFile): \(Self.reason(error, keyFile))")
            }
        }
        return configuration
    }

    private static func certificates(_ file: String, _ what: String) throws(EngineError) -> [NIOSSLCertificate] {
        let certificates: [NIOSSLCertificate]
        do {
            certificates = try NIOSSLCertificate.fromPEMFile(file)
        } catch {
            throw .invalidRequest("cannot read the TLS \(what) \(file): \(reason(error, file))")
        }
        guard !certificates.isEmpty else { throw .invalidRequest("cannot read the TLS \(what) \(file): it holds no certificate") }
        return certificates
    }

    private static func reason(_ error: any Error, _ file: String) -> String {
        FileManager.default.fileExists(atPath: file) ? "not a PEM file (\(error))" : "no such file"
    }
}
