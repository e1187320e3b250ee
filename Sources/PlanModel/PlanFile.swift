import ComposeModel
import Foundation

/// The self-contained plan file written by `plan -o` and read by `apply`,
/// `render` and `report`: the plan plus everything needed to execute it and
/// to tell whether it is stale, with no compose file at hand.
public struct PlanFile: Codable, Hashable, Sendable {
    /// 2: typed resources and explicit node flags. 1 (still read):
    /// resources as text, flags implied by causes.
    public static let currentFormatVersion = 2
    /// The versions `read` accepts.
    public static let readableFormatVersions: ClosedRange<Int> = 1...2

    public var formatVersion: Int
    public var toolVersion: String
    /// When the plan was made (ISO 8601, UTC).
    public var createdAt: String
    public var project: ProjectContext
    /// SHA-256 of each compose file, by absolute path.
    public var composeFiles: [String: String]
    public var options: PlanOptions
    /// The engine the observed state came from (`GET /version`), if known.
    public var engine: EngineIdentity?
    /// The observed state the plan was computed from.
    public var fingerprint: StateFingerprint
    public var nodes: [PlanNode]
    public var warnings: [String]

    public init(toolVersion: String, createdAt: Date = Date(), project: ProjectContext, composeFiles: [String: String],
                options: PlanOptions, engine: EngineIdentity?, fingerprint: StateFingerprint, plan: Plan) {
        formatVersion = Self.currentFormatVersion
        self.toolVersion = toolVersion
        self.createdAt = ISO8601DateFormatter().string(from: createdAt)
        self.project = project
        self.composeFiles = composeFiles
        self.options = options
        self.engine = engine
        self.fingerprint = fingerprint
        nodes = plan.nodes
        warnings = plan.warnings
    }

    /// The plan itself.
    public var plan: Plan { Plan(nodes: nodes, warnings: warnings) }

    enum CodingKeys: String, CodingKey {
        case formatVersion, toolVersion, createdAt, project, composeFiles, options, engine, fingerprint, nodes, warnings
        case serviceConfigs
    }

    /// Every replica of a service is created from the same configuration, so
    /// the file holds each service's configuration once (`serviceConfigs`)
    /// and its CreateContainer nodes refer to it by service name.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(formatVersion, forKey: .formatVersion)
        try container.encode(toolVersion, forKey: .toolVersion)
        try container.encode(createdAt, forKey: .createdAt)
        try container.encode(project, forKey: .project)
        try container.encode(composeFiles, forKey: .composeFiles)
        try container.encode(options, forKey: .options)
        try container.encodeIfPresent(engine, forKey: .engine)
        try container.encode(fingerprint, forKey: .fingerprint)
        try container.encode(warnings, forKey: .warnings)
        let slim = slimmed()
        var slimNodes = nodes
        for index in slimNodes.indices where !slim.inlineConfigs.contains(index) {
            slimNodes[index].details.serviceConfig = nil
        }
        try container.encode(slim.configs, forKey: .serviceConfigs)
        try container.encode(slimNodes, forKey: .nodes)
    }

    /// The configurations the file holds once, by service name (the first
    /// one seen of each service), and the indices of the nodes whose
    /// configuration differs from its service's and so stays inline.
    func slimmed() -> (configs: [String: ServiceConfig], inlineConfigs: Set<Int>) {
        var configs: [String: ServiceConfig] = [:]
        var inline: Set<Int> = []
        for index in nodes.indices {
            guard let config = nodes[index].details.serviceConfig else { continue }
            if let existing = configs[config.name] {
                if existing != config { inline.insert(index) }
                continue
            }
            configs[config.name] = config
        }
        return (configs, inline)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        formatVersion = try container.decode(Int.self, forKey: .formatVersion)
        toolVersion = try container.decode(String.self, forKey: .toolVersion)
        createdAt = try container.decode(String.self, forKey: .createdAt)
        project = try container.decode(ProjectContext.self, forKey: .project)
        composeFiles = try container.decode([String: String].self, forKey: .composeFiles)
        options = try container.decode(PlanOptions.self, forKey: .options)
        engine = try container.decodeIfPresent(EngineIdentity.self, forKey: .engine)
        fingerprint = try container.decode(StateFingerprint.self, forKey: .fingerprint)
        warnings = try container.decodeIfPresent([String].self, forKey: .warnings) ?? []
        nodes = try container.decode([PlanNode].self, forKey: .nodes)
        let configs = try container.decodeIfPresent([String: ServiceConfig].self, forKey: .serviceConfigs) ?? [:]
        for index in nodes.indices where nodes[index].type == .createContainer && nodes[index].details.serviceConfig == nil {
            if let service = nodes[index].details.service { nodes[index].details.serviceConfig = configs[service] }
        }
        if formatVersion == 1 { upgradeVersion1Nodes() }
    }

    /// Version 1 files carried no node flags: the reconciler of that version
    /// said through the cause what version 2 says with a flag. This is the
    /// one place, outside the text format, that reads a cause.
    private mutating func upgradeVersion1Nodes() {
        for index in nodes.indices {
            let node = nodes[index]
            nodes[index].isReplacement = node.type == .createContainer && node.cause.hasSuffix("(tmpName)")
            nodes[index].revivesContainer = node.type == .startContainer && node.cause == "not running"
        }
        formatVersion = Self.currentFormatVersion
    }

    /// Why a plan file could not be read.
    public struct ReadError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Reads and checks a plan file.
    public static func read(from data: Data, path: String) throws(ReadError) -> PlanFile {
        let file: PlanFile
        do {
            file = try JSONDecoder().decode(PlanFile.self, from: data)
        } catch let error as DecodingError {
            throw ReadError(description: "\(path): not a composeplan plan file: \(Self.describe(error))")
        } catch {
            throw ReadError(description: "\(path): not a composeplan plan file: \(error)")
        }
        guard file.formatVersion == currentFormatVersion else {
            throw ReadError(description: "\(path): plan format version \(file.formatVersion) is not supported (expected \(readableFormatVersions.lowerBound) to \(currentFormatVersion))")
        }
        do {
            try file.plan.validate()
        } catch {
            throw ReadError(description: "\(path): corrupt plan: \(error.message)")
        }
        return file
    }

    /// Pretty, key-sorted JSON: the bytes `JSONEncoder.prettySorted` makes
    /// of this file, written by `PlanFileWriter` (much faster). The
    /// service configurations in `configTexts` that match the file's are
    /// taken as written there; the bytes are the same without them.
    public func encoded(configTexts: ServiceConfigTexts = .none) throws -> Data {
        try PlanFileWriter(file: self, configTexts: configTexts).write()
    }

    /// The bytes of ``encoded(configTexts:)`` as the parts they were
    /// written in.
    func encodedParts(configTexts: ServiceConfigTexts = .none) throws -> EncodedParts {
        try PlanFileWriter(file: self, configTexts: configTexts).parts()
    }

    /// Writes the bytes of ``encoded(configTexts:)`` to the open file
    /// `descriptor`, each part as soon as it and those before it are
    /// written (the file is written while its last nodes are encoded);
    /// `false` when a write failed (`errno` says why).
    public func write(to descriptor: Int32, configTexts: ServiceConfigTexts = .none) throws -> Bool {
        let file = DescriptorPartWriter(descriptor: descriptor)
        return try PlanFileWriter(file: self, configTexts: configTexts).write(into: file) && file.flush()
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            let components = context.codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
            let joined = components.joined()
            return joined.isEmpty ? "the top level" : String(joined.drop(while: { $0 == "." }))
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing \"\(key.stringValue)\" at \(path(context))"
        case .typeMismatch(_, let context): return "wrong type at \(path(context))"
        case .valueNotFound(_, let context): return "missing value at \(path(context))"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "invalid JSON" : "invalid value at \(path(context))"
        @unknown default: return "\(error)"
        }
    }
}

/// Which engine a state came from or a run executed on.
public struct EngineIdentity: Codable, Hashable, Sendable {
    /// `docker` or `simulated`.
    public var kind: String
    /// The daemon address (`unix:///var/run/docker.sock`), if any.
    public var host: String?
    public var version: String?
    public var apiVersion: String?

    public init(kind: String, host: String? = nil, version: String? = nil, apiVersion: String? = nil) {
        self.kind = kind
        self.host = host
        self.version = version
        self.apiVersion = apiVersion
    }

    /// One line: `docker 20.10.24 (API 1.41) at unix:///…`.
    public var summary: String {
        var text = kind
        if let version { text += " \(version)" }
        if let apiVersion { text += " (API \(apiVersion))" }
        if let host { text += " at \(host)" }
        return text
    }
}

extension PlanFile {
    /// The plan file as it may be printed (`plan`/`show --format json`): the
    /// values of `content:` and `environment:` secrets and configs left out.
    /// The file `plan -o` writes keeps them, as `apply` needs them.
    /// The plan file with the values of the services' environment
    /// variables withheld (`null`; the keys stay): what `plan --format
    /// json` prints unless `--show-values`. Such a copy cannot create the
    /// containers as planned; save a plan to apply with `plan -o`.
    public var withoutEnvironmentValues: PlanFile {
        var copy = self
        for index in copy.nodes.indices where copy.nodes[index].details.serviceConfig != nil {
            copy.nodes[index].details.serviceConfig!.environment = copy.nodes[index].details.serviceConfig!.environment.mapValues { _ in nil }
        }
        return copy
    }

    public var withoutSecretValues: PlanFile {
        var copy = self
        for key in copy.project.secrets.keys {
            copy.project.secrets[key]?.content = nil
            copy.project.secrets[key]?.environmentValue = nil
        }
        for key in copy.project.configs.keys {
            copy.project.configs[key]?.content = nil
            copy.project.configs[key]?.environmentValue = nil
        }
        return copy
    }
}
