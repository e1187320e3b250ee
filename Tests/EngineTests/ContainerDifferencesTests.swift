import ComposeModel
import Engine
import Foundation
import PlanModel
import TestSupport
import Testing

/// The creation request compared with an inspect answer, family by
/// family, with the daemon's defaults and other tools' spellings
/// normalised away.
@Suite("Field-by-field differences")
struct ContainerDifferencesTests {
    static let folder = CommandRunner.repositoryRoot + "/Tests/Fixtures/inspect"

    /// The request composeplan builds for replica 1 of `service` in `yaml`.
    static func request(_ yaml: String, service: String = "web", directory: String? = nil) throws -> (ContainerCreateRequest, Project) {
        let project: Project
        if let directory {
            project = try ProjectLoader().load(LoadOptions(projectName: "demo", environment: [:], currentDirectory: directory))
        } else {
            project = try ProjectFixture.load(yaml)
        }
        let config = try #require(project.services[service])
        let request = try ContainerCreateRequest(service: config, project: ProjectContext(project: project), number: 1,
                                                 name: project.containerName(service: config, number: 1), configHash: "")
        return (request, project)
    }

    /// docker-compose 1.29.2's container, as its inspect answer stands in the fixture.
    static func composeV1Inspection() throws -> JSONValue {
        let text = try String(contentsOfFile: folder + "/docker-compose-1.29.2-web.json", encoding: .utf8)
        return try JSONValueParser.parse(Data(text.replacingOccurrences(of: "WORKDIR", with: folder).utf8))
    }

    static func changes(_ request: ContainerCreateRequest, _ inspection: JSONValue, image: JSONValue? = nil,
                        showValues: Bool = false) -> [String] {
        ContainerDifferences.changes(request: request, inspection: inspection, image: image,
                                     networkKeys: ["demo_front": "front", "demo_default": "default"],
                                     showValues: showValues).map(\.description)
    }

    /// `inspection` with `edit` applied to its object at `path`.
    static func edited(_ inspection: JSONValue, _ path: [String], _ edit: (inout [String: JSONValue]) -> Void) -> JSONValue {
        guard case .object(var object) = inspection else { return inspection }
        guard let first = path.first else {
            edit(&object)
            return .object(object)
        }
        object[first] = edited(object[first] ?? .object([:]), Array(path.dropFirst()), edit)
        return .object(object)
    }

    @Test("A container docker-compose 1.29.2 created from the same file differs in no field (Binds vs Mounts, Config.Volumes, aliases, daemon defaults)")
    func composeV1Container() throws {
        let (request, _) = try Self.request("", directory: Self.folder)
        #expect(Self.changes(request, try Self.composeV1Inspection()) == [])
    }

    @Test("What the simulated engine creates from a request inspects back to no difference")
    func simulatedRoundTrip() async throws {
        let (request, _) = try Self.request("", directory: Self.folder)
        let engine = await SimulatedEngine()
        try await engine.createNetwork(NetworkCreateRequest(name: "demo_front", body: ["Name": "demo_front"]))
        let id = try await engine.createContainer(request)
        let inspection = try await engine.inspectContainer(id)
        #expect(Self.changes(request, inspection.json) == [])
    }

    @Test("Each family names exactly the field that differs", arguments: [
        ("image: composeplan-test/busybox", "image: composeplan-test/busybox:v2",
         "image: composeplan-test/busybox → composeplan-test/busybox:v2"),
        ("DB_PASSWORD: hunter2", "DB_PASSWORD: hunter3", "environment.DB_PASSWORD changed"),
        ("      MODE: prod\n", "      MODE: prod\n      EXTRA: \"1\"\n", "environment.EXTRA added"),
        ("\"18080:80\"", "\"18081:80\"", "ports: 18080:80/tcp → 18081:80/tcp"),
        ("mem_limit: 64m", "mem_limit: 128m", "mem_limit: 64m → 128m"),
        ("./conf:/conf:ro", "./conf:/conf", "volumes: WORKDIR/conf:/conf:ro → WORKDIR/conf:/conf"),
        ("aliases: [www]", "aliases: [www, w3]", "networks.front.aliases: web, www → w3, web, www"),
        ("interval: 30s", "interval: 10s", "healthcheck.interval: 30s → 10s"),
        ("restart: unless-stopped", "restart: always", "restart: unless-stopped → always"),
        ("cap_add: [NET_ADMIN]", "cap_add: [NET_ADMIN, SYS_TIME]", "cap_add: NET_ADMIN → NET_ADMIN, SYS_TIME"),
        ("org.example.team: web", "org.example.team: api", "labels.org.example.team changed"),
        ("command: [\"sleep\", \"3600\"]", "command: [\"sleep\", \"60\"]", "command: [sleep, 3600] → [sleep, 60]"),
        ("init: true", "init: false", "init: removed true"),
    ])
    func oneField(from: String, to: String, expected: String) throws {
        let yaml = try String(contentsOfFile: Self.folder + "/compose.yaml", encoding: .utf8)
        #expect(yaml.contains(from), "the fixture's compose file lacks \(from)")
        let directory = try TemporaryDirectory(prefix: "differences")
        defer { directory.remove() }
        try directory.write("compose.yaml", yaml.replacingOccurrences(of: from, with: to))
        let (request, _) = try Self.request("", directory: directory.path)
        // The inspected container's bind lives in the fixture's folder: move it here.
        let text = try String(contentsOfFile: Self.folder + "/docker-compose-1.29.2-web.json", encoding: .utf8)
        let inspection = try JSONValueParser.parse(Data(text.replacingOccurrences(of: "WORKDIR", with: directory.path).utf8))
        let found = Self.changes(request, inspection).map { $0.replacingOccurrences(of: directory.path, with: "WORKDIR") }
        #expect(found == [expected])
    }

    @Test("--show-values shows environment and label values; without it only the key is named")
    func withheldValues() throws {
        let (request, _) = try Self.request("services:\n  web:\n    image: x\n    environment: {TOKEN: new-secret}\n")
        let inspection: JSONValue = ["Config": ["Image": "x", "Env": ["TOKEN=old-secret"]], "HostConfig": ["NetworkMode": "demo_default"],
                                     "NetworkSettings": ["Networks": ["demo_default": ["Aliases": ["web"]]]]]
        #expect(Self.changes(request, inspection) == ["environment.TOKEN changed"])
        #expect(Self.changes(request, inspection, showValues: true) == ["environment.TOKEN: old-secret → new-secret"])
        let change = try #require(ContainerDifferences.changes(request: request, inspection: inspection).first)
        #expect(change.before == nil && change.after == nil && change.isWithheld)
    }

    @Test("What the image sets is the image's: its Env, Cmd, Labels and volumes are not the container's differences")
    func imageContributions() throws {
        let (request, _) = try Self.request("services:\n  web:\n    image: x\n    environment: {A: \"1\"}\n")
        let inspection: JSONValue = ["Config": [
            "Image": "x", "Env": ["PATH=/usr/bin", "A=1"], "Cmd": ["nginx"], "Labels": ["maintainer": "someone"],
            "Volumes": ["/var/cache": [:]], "ExposedPorts": ["80/tcp": [:]], "WorkingDir": "/srv",
        ], "HostConfig": ["NetworkMode": "demo_default"], "NetworkSettings": ["Networks": ["demo_default": ["Aliases": ["web"]]]]]
        let image: JSONValue = ["Config": [
            "Env": ["PATH=/usr/bin"], "Cmd": ["nginx"], "Labels": ["maintainer": "someone"], "Volumes": ["/var/cache": [:]],
            "ExposedPorts": ["80/tcp": [:]], "WorkingDir": "/srv",
        ]]
        #expect(Self.changes(request, inspection, image: image) == [])
        // Not knowing the image, keys only the container has are not held against it.
        #expect(Self.changes(request, inspection) == [])
        // A command the file no longer sets goes back to the image's.
        let overridden = Self.edited(inspection, ["Config"]) { $0["Cmd"] = ["sleep", "1"] }
        #expect(Self.changes(request, overridden, image: image) == ["command: [sleep, 1] → [nginx]"])
    }

    @Test("Daemon spellings: 0.0.0.0 and no host IP, restart \"\" and no, CAP_ prefixes and order, null and empty lists, Binds and Mounts, an anonymous volume by ID")
    func normalisations() throws {
        let (request, _) = try Self.request("""
            services:
              web:
                image: nginx
                ports: ["8080:80"]
                cap_add: [SYS_TIME, NET_ADMIN]
                volumes: [data:/data, /cache]
                dns: []
            volumes:
              data: {}
            """)
        let inspection: JSONValue = [
            "Id": .string(String(repeating: "a", count: 64)), "Name": "/demo-web-1",
            "Config": ["Image": "docker.io/library/nginx:latest", "Hostname": "aaaaaaaaaaaa", "ExposedPorts": ["80/tcp": [:]]],
            "HostConfig": [
                "PortBindings": ["80/tcp": [["HostIp": "0.0.0.0", "HostPort": "8080"]]],
                "RestartPolicy": ["Name": "", "MaximumRetryCount": 0], "CapAdd": ["CAP_NET_ADMIN", "cap_sys_time"],
                "CapDrop": .null, "Dns": .null, "Binds": ["demo_data:/data:rw", .string(String(repeating: "b", count: 64) + ":/cache")],
                "MemorySwap": 134_217_728, "ShmSize": 67_108_864, "IpcMode": "private", "LogConfig": ["Type": "json-file", "Config": [:]],
                "NetworkMode": "demo_default",
            ],
            "NetworkSettings": ["Networks": ["demo_default": ["Aliases": ["aaaaaaaaaaaa", "web", "demo-web-1"]]]],
        ]
        #expect(Self.changes(request, inspection) == [])
    }

    @Test("Networks: one joined and one left; a static address")
    func networks() throws {
        let (request, _) = try Self.request("""
            services:
              web:
                image: nginx
                networks:
                  front:
                    ipv4_address: 172.30.0.5
            networks:
              front: {}
            """)
        let inspection: JSONValue = [
            "Config": ["Image": "nginx"], "HostConfig": ["NetworkMode": "demo_front"],
            "NetworkSettings": ["Networks": ["demo_front": ["Aliases": ["web"], "IPAMConfig": ["IPv4Address": "172.30.0.4"]]]],
        ]
        #expect(Self.changes(request, inspection) == ["networks.front.ipv4_address: 172.30.0.4 → 172.30.0.5"])
        let moved = Self.edited(inspection, ["NetworkSettings"]) { $0["Networks"] = ["demo_default": ["Aliases": ["web"]]] }
        #expect(Self.changes(request, moved) == ["networks: default → front"])
    }
}
