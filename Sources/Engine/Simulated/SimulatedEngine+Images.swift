import ComposeModel
import DockerModel
import Foundation
import PlanModel

extension SimulatedEngine {
    // MARK: - The Engine API

    public func inspectImage(_ reference: String) async throws -> ImageInspection? {
        try await call(.inspectImage, reference) {
            let image = try Self.parseImage(reference)
            return localImage(image).map { ImageInspection(inspectAnswer($0, reference: image)) }
        }
    }

    public func distributionDigest(_ reference: String, auth: RegistryAuth?) async throws -> String {
        try await call(.inspectDistribution, reference) {
            try registryImage(try Self.parseImage(reference), action: .lookUp).digest
        }
    }

    public func pullImage(_ reference: String, auth: RegistryAuth?,
                          progress: @Sendable (PullProgress) -> Void) async throws -> PulledImage {
        let image = try Self.parseImage(reference)
        // The download is what the registry holds minus what is here already.
        let source = try? registryImage(image, action: .pull)
        let size = source.map { localImage(image)?.id == $0.id ? 0 : $0.size } ?? 0
        let transfer = configuration.latency.transfer(bytes: size)
        let layer = source.map { String($0.digest.dropFirst("sha256:".count).prefix(12)) }
        return try await call(.pullImage, reference, transfer: transfer, pacing: { fraction in
            let done = Int((Double(size) * fraction).rounded())
            progress(PullProgress(reference: reference, status: fraction < 1 ? "Downloading" : "Pull complete", layer: layer,
                                  completedBytes: done, totalBytes: size, layers: 1, completedLayers: fraction < 1 ? 0 : 1))
        }) {
            let source = try registryImage(image, action: .pull)
            let key = image.canonical
            let isNewer = localImage(image)?.id != source.id
            var tags = images[key]?.repoTags ?? []
            if !tags.contains(image.familiar), image.tag != nil { tags.append(image.familiar) }
            images[key] = SimulatedImage(id: source.id, repoTags: tags, repoDigests: ["\(image.familiarName)@\(source.digest)"],
                                         size: source.size, lastTagTime: Date(), seed: nil)
            missingImages.remove(key)
            knownImages?.insert(reference)
            return PulledImage(reference: reference, digest: source.digest, id: source.id,
                               downloadedBytes: isNewer ? source.size : 0, isNewer: isNewer)
        }
    }

    public func importImage(_ reference: String, rootFilesystem tar: [UInt8]) async throws {
        let image = try Self.parseImage(reference)
        try await call(.importImage, reference) {
            images[image.canonical] = SimulatedImage(id: "sha256:" + Self.imageID("imported \(tar.count) " + reference), repoTags: [image.familiar], repoDigests: [],
                                                     size: tar.count, lastTagTime: Date(), seed: nil)
            missingImages.remove(image.canonical)
            knownImages?.insert(reference)
        }
    }

    // MARK: - Configuring the simulation

    /// Makes `reference` present locally with these details (the ID derived
    /// from the reference when `nil`).
    public func addImage(_ reference: String, id: String? = nil, repoDigests: [String] = [], size: Int? = nil,
                         lastTagTime: Date? = nil) throws {
        let image = try Self.parseImage(reference)
        images[image.canonical] = SimulatedImage(
            id: id ?? Self.derivedImageID(image), repoTags: image.tag == nil ? [] : [image.familiar], repoDigests: repoDigests,
            size: size ?? configuration.defaultImageSize, lastTagTime: lastTagTime, seed: nil)
        missingImages.remove(image.canonical)
        knownImages?.insert(reference)
    }

    /// Makes `reference` absent locally (`docker rmi`, without the checks).
    public func removeImage(_ reference: String) throws {
        let key = try Self.parseImage(reference).canonical
        images[key] = nil
        missingImages.insert(key)
    }

    /// Puts an image in the registry under `reference` (a push), replacing
    /// what the tag pointed at.
    public func pushToRegistry(_ reference: String, _ image: SimulatedRegistryImage) throws {
        let key = try Self.parseImage(reference).canonical
        registryImages[key] = image
        registryErrors[key] = nil
    }

    /// Puts the manifest `digest` in the registry under `reference`, with
    /// the ID and size a seed snapshot's registry digest gets.
    public func holdInRegistry(_ reference: String, digest: String) throws {
        try pushToRegistry(reference, SimulatedRegistryImage(digest: digest, id: "sha256:" + Self.imageID("pulled " + digest),
                                                             size: configuration.defaultImageSize))
    }

    /// The registry's image for `reference`, `nil` when it has none.
    public func registryImage(for reference: String) -> SimulatedRegistryImage? {
        try? registryImage(Self.parseImage(reference), action: .lookUp)
    }

    // MARK: - The model

    /// `reference` parsed, or Docker's `invalid reference format` (400).
    static func parseImage(_ reference: String) throws(EngineError) -> ImageReference {
        do {
            return try ImageReference(parsing: reference)
        } catch {
            throw EngineError(status: 400, message: error.description)
        }
    }

    /// The canonical key of a reference (`nil` when it does not parse).
    static func imageKey(_ reference: String) -> String? {
        (try? ImageReference(parsing: reference))?.canonical
    }

    /// The ID an image has when nothing says which: derived from its
    /// canonical reference, so every spelling of it agrees.
    static func derivedImageID(_ image: ImageReference) -> String {
        "sha256:" + imageID(image.canonical)
    }

    /// The ID of the local image `reference` names, as containers record it.
    func currentImageID(_ reference: String) -> String {
        guard let image = try? ImageReference(parsing: reference) else { return "sha256:" + Self.imageID(reference) }
        return localImage(image)?.id ?? Self.derivedImageID(image)
    }

    /// Whether `reference` is present locally.
    func isImagePresent(_ reference: String) -> Bool {
        guard let image = try? ImageReference(parsing: reference) else { return knownImages?.contains(reference) ?? true }
        return localImage(image) != nil
    }

    /// The local image `image` names: known in detail, else (unless known
    /// to be absent) made up when `knownImages` allows it.
    func localImage(_ image: ImageReference) -> SimulatedImage? {
        let key = image.canonical
        if let known = images[key] { return known }
        guard !missingImages.contains(key) else { return nil }
        if let knownImages {
            let spellings = [image.familiar, image.canonical, image.familiarName, image.name]
            guard spellings.contains(where: knownImages.contains) else { return nil }
        }
        return SimulatedImage(id: Self.derivedImageID(image), repoTags: image.tag == nil ? [] : [image.familiar],
                              repoDigests: [], size: configuration.defaultImageSize, lastTagTime: nil, seed: nil)
    }

    /// What the registry holds for `image`, or the daemon's error.
    func registryImage(_ image: ImageReference, action: RegistryAction) throws(EngineError) -> SimulatedRegistryImage {
        let key = image.canonical
        if let error = registryErrors[key] { throw error }
        if let held = registryImages[key] { return held }
        if configuration.registryImages == nil {
            return SimulatedRegistryImage(digest: "sha256:" + Self.imageID("registry " + key), id: Self.derivedImageID(image),
                                          size: configuration.defaultImageSize)
        }
        let message = action == .pull
            ? "manifest for \(image.familiar) not found: manifest unknown: manifest unknown"
            : "manifest unknown: manifest unknown"
        throw EngineError(status: 404, message: message).explainingRegistryFailure(action, image: image, user: nil)
    }

    /// A `GET /images/{name}/json` answer.
    func inspectAnswer(_ image: SimulatedImage, reference: ImageReference) -> JSONValue {
        var answer = image.seed?.objectValue ?? [
            "Parent": "", "Comment": "", "Created": "2026-01-01T00:00:00Z", "Container": "", "DockerVersion": .string(configuration.version),
            "Author": "", "Architecture": "amd64", "Os": "linux", "GraphDriver": ["Name": "overlay2", "Data": .null],
            "RootFS": ["Type": "layers", "Layers": []],
        ]
        answer["Id"] = .string(image.id)
        answer["RepoTags"] = .array(image.repoTags.map(JSONValue.string))
        answer["RepoDigests"] = .array(image.repoDigests.map(JSONValue.string))
        answer["Size"] = .int(image.size)
        answer["VirtualSize"] = .int(image.size)
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        if image.seed == nil {
            answer["Metadata"] = ["LastTagTime": .string(image.lastTagTime.map(iso.string) ?? "0001-01-01T00:00:00Z")]
        }
        return .object(answer)
    }

    /// Adds a snapshot's `images` entries: present images with their
    /// inspect answers, absent ones as missing, registry digests and errors.
    func loadImages(_ observations: [ImageObservation]) {
        for observation in observations {
            guard let image = try? ImageReference(parsing: observation.reference) else { continue }
            let key = image.canonical
            if let inspection = observation.image {
                images[key] = SimulatedImage(id: inspection.id, repoTags: inspection.repoTags, repoDigests: inspection.repoDigests,
                                             size: inspection.size, lastTagTime: inspection.lastTagTime.flatMap { Self.date(.string($0)) },
                                             seed: inspection.json)
                missingImages.remove(key)
            } else {
                images[key] = nil
                missingImages.insert(key)
            }
            if let digest = observation.registryDigest {
                // Pulling the digest the image already has gives the same image.
                let sameAsLocal = observation.localDigest == digest
                registryImages[key] = SimulatedRegistryImage(
                    digest: digest,
                    id: sameAsLocal ? (observation.image?.id ?? Self.derivedImageID(image)) : "sha256:" + Self.imageID("pulled " + digest),
                    size: sameAsLocal ? (observation.image?.size ?? configuration.defaultImageSize) : configuration.defaultImageSize)
            } else if let error = observation.registryError {
                registryErrors[key] = EngineError(status: error.contains("no such repository or tag") ? 404 : 500, message: error)
            }
        }
    }
}

extension SimulatedEngine {
    /// Builds without a builder: the image's ID is derived from the
    /// request's content digest (context and parameters), so a build of an
    /// unchanged context gives the same ID, as a fully cached build does.
    /// The build takes `latency`'s `buildImage` time plus the context's size
    /// at the pull speed (sending it), and prints one line per Dockerfile
    /// instruction it finds in the context.
    public func buildImage(_ request: ImageBuildRequest, output: @Sendable (String) -> Void) async throws -> BuiltImage {
        let image = request.tags.first ?? ""
        let lines = Self.dockerfileSteps(in: request)
        return try await call(.buildImage, image, transfer: configuration.latency.transfer(bytes: request.context.count)) {
            guard !lines.isEmpty else {
                throw EngineError(status: 500, message: "build of image \(image) failed: Cannot locate specified Dockerfile: \(request.dockerfile)")
            }
            let id = "sha256:" + request.contentDigest
            for tag in request.tags {
                let parsed = try Self.parseImage(tag)
                images[parsed.canonical] = SimulatedImage(id: id, repoTags: [parsed.familiar], repoDigests: [],
                                                          size: request.context.count, lastTagTime: Date(), seed: nil)
                missingImages.remove(parsed.canonical)
                knownImages?.insert(tag)
            }
            let printed = lines.enumerated().map { "Step \($0.offset + 1)/\(lines.count) : \($0.element)" }
                + ["Successfully built \(id.dropFirst("sha256:".count).prefix(12))"] + request.tags.map { "Successfully tagged \($0)" }
            printed.forEach(output)
            return BuiltImage(id: id, output: printed)
        }
    }

    /// The instructions of the request's Dockerfile (read from the context tar).
    static func dockerfileSteps(in request: ImageBuildRequest) -> [String] {
        guard let text = TarReading.file(request.dockerfile, in: request.context) else { return [] }
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
    }
}

/// Reads one regular file back out of a ustar archive (the simulated
/// builder's view of a build context).
enum TarReading {
    static func file(_ path: String, in archive: [UInt8]) -> String? {
        var offset = 0
        while offset + 512 <= archive.count {
            let header = archive[offset..<(offset + 512)]
            if header.allSatisfy({ $0 == 0 }) { return nil }
            func text(_ start: Int, _ length: Int) -> String {
                let field = header[(offset + start)..<(offset + start + length)].prefix { $0 != 0 }
                return String(decoding: field, as: UTF8.self)
            }
            let prefix = text(345, 155)
            let name = prefix.isEmpty ? text(0, 100) : prefix + "/" + text(0, 100)
            let size = Int(text(124, 12).trimmingCharacters(in: .whitespaces), radix: 8) ?? 0
            let start = offset + 512
            if name == path, start + size <= archive.count {
                return String(decoding: archive[start..<(start + size)], as: UTF8.self)
            }
            offset = start + (size + 511) / 512 * 512
        }
        return nil
    }
}
