import ComposeModel
import DockerModel
import Foundation
import PlanModel

extension DockerEngine {
    public func inspectImage(_ reference: String) async throws -> ImageInspection? {
        do {
            return ImageInspection(try await transport.json(.GET, path("/images/\(DockerTransport.escapeImagePath(reference))/json")))
        } catch {
            if error.kind == .notFound { return nil }
            throw error
        }
    }

    public func distributionDigest(_ reference: String, auth: RegistryAuth?) async throws -> String {
        try await distributionInspect(reference, auth: auth).digest
    }

    public func distributionInspect(_ reference: String, auth: RegistryAuth?) async throws -> DistributionAnswer {
        let image = try Self.parse(reference)
        let answer: JSONValue
        do {
            answer = try await transport.json(.GET, path("/distribution/\(DockerTransport.escapeImagePath(reference))/json"),
                                              headers: Self.authHeaders(auth))
        } catch {
            throw error.explainingRegistryFailure(.lookUp, image: image, user: auth?.username)
        }
        guard let digest = answer["Descriptor"]?["digest"]?.stringValue, !digest.isEmpty else {
            throw EngineError(kind: .invalidResponse, status: 200,
                              message: "cannot look up image \(image.familiar) in registry \(image.registry): the daemon's answer has no Descriptor.digest")
        }
        let platforms = (answer["Platforms"]?.arrayValue ?? []).map { platform -> JSONValue in
            .object(["Architecture": .string(platform["architecture"]?.stringValue ?? ""), "OS": .string(platform["os"]?.stringValue ?? "")])
        }
        return DistributionAnswer(digest: digest, platforms: platforms)
    }

    public func pullImage(_ reference: String, auth: RegistryAuth?,
                          progress: @Sendable (PullProgress) -> Void) async throws -> PulledImage {
        let image = try Self.parse(reference)
        // A digest wins over a tag, as with the docker CLI (`tag` carries either).
        let query = [("fromImage", image.name), ("tag", image.digest ?? image.tag ?? "latest")]
        var reader = PullStreamReader(reference: reference)
        do {
            try await transport.stream(.POST, path("/images/create"), query: query, headers: Self.authHeaders(auth),
                                       timeout: pullTimeout, into: &reader) { (reader: inout PullStreamReader, line: JSONValue) throws(EngineError) in
                switch reader.read(line) {
                case .success(let update): progress(update)
                case .failure(let failure): throw EngineError(status: 500, message: failure.message)
                }
            }
        } catch {
            throw error.explainingRegistryFailure(.pull, image: image, user: auth?.username)
        }
        guard let digest = reader.digest else {
            throw EngineError(kind: .invalidResponse, status: 200,
                              message: "cannot pull image \(image.familiar) from registry \(image.registry): the daemon's progress stream named no digest")
        }
        guard let inspection = try await inspectImage(image.digest == nil ? reference : "\(image.familiarName)@\(digest)") else {
            throw EngineError(kind: .invalidResponse, status: 404,
                              message: "the daemon pulled image \(image.familiar) (\(digest)) but does not list it")
        }
        return PulledImage(reference: reference, digest: digest, id: inspection.id, downloadedBytes: reader.downloadedBytes,
                           isNewer: reader.isNewer)
    }

    /// `reference` parsed, or the daemon's `invalid reference format` error.
    static func parse(_ reference: String) throws(EngineError) -> ImageReference {
        do {
            return try ImageReference(parsing: reference)
        } catch {
            throw .invalidRequest(error.description)
        }
    }

    static func authHeaders(_ auth: RegistryAuth?) -> [(String, String)] {
        auth.map { [("X-Registry-Auth", $0.headerValue)] } ?? []
    }
}

extension DockerEngine {
    public func importImage(_ reference: String, rootFilesystem tar: [UInt8]) async throws {
        let parsed = try ImageReference(parsing: reference)
        let tag = parsed.tag ?? "latest"
        // The repository as written, without its tag.
        let repository = reference.hasSuffix(":" + tag) ? String(reference.dropLast(tag.count + 1)) : reference
        _ = try await transport.send(.POST, path("/images/create"), query: [("fromSrc", "-"), ("repo", repository), ("tag", tag)],
                                     raw: tar, contentType: "application/x-tar")
    }

    public func buildImage(_ request: ImageBuildRequest, output: @Sendable (String) -> Void) async throws -> BuiltImage {
        let image = request.tags.first ?? ""
        var headers: [(String, String)] = []
        if !request.registryConfig.isEmpty {
            headers.append(("X-Registry-Config", RegistryAuth.registryConfigHeader(request.registryConfig)))
        }
        var reader = BuildStreamReader()
        do {
            try await transport.stream(.POST, path("/build"), query: request.query, headers: headers, raw: request.context,
                                       contentType: "application/x-tar", timeout: pullTimeout,
                                       into: &reader) { (reader: inout BuildStreamReader, line: JSONValue) throws(EngineError) in
                switch reader.read(line) {
                case .success(let lines): lines.forEach(output)
                case .failure(let failure): throw EngineError(status: 500, message: failure.describe(image: image))
                }
            }
        } catch {
            if error.message.hasPrefix("build of image") { throw error }
            throw EngineError(kind: error.kind, status: error.status, message: "build of image \(image) failed: \(error.message)")
        }
        guard let id = reader.id else {
            throw EngineError(kind: .invalidResponse, status: 200, message: "build of image \(image): the daemon's output named no image ID")
        }
        return BuiltImage(id: id, output: reader.lines)
    }
}
