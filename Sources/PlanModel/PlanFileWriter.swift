import ComposeModel
import Foundation

/// Writes a plan file: the same bytes `JSONEncoder.prettySorted` makes of
/// `PlanFile.encode(to:)`, about ten times faster.
///
/// A plan of 10,000 services has 50,000 nodes; through Codable the nodes
/// alone cost most of a second, nearly all of it in the Codable machinery
/// rather than in the bytes. So the small fixed structs that repeat —
/// nodes, their details and resources, fingerprint entries — are written
/// member by member here, service configurations from their
/// `ServiceConfig.jsonValue` (in parallel chunks), and the rest (project,
/// options) still goes through `JSONEncoder`.
///
/// Keep this in step with the `Codable` conformances it mirrors
/// (`PlanFile`, `PlanNode`, `OperationDetails`, `PlanResource`,
/// `ContainerReference`, `StateFingerprint`): the plan file tests compare
/// its bytes with `JSONEncoder`'s for every kind of node, and check that it
/// knows every stored property of those types.
struct PlanFileWriter {
    let file: PlanFile
    /// Configurations written ahead, used where they match the file's.
    var configTexts = ServiceConfigTexts.none

    /// The stored properties of the types written member by member; a
    /// property added to one of them must be added to the writer.
    static let writtenProperties: [String: [String]] = [
        "PlanNode": ["bestEffort", "cause", "changes", "condition", "dependsOn", "details", "group", "hashWrittenBy", "id",
                     "isReplacement", "optional", "resource", "revivesContainer", "type"],
        // The large optional values are stored behind a reference (`shared…`).
        "OperationDetails": ["condition", "container", "createdBy", "digest", "hookMoment", "inheritVolumesFrom", "key",
                             "name", "networkID", "number", "service", "sharedAttachment", "sharedHook", "sharedNetwork",
                             "sharedServiceConfig", "sharedSwarm", "sharedVolume", "timeout"],
        "ContainerReference": ["id", "name"],
        "StateFingerprint": ["digest", "entries"],
        "StateFingerprint.Entry": ["configHash", "id", "kind", "name", "state"],
        "PlanFile": ["composeFiles", "createdAt", "engine", "fingerprint", "formatVersion", "nodes", "options", "project",
                     "toolVersion", "warnings"],
    ]

    func write() throws -> Data {
        try parts().data
    }

    /// The file's bytes as the parts they were written in.
    func parts() throws -> EncodedParts {
        let collected = CollectedParts()
        try write(into: collected)
        return EncodedParts(collected.parts)
    }

    /// Writes the file to `sink`, part after part; `false` when the sink
    /// refused a part. The fingerprint and the nodes (in chunks) are
    /// written on all cores and each handed over as soon as everything
    /// before it is: the sink takes the first chunks while the last
    /// are written.
    @discardableResult
    func write(into sink: any PartSink) throws -> Bool {
        let slim = file.slimmed()
        var writer = PrettyJSONWriter(capacity: 4096)
        writer.beginObject()
        writer.key("composeFiles")
        try writer.encodable(file.composeFiles)
        writer.key("createdAt")
        writer.string(file.createdAt)
        if let engine = file.engine {
            writer.key("engine")
            try writer.encodable(engine)
        }
        writer.key("fingerprint")
        // Job 0 is the fingerprint, job k the k-th chunk of nodes; each
        // goes after the writer's text before it (keys, separators).
        let chunkSize = 512
        let chunks = stride(from: 0, to: file.nodes.count, by: chunkSize).map { $0..<min($0 + chunkSize, file.nodes.count) }
        var before: [[UInt8]] = [writer.takeBytes()]
        writer.key("formatVersion")
        writer.int(file.formatVersion)
        writer.key("nodes")
        writer.beginArray()
        for _ in chunks {
            writer.beginPlacedElements()
            before.append(writer.takeBytes())
        }
        let failure = OrderedPartDelivery.run(count: chunks.count + 1, into: sink) { job in
            guard job > 0 else {
                var fingerprint = PrettyJSONWriter(depth: 1, capacity: file.fingerprint.entries.count * 300)
                Self.write(file.fingerprint, into: &fingerprint)
                return [before[0][...], fingerprint.bytes[...]]
            }
            let range = chunks[job - 1]
            var chunk = PrettyJSONWriter(depth: 1, capacity: range.count * 700)
            chunk.beginArray()
            for index in range {
                chunk.element()
                try Self.write(file.nodes[index], keepingConfig: slim.inlineConfigs.contains(index), into: &chunk)
            }
            return [before[job][...], chunk.elementsText]
        }
        switch failure {
        case .job(let error)?: throw error
        case .sink?: return false
        case nil: break
        }
        writer.endArray()
        writer.key("options")
        try writer.encodable(file.options)
        writer.key("project")
        try writer.encodable(file.project)
        writer.key("serviceConfigs")
        writer.beginObject()
        for (name, text) in Self.configTexts(slim.configs, reusing: configTexts) {
            writer.key(named: name)
            guard sink.append(writer.takeBytes()[...]), sink.append(text[...]) else { return false }
        }
        writer.endObject()
        writer.key("toolVersion")
        writer.string(file.toolVersion)
        writer.key("warnings")
        writer.beginArray()
        for warning in file.warnings {
            writer.element()
            writer.string(warning)
        }
        writer.endArray()
        writer.endObject()
        return sink.append(writer.takeBytes()[...])
    }

    /// Each configuration's JSON at the depth of a `serviceConfigs` member,
    /// by name in key order: from `written` when it holds the same
    /// configuration, else its `ServiceConfig.jsonValue` (built member by
    /// member, the value `JSONEncoder` would write) on all cores, in chunks.
    static func configTexts(_ configs: [String: ServiceConfig],
                            reusing written: ServiceConfigTexts) -> [(name: String, text: [UInt8])] {
        let names = JSONKeyOrder.sorted(configs.keys)
        let texts = names.concurrentMap { name in
            let config = configs[name]!
            return written.text(of: config) ?? ServiceConfigTexts.text(of: config)
        }
        return zip(names, texts).map { name, text in (name: name, text: text) }
    }

    static func write(_ fingerprint: StateFingerprint, into writer: inout PrettyJSONWriter) {
        writer.beginObject()
        writer.key("digest")
        writer.string(fingerprint.digest)
        writer.key("entries")
        writer.beginArray()
        for entry in fingerprint.entries {
            writer.element()
            writer.beginObject()
            writer.key("configHash")
            writer.string(entry.configHash)
            writer.key("id")
            writer.string(entry.id)
            writer.key("kind")
            writer.string(entry.kind)
            writer.key("name")
            writer.string(entry.name)
            writer.key("state")
            writer.string(entry.state)
            writer.endObject()
        }
        writer.endArray()
        writer.endObject()
    }

    /// A node as `PlanNode.encode(to:)` encodes it; its service
    /// configuration only when `keepingConfig` (one that differs from the
    /// service's entry in `serviceConfigs`).
    static func write(_ node: PlanNode, keepingConfig: Bool, into writer: inout PrettyJSONWriter) throws {
        writer.beginObject()
        writer.key("bestEffort")
        writer.bool(node.bestEffort)
        writer.key("cause")
        writer.string(node.cause)
        if let changes = node.changes {
            writer.key("changes")
            try writer.encodable(changes)
        }
        if let condition = node.condition {
            writer.key("condition")
            writer.beginObject()
            switch condition {
            case .imageChanged(let build, let unlessImage):
                writer.key("build")
                writer.int(build)
                writer.key("unlessImage")
                writer.string(unlessImage)
            case .failed(let node):
                writer.key("ifFailed")
                writer.int(node)
            }
            writer.endObject()
        }
        writer.key("dependsOn")
        writer.beginArray()
        for dependency in node.dependsOn {
            writer.element()
            writer.int(dependency)
        }
        writer.endArray()
        writer.key("details")
        try write(node.details, keepingConfig: keepingConfig, into: &writer)
        if let group = node.group {
            writer.key("group")
            writer.string(group)
        }
        if let hashWrittenBy = node.hashWrittenBy {
            writer.key("hashWrittenBy")
            writer.string(hashWrittenBy)
        }
        writer.key("id")
        writer.int(node.id)
        if node.isReplacement {
            writer.key("isReplacement")
            writer.bool(true)
        }
        writer.key("optional")
        writer.bool(node.optional)
        writer.key("resource")
        write(node.resource, into: &writer)
        if node.revivesContainer {
            writer.key("revivesContainer")
            writer.bool(true)
        }
        writer.key("type")
        writer.string(node.type.rawValue)
        writer.endObject()
    }

    /// The details as their synthesized `Codable` conformance encodes them.
    static func write(_ details: OperationDetails, keepingConfig: Bool, into writer: inout PrettyJSONWriter) throws {
        writer.beginObject()
        if let attachment = details.attachment {
            writer.key("attachment")
            try writer.encodable(attachment)
        }
        if let condition = details.condition {
            writer.key("condition")
            writer.string(condition.rawValue)
        }
        if let container = details.container {
            writer.key("container")
            write(container, into: &writer)
        }
        if let createdBy = details.createdBy {
            writer.key("createdBy")
            writer.int(createdBy)
        }
        if let digest = details.digest {
            writer.key("digest")
            writer.string(digest)
        }
        if let hook = details.hook {
            writer.key("hook")
            try writer.encodable(hook)
        }
        if let hookMoment = details.hookMoment {
            writer.key("hookMoment")
            writer.string(hookMoment.rawValue)
        }
        if let inheritVolumesFrom = details.inheritVolumesFrom {
            writer.key("inheritVolumesFrom")
            write(inheritVolumesFrom, into: &writer)
        }
        if let key = details.key {
            writer.key("key")
            writer.string(key)
        }
        if let name = details.name {
            writer.key("name")
            writer.string(name)
        }
        if let network = details.network {
            writer.key("network")
            try writer.encodable(network)
        }
        if let networkID = details.networkID {
            writer.key("networkID")
            writer.string(networkID)
        }
        if let number = details.number {
            writer.key("number")
            writer.int(number)
        }
        if let service = details.service {
            writer.key("service")
            writer.string(service)
        }
        if keepingConfig, let serviceConfig = details.serviceConfig {
            writer.key("serviceConfig")
            writer.object(serviceConfig.jsonMembers)
        }
        if let swarm = details.swarm {
            writer.key("swarm")
            try writer.encodable(swarm)
        }
        if let timeout = details.timeout {
            writer.key("timeout")
            writer.double(timeout)
        }
        if let volume = details.volume {
            writer.key("volume")
            try writer.encodable(volume)
        }
        writer.endObject()
    }

    static func write(_ container: ContainerReference, into writer: inout PrettyJSONWriter) {
        writer.beginObject()
        writer.key("id")
        writer.string(container.id)
        writer.key("name")
        writer.string(container.name)
        writer.endObject()
    }

    /// The typed form `PlanResource.encode(to:)` writes.
    static func write(_ resource: PlanResource, into writer: inout PrettyJSONWriter) {
        writer.beginObject()
        switch resource {
        case .network(let key), .volume(let key):
            writer.key("key")
            writer.string(key)
            writer.key("kind")
            writer.string(resource.family.rawValue)
        case .container(let service, let number):
            writer.key("kind")
            writer.string(resource.family.rawValue)
            writer.key("number")
            writer.int(number)
            writer.key("service")
            writer.string(service)
        case .orphan(let name), .stackService(let name), .secret(let name), .config(let name):
            writer.key("kind")
            writer.string(resource.family.rawValue)
            writer.key("name")
            writer.string(name)
        case .wait(let service, let condition):
            writer.key("condition")
            writer.string(condition.rawValue)
            writer.key("kind")
            writer.string(resource.family.rawValue)
            writer.key("service")
            writer.string(service)
        case .image(let reference):
            writer.key("kind")
            writer.string(resource.family.rawValue)
            writer.key("reference")
            writer.string(reference)
        }
        writer.endObject()
    }
}
