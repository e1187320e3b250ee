import DockerModel
import PlanModel

/// Registry names as the docker CLI compares them: `https://my.registry/v2/`,
/// `my.registry` and `http://my.registry` are one registry, and Docker Hub
/// answers to `docker.io`, `index.docker.io`, `registry-1.docker.io` and
/// `https://index.docker.io/v1/`.
public enum RegistryHost {
    /// The host (and port) of a registry name or URL: the scheme and any
    /// path dropped (the docker CLI's `ConvertToHostname`), Docker Hub's
    /// aliases turned into `docker.io`.
    public static func normalize(_ name: String) -> String {
        var host = Substring(name)
        for scheme in ["https://", "http://"] where host.hasPrefix(scheme) {
            host = host.dropFirst(scheme.count)
        }
        if let slash = host.firstIndex(of: "/") { host = host[..<slash] }
        let lowered = host.lowercased()
        return hubAliases.contains(lowered) ? ImageReference.dockerHub : String(host)
    }

    /// The key the docker CLI's configuration files use for a registry host:
    /// `https://index.docker.io/v1/` for Docker Hub, the host otherwise.
    public static func credentialKey(_ name: String) -> String {
        let host = normalize(name)
        return host == ImageReference.dockerHub ? ImageReference.dockerHubCredentialKey : host
    }

    private static let hubAliases: Set<String> = ["docker.io", "index.docker.io", "registry-1.docker.io"]
}
