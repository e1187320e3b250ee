import ComposeModel
import Foundation

/// Everything `POST /build` (the classic builder, API 1.41) needs for one
/// image: the context as a tar stream and the query parameters, built in
/// advance so the real and the simulated engine receive the same request.
public struct ImageBuildRequest: Hashable, Sendable {
    /// The names to tag the image with: its own name first, then `tags`.
    public var tags: [String]
    /// The build context (a tar archive), with an inline Dockerfile added.
    public var context: [UInt8]
    /// The Dockerfile's path inside the context.
    public var dockerfile: String
    /// `POST /build`'s query parameters other than `t` and `dockerfile`.
    public var parameters: [(String, String)]
    /// Registry credentials for the base images, by registry (`X-Registry-Config`).
    public var registryConfig: [String: RegistryAuth]

    /// The name of the inline Dockerfile written into the context.
    public static let inlineDockerfileName = ".composeplan-inline.Dockerfile"

    /// The request for building `image` from `build`.
    ///
    /// - Throws: `BuildContextError` when the context cannot be read.
    public init(image: String, build: BuildConfig, registryConfig: [String: RegistryAuth] = [:]) throws(BuildContextError) {
        var context = BuildContext(directory: build.context, dockerfile: build.dockerfile)
        var entries = try context.entries()
        if let inline = build.dockerfileInline {
            context.dockerfile = Self.inlineDockerfileName
            entries.removeAll { $0.path == Self.inlineDockerfileName }
            entries.append(TarArchive.Entry(path: Self.inlineDockerfileName, kind: .file(Array(inline.utf8)), mode: 0o644))
        }
        do {
            self.context = try TarArchive.archive(entries: entries)
        } catch {
            throw BuildContextError(directory: build.context, reason: error.description)
        }
        tags = [image] + build.tags.filter { $0 != image }
        dockerfile = context.dockerfile
        self.registryConfig = registryConfig
        var parameters: [(String, String)] = [("rm", "1"), ("forcerm", "1")]
        let args = build.args.compactMapValues { $0 }
        if !args.isEmpty { parameters.append(("buildargs", Self.json(.object(args.mapValues(JSONValue.string))))) }
        if let target = build.target { parameters.append(("target", target)) }
        if !build.labels.isEmpty { parameters.append(("labels", Self.json(.object(build.labels.mapValues(JSONValue.string))))) }
        if let network = build.network { parameters.append(("networkmode", network)) }
        for host in build.extraHosts { parameters.append(("extrahosts", host)) }
        if let shmSize = build.shmSize { parameters.append(("shmsize", String(shmSize))) }
        if build.noCache { parameters.append(("nocache", "1")) }
        if build.pull { parameters.append(("pull", "1")) }
        if !build.cacheFrom.isEmpty { parameters.append(("cachefrom", Self.json(.array(build.cacheFrom.map(JSONValue.string))))) }
        self.parameters = parameters
    }

    /// The whole query: `t` for each tag, `dockerfile`, then the parameters.
    public var query: [(String, String)] {
        tags.map { ("t", $0) } + [("dockerfile", dockerfile)] + parameters
    }

    /// A digest of what decides the built image (context and parameters):
    /// the simulated engine derives the image ID from it.
    public var contentDigest: String {
        var bytes = context
        for (key, value) in query { bytes += Array("\(key)=\(value)\n".utf8) }
        return SHA256Hex.digest(of: bytes)
    }

    private static func json(_ value: JSONValue) -> String {
        String(decoding: (try? JSONEncoder.sortedCompact.encode(value)) ?? Data("{}".utf8), as: UTF8.self)
    }

    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.tags == rhs.tags && lhs.context == rhs.context && lhs.dockerfile == rhs.dockerfile
            && lhs.parameters.map { [$0.0, $0.1] } == rhs.parameters.map { [$0.0, $0.1] } && lhs.registryConfig == rhs.registryConfig
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(tags)
        hasher.combine(context)
        hasher.combine(dockerfile)
    }
}

/// What a finished build gave.
public struct BuiltImage: Hashable, Sendable {
    /// The image's ID (`sha256:…`).
    public var id: String
    /// The build's output, line by line.
    public var output: [String]

    public init(id: String, output: [String]) {
        self.id = id
        self.output = output
    }
}
