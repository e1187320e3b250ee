import ComposeModel
@testable import DockerModel
import Foundation
@testable import PlanModel
import TestSupport
import Testing

@Suite("Writing plan files without Codable")
struct PlanFileWriterTests {
    static let hostile = ["quote \" and back\\slash / slash", "control \u{0}\u{1}\u{8}\u{C}\n\r\t\u{1F}\u{7F}", "é e\u{301} 😀 中文",
                          "", "[1,2]"]

    static func config(_ name: String, image: String) -> ServiceConfig {
        var config = ServiceConfig(name: name)
        config.image = image
        config.environment = ["MODE": "prod", "UNSET": nil, hostile[0]: hostile[1]]
        config.labels = [hostile[2]: hostile[0], "tier": "front"]
        config.command = ["sh", "-c", hostile[1]]
        config.networks = ["default": ServiceNetworkAttachment()]
        config.otherFields = ["cpus": .double(1.5), "mem_limit": "512m", "x-flags": [true, .null, 3]]
        config.stopGracePeriod = ComposeDuration(seconds: 2.5)
        return config
    }

    /// Every resource kind, every detail field, both flags, optional and
    /// best-effort nodes, groups, and two configurations of one service
    /// (the second stays inline), with hostile strings throughout.
    static var plan: Plan {
        var attachment = ServiceNetworkAttachment()
        attachment.aliases = ["web", hostile[0]]
        attachment.priority = 3
        attachment.ipv4Address = "10.0.0.5"
        var network = NetworkConfig(name: "p_\(hostile[1])")
        network.internal = true
        let web = config("web", image: "nginx:1.27")
        var webChanged = web
        webChanged.image = "nginx:1.28"
        let reference = ContainerReference(id: String(repeating: "a", count: 64), name: "p-web-1")
        return Plan(nodes: [
            PlanNode(id: 1, type: .createNetwork, resource: .network(key: "default"), cause: "not found",
                     details: OperationDetails(name: "p_default", key: "default", network: network)),
            PlanNode(id: 2, type: .createVolume, resource: .volume(key: hostile[2]), cause: hostile[1],
                     details: OperationDetails(name: "p_data", key: hostile[2], volume: VolumeConfig(name: "p_data", driver: hostile[0]))),
            PlanNode(id: 3, type: .createContainer, resource: .container(service: "web", number: 1), cause: "config changed (tmpName)",
                     group: "recreate:web:1", dependsOn: [1, 2], isReplacement: true,
                     details: OperationDetails(service: "web", number: 1, name: "p-web-1_tmp", serviceConfig: web,
                                               inheritVolumesFrom: reference)),
            PlanNode(id: 4, type: .createContainer, resource: .container(service: "web", number: 2), cause: "no existing container",
                     dependsOn: [1], details: OperationDetails(service: "web", number: 2, name: "p-web-2", serviceConfig: webChanged)),
            PlanNode(id: 5, type: .stopContainer, resource: .container(service: "web", number: 1), cause: "replaced by #3",
                     group: hostile[0], dependsOn: [3], details: OperationDetails(service: "web", number: 1, container: reference,
                                                                                  timeout: 10)),
            PlanNode(id: 6, type: .connectNetwork, resource: .orphan(name: hostile[1]), cause: "network default recreate",
                     dependsOn: [1, 5], bestEffort: true,
                     details: OperationDetails(name: "p_default", key: "default", container: reference, attachment: attachment)),
            PlanNode(id: 7, type: .startContainer, resource: .container(service: "web", number: 1), cause: "not running",
                     dependsOn: [3], revivesContainer: true, details: OperationDetails(service: "web", number: 1, createdBy: 3)),
            PlanNode(id: 8, type: .waitCondition, resource: .wait(service: "web", condition: .healthy),
                     cause: "dependency web must be service_healthy", dependsOn: [7], optional: true,
                     details: OperationDetails(service: "web", condition: .healthy, timeout: 0.1)),
            PlanNode(id: 9, type: .createContainer, resource: .image(reference: "nginx:\(hostile[2])"), cause: "pull",
                     condition: .imageChanged(build: 4, unlessImage: "sha256:\(hostile[0])"), details: OperationDetails(digest: hostile[1])),
            PlanNode(id: 10, type: .removeContainer, resource: .stackService(name: "stack_web"), cause: "", dependsOn: [9],
                     details: OperationDetails(timeout: 1e-7)),
            PlanNode(id: 11, type: .buildImage, resource: .image(reference: "app"), cause: "not present (if pull fails)",
                     dependsOn: [10], condition: .failed(node: 10)),
            PlanNode(id: 12, type: .createContainer, resource: .container(service: "web", number: 2), cause: "config changed (tmpName)",
                     changes: [FieldChange(field: "environment.\(hostile[0])", kind: .changed),
                               FieldChange(field: "image", from: hostile[1], to: nil)],
                     hashWrittenBy: "docker-compose \(hostile[2])"),
        ], warnings: hostile)
    }

    static func file(_ plan: Plan = plan, engine: EngineIdentity? = EngineIdentity(kind: "docker", host: "unix:///run/d.sock",
                                                                                 version: "27.0", apiVersion: "1.46")) -> PlanFile {
        var context = ProjectContext(name: "p", workingDirectory: "/srv/\(hostile[2])", configFiles: ["/srv/p/compose.yaml"])
        context.networks = ["default": NetworkConfig(name: "p_default")]
        context.volumes = ["data": VolumeConfig(name: "p_data")]
        let fingerprint = StateFingerprint(entries: [
            .init(kind: "container", id: "abc", name: hostile[0], state: "running", configHash: hostile[1]),
            .init(kind: "network", id: "def", name: "p_default"), .init(kind: "volume", id: hostile[2], name: hostile[2]),
        ])
        return PlanFile(toolVersion: "test \(hostile[0])", createdAt: Date(timeIntervalSince1970: 1_767_225_600), project: context,
                        composeFiles: ["/srv/p/compose.yaml": "abc", hostile[1]: ""], options: PlanOptions(removeOrphans: true, waitTimeout: 2.5),
                        engine: engine, fingerprint: fingerprint, plan: plan)
    }

    @Test("The same bytes as JSONEncoder, for every node kind and detail field, and the file reads back equal")
    func sameBytesAsJSONEncoder() throws {
        for file in [Self.file(), Self.file(engine: nil), Self.file(Plan())] {
            let written = try file.encoded()
            let expected = try JSONEncoder.prettySorted.encode(file)
            #expect(String(decoding: written, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
            let read = try PlanFile.read(from: written, path: "plan.json")
            #expect(read == file)
        }
    }

    @Test("Each service configuration is stored once; one that differs stays inline")
    func configurationsOnce() throws {
        let object = try #require(try JSONSerialization.jsonObject(with: try Self.file().encoded()) as? [String: Any])
        #expect((object["serviceConfigs"] as? [String: Any])?.keys.sorted() == ["web"])
        let nodes = try #require(object["nodes"] as? [[String: Any]])
        let inline = nodes.map { (($0["details"] as? [String: Any])?["serviceConfig"] as? [String: Any])?["image"] as? String }
        #expect(inline == [nil, nil, nil, "nginx:1.28", nil, nil, nil, nil, nil, nil, nil, nil])
    }

    @Test("Many services: configurations and nodes encoded in parallel chunks land under their own names, in order")
    func manyConfigurations() throws {
        // 1,300 nodes: three chunks of nodes, spliced.
        let nodes = (1...1_300).map { index in
            PlanNode(id: index, type: .createContainer, resource: .container(service: "s\(index)", number: 1), cause: "no existing container",
                     details: OperationDetails(service: "s\(index)", number: 1, serviceConfig: Self.config("s\(index)", image: "i\(index)")))
        }
        let file = Self.file(Plan(nodes: nodes))
        #expect(try file.encoded() == (try JSONEncoder.prettySorted.encode(file)))
        #expect(try PlanFile.read(from: try file.encoded(), path: "plan.json") == file)
    }

    @Test("The parts, and the file written as they are encoded, are the encoded bytes, large parts and runs of small ones alike")
    func partsToFile() throws {
        // 3,000 nodes with long causes: node chunks written as they are, and
        // 3,000 small configuration texts with the keys between them,
        // gathered first.
        let cause = String(repeating: "no existing container ", count: 40)
        let nodes = (1...3_000).map { index in
            PlanNode(id: index, type: .createContainer, resource: .container(service: "s\(index)", number: 1), cause: cause,
                     details: OperationDetails(service: "s\(index)", number: 1, serviceConfig: Self.config("s\(index)", image: "i\(index)")))
        }
        let file = Self.file(Plan(nodes: nodes))
        let parts = try file.encodedParts()
        let expected = try file.encoded()
        #expect(parts.count == expected.count)
        #expect(parts.parts.count > 6_000)
        #expect(parts.parts.contains { $0.count >= DescriptorPartWriter.directWriteSize })
        #expect(parts.data == expected)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("parts-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(EncodedParts().data.isEmpty)
        // Written to a file as encoded, chunk after chunk: the same bytes,
        // and a descriptor that cannot be written reports it.
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(descriptor >= 0)
        #expect(try file.write(to: descriptor))
        close(descriptor)
        #expect(FileManager.default.contents(atPath: path) == expected)
        let readOnly = open(path, O_RDONLY)
        defer { close(readOnly) }
        #expect(try !file.write(to: readOnly))
    }

    @Test("Configurations written ahead give the same bytes: taken where they match, ignored where they differ or are missing")
    func configurationsWrittenAhead() throws {
        let file = Self.file()
        let expected = try JSONEncoder.prettySorted.encode(file)
        let web = Self.config("web", image: "nginx:1.27")
        var stale = web
        stale.image = "nginx:0.1"
        let written: [ServiceConfigTexts] = [
            ServiceConfigTexts([web]), ServiceConfigTexts([web, Self.config("other", image: "x")]),
            ServiceConfigTexts([stale]), ServiceConfigTexts([]), .none,
        ]
        for texts in written {
            #expect(String(decoding: try file.encoded(configTexts: texts), as: UTF8.self) == String(decoding: expected, as: UTF8.self))
        }
        #expect(ServiceConfigTexts([web]).text(of: web) == ServiceConfigTexts.text(of: web))
        #expect(ServiceConfigTexts([stale]).text(of: web) == nil)
    }

    @Test("The writer knows every stored property of the types it writes by hand")
    func coversEveryProperty() {
        func properties(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label).sorted() }
        let written = PlanFileWriter.writtenProperties
        #expect(properties(PlanFormatTests.plan.nodes[0]) == written["PlanNode"])
        #expect(properties(OperationDetails()) == written["OperationDetails"])
        #expect(properties(ContainerReference(id: "", name: "")) == written["ContainerReference"])
        #expect(properties(StateFingerprint(entries: [])) == written["StateFingerprint"])
        #expect(properties(StateFingerprint.Entry(kind: "", id: "", name: "")) == written["StateFingerprint.Entry"])
        #expect(properties(Self.file()) == written["PlanFile"])
        #expect(PlanResource.Family.allCases.count == 9, "a new resource kind needs its case in PlanFileWriter.write(_:PlanResource)")
    }

    @Test("Operation details encode and decode every stored property (their Codable is written by hand)")
    func detailsCodableCoversEveryProperty() throws {
        let reference = ContainerReference(id: "c1", name: "p-web-1")
        var attachment = ServiceNetworkAttachment()
        attachment.aliases = ["web"]
        let details = OperationDetails(service: "web", number: 1, name: "p-web-1", key: "default", container: reference, createdBy: 2,
                                       serviceConfig: Self.config("web", image: "nginx"), inheritVolumesFrom: reference,
                                       network: NetworkConfig(name: "p_default"), volume: VolumeConfig(name: "p_data"),
                                       attachment: attachment, condition: .healthy, timeout: 3,
                                       hook: ServiceHook(command: ["true"]), hookMoment: .postStart, digest: "sha256:1",
                                       networkID: "n1", swarm: SwarmDetails(replicas: 2))
        let encoded = try JSONEncoder.prettySorted.encode(details)
        let keys = try #require(try JSONSerialization.jsonObject(with: encoded) as? [String: Any]).keys.sorted()
        let stored = Mirror(reflecting: details).children.compactMap(\.label)
            .map { $0.hasPrefix("shared") ? $0.dropFirst(6).prefix(1).lowercased() + $0.dropFirst(7) : $0 }.sorted()
        #expect(keys == stored)
        #expect(try JSONDecoder().decode(OperationDetails.self, from: encoded) == details)
        // Absent fields stay absent, both ways.
        let bare = try JSONEncoder.prettySorted.encode(OperationDetails(service: "web"))
        #expect(String(decoding: bare, as: UTF8.self) == "{\n  \"service\" : \"web\"\n}")
        #expect(try JSONDecoder().decode(OperationDetails.self, from: bare) == OperationDetails(service: "web"))
    }
}

@Suite("Reading snapshots without Codable")
struct SnapshotFastReadingTests {
    @Test("Every example snapshot reads the same through the fast path as through JSONDecoder")
    func examples() throws {
        for name in ["drifted", "fresh", "healthchecks"] {
            let data = try Data(contentsOf: URL(fileURLWithPath: CommandRunner.repositoryRoot + "/examples/\(name)/snapshot.json"))
            let fast = try #require(Snapshot(fastReading: data), "\(name)")
            #expect(fast == (try JSONDecoder().decode(Snapshot.self, from: data)), "\(name)")
        }
    }

    @Test("Shapes that are not a snapshot's go to JSONDecoder, which reports them", arguments: [
        "[]", #"{"containers": {}}"#, #"{"containers": [1]}"#, #"{"networks": "x"}"#, #"{"volumes": [[]]}"#, "{",
    ])
    func declined(text: String) {
        #expect(Snapshot(fastReading: Data(text.utf8)) == nil)
        #expect(throws: (any Error).self) { try Snapshot.decode(Data(text.utf8)) }
    }

    @Test("Missing and null members, and an engine, read as JSONDecoder reads them", arguments: [
        "{}", #"{"containers": null, "engine": null}"#, #"{"engine": {"Version": "27.0"}, "volumes": [], "extra": 1}"#,
        #"{"containers": [{"Id": "a", "Labels": {"com.docker.compose.project": "p"}}], "networks": [{}]}"#,
    ])
    func shapes(text: String) throws {
        let fast = try #require(Snapshot(fastReading: Data(text.utf8)))
        #expect(fast == (try JSONDecoder().decode(Snapshot.self, from: Data(text.utf8))))
    }
}
