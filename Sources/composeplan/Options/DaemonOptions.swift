import ArgumentParser
import Engine

/// Which Docker daemon to talk to, and how: `-H` and the docker CLI's TLS
/// options (each falls back to its environment variable).
struct DaemonOptions: ParsableArguments {
    @Option(name: [.customShort("H"), .customLong("host")], help: "Docker daemon address (default: DOCKER_HOST, else unix:///var/run/docker.sock).")
    var host: String?

    @Option(name: .customLong("context"), help: ArgumentHelp("Docker CLI context to use (default: DOCKER_CONTEXT, else the docker CLI's current context; -H and DOCKER_HOST win).", valueName: "NAME"))
    var context: String?

    @Flag(name: .customLong("tls"), help: "Use TLS to a tcp:// daemon without verifying its certificate (default: DOCKER_TLS).")
    var tls = false

    @Flag(name: .customLong("tlsverify"), help: "Use TLS to a tcp:// daemon and verify its certificate (default: DOCKER_TLS_VERIFY).")
    var tlsVerify = false

    @Option(name: .customLong("tlscacert"), help: ArgumentHelp("CA certificate (default: DOCKER_CERT_PATH/ca.pem, DOCKER_CERT_PATH defaulting to ~/.docker).", valueName: "FILE"))
    var caFile: String?

    @Option(name: .customLong("tlscert"), help: ArgumentHelp("Client certificate (default: DOCKER_CERT_PATH/cert.pem).", valueName: "FILE"))
    var certificateFile: String?

    @Option(name: .customLong("tlskey"), help: ArgumentHelp("Client key (default: DOCKER_CERT_PATH/key.pem).", valueName: "FILE"))
    var keyFile: String?

    /// The TLS options as given.
    var tlsOptions: DockerTLSOptions {
        DockerTLSOptions(tls: tls, verify: tlsVerify, caFile: caFile, certificateFile: certificateFile, keyFile: keyFile)
    }

    /// Whether any option names a daemon or its TLS.
    var isSet: Bool {
        host != nil || context != nil || tls || tlsVerify || caFile != nil || certificateFile != nil || keyFile != nil
    }
}
