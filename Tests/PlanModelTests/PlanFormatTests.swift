import ComposeModel
import DockerModel
import Foundation
import PlanModel
import TestSupport
import Testing

@Suite("Plan text format, validation and analysis")
struct PlanFormatTests {
    static let plan = Plan(nodes: [
        PlanNode(id: 1, type: .createNetwork, resource: .network(key: "default"), cause: "not found"),
        PlanNode(id: 2, type: .createContainer, resource: .container(service: "web", number: 1), cause: "no existing container", dependsOn: [1]),
        PlanNode(id: 3, type: .createContainer, resource: .container(service: "api", number: 1), cause: "config changed (tmpName)",
                 group: "recreate:api:1", isReplacement: true),
        PlanNode(id: 4, type: .stopContainer, resource: .container(service: "api", number: 1), cause: "replaced by #3",
                 group: "recreate:api:1", dependsOn: [3]),
        PlanNode(id: 5, type: .startContainer, resource: .container(service: "web", number: 1), cause: "service start", dependsOn: [2, 4]),
    ])

    @Test("The text format of formats.md, byte for byte")
    func text() {
        #expect(Self.plan.text == """
            [] -> #1 network:default, CreateNetwork, not found
            [1] -> #2 service:web:1, CreateContainer, no existing container
            [] -> #3 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
            [3] -> #4 service:api:1, StopContainer, replaced by #3 [recreate:api:1]
            [2,4] -> #5 service:web:1, StartContainer, service start

            """)
        #expect(Plan().text == "")
        #expect(OperationType.allCases.map(\.name) == ["CreateNetwork", "RemoveNetwork", "DisconnectNetwork", "ConnectNetwork",
                                                       "CreateVolume", "RemoveVolume", "CreateContainer", "StartContainer",
                                                       "StopContainer", "RemoveContainer", "RenameContainer", "WaitCondition",
                                                       "RunHook", "PullImage", "BuildImage",
                                                       // formats.md's names for --target swarm.
                                                       "CreateService", "UpdateService", "RemoveService", "CreateSecret",
                                                       "CreateConfig", "RemoveSecret", "RemoveConfig", "WaitConverged"])
    }

    @Test("Structural validation rejects malformed plans")
    func validation() {
        #expect(throws: Never.self) { try Self.plan.validate() }
        var outOfOrder = Self.plan
        outOfOrder.nodes.swapAt(0, 1)
        #expect(throws: PlanValidationError.self) { try outOfOrder.validate() }
        var forward = Self.plan
        forward.nodes[1].dependsOn = [5]
        #expect(throws: PlanValidationError.self) { try forward.validate() }
        var unsorted = Self.plan
        unsorted.nodes[4].dependsOn = [4, 2]
        #expect(throws: PlanValidationError.self) { try unsorted.validate() }
        var badCreator = Self.plan
        badCreator.nodes[4].details.createdBy = 4
        #expect(throws: PlanValidationError.self) { try badCreator.validate() }
    }

    @Test("Waves, critical path and the chain that decided a run's end")
    func analysis() {
        let waves = PlanAnalysis.waves(of: Self.plan)
        #expect(waves == [1: 1, 2: 2, 3: 1, 4: 2, 5: 3])
        let durations: [OperationType: Double] = [.createNetwork: 1, .createContainer: 2, .stopContainer: 5, .startContainer: 1]
        let critical = PlanAnalysis.criticalPath(of: Self.plan) { durations[$0.type]! }
        #expect(critical.length == 8)
        #expect(critical.nodes == [3, 4, 5])
        let record = ExecutionRecord(fingerprint: "f", project: "p", engine: EngineIdentity(kind: "simulated"), startedAt: Date(),
                                     duration: 9, parallelism: nil, outcome: .succeeded, nodes: [
                                         .init(id: 1, status: .succeeded, start: 0, end: 1), .init(id: 2, status: .succeeded, start: 1, end: 6),
                                         .init(id: 3, status: .succeeded, start: 0, end: 2), .init(id: 4, status: .succeeded, start: 2, end: 4),
                                         .init(id: 5, status: .succeeded, start: 6, end: 9),
                                     ])
        #expect(PlanAnalysis.blockingChain(of: Self.plan, record: record) == [1, 2, 5])
        #expect(Self.plan.graph.dependentIDs(of: 3) == [4])
        #expect(Self.plan.countsByType[.createContainer] == 2)
    }
}

@Suite("Plan files, snapshots and fingerprints")
struct PlanFileTests {
    func planFile(_ snapshot: Snapshot = Snapshot()) -> PlanFile {
        PlanFile(toolVersion: "test", project: ProjectContext(name: "p", workingDirectory: "/srv/p"), composeFiles: ["/srv/p/compose.yaml": "abc"],
                 options: PlanOptions(removeOrphans: true), engine: EngineIdentity(kind: "docker", version: "20.10.24"),
                 fingerprint: StateFingerprint(snapshot: snapshot, project: "p"), plan: PlanFormatTests.plan)
    }

    @Test("A plan file survives a round trip")
    func roundTrip() throws {
        let file = planFile()
        let read = try PlanFile.read(from: try file.encoded(), path: "plan.json")
        #expect(read == file)
        #expect(read.plan.text == PlanFormatTests.plan.text)
    }

    @Test("Corrupt plan files are refused with a one-line reason naming the file")
    func corrupt() throws {
        #expect(throws: PlanFile.ReadError.self) { try PlanFile.read(from: Data("{".utf8), path: "x.json") }
        do {
            _ = try PlanFile.read(from: Data("{\"formatVersion\": 1}".utf8), path: "x.json")
            Issue.record("accepted a plan without nodes")
        } catch {
            #expect("\(error)".hasPrefix("x.json: not a composeplan plan file: missing"))
        }
        var wrongVersion = planFile()
        wrongVersion.formatVersion = 99
        #expect(throws: PlanFile.ReadError.self) { try PlanFile.read(from: try wrongVersion.encoded(), path: "x.json") }
        var broken = planFile()
        broken.nodes[1].dependsOn = [3]
        do {
            _ = try PlanFile.read(from: try broken.encoded(), path: "x.json")
            Issue.record("accepted a corrupt plan")
        } catch {
            #expect("\(error)".contains("corrupt plan"))
        }
    }

    @Test("Snapshots: every field optional, unknown fields kept, other projects filtered out")
    func snapshots() throws {
        let text = """
            {"containers": [{"Id": "abc", "Names": ["/p-web-1"], "Labels": {"com.docker.compose.project": "p",
              "com.docker.compose.service": "web"}, "Extra": {"kept": true}}, {"Id": "zzz", "Labels": {"com.docker.compose.project": "q"}},
              {}], "networks": null}
            """
        let snapshot = try Snapshot.decode(Data(text.utf8))
        #expect(snapshot.containers.count == 3)
        #expect(snapshot.networks.isEmpty && snapshot.volumes.isEmpty && snapshot.engine == nil)
        let web = snapshot.containerSummaries[0]
        #expect(web.name == "p-web-1" && web.service == "web" && web.number == 0 && web.state == "")
        #expect(snapshot.filtered(toProject: "p").containers.count == 1)
        let reencoded = try Snapshot.decode(try snapshot.encoded())
        #expect(reencoded.containers[0]["Extra"]?["kept"] == .bool(true))
        #expect(throws: DecodingError.self) { try Snapshot.decode(Data("{\"containers\": [1]}".utf8)) }
    }

    @Test("Fingerprints ignore order and name what changed")
    func fingerprints() {
        var state = SnapshotBuilder(project: "p")
        state.container(service: "web", hash: "h1")
        state.container(service: "db", hash: "h2")
        let before = StateFingerprint(snapshot: state.snapshot, project: "p")
        var reordered = state.snapshot
        reordered.containers.reverse()
        #expect(StateFingerprint(snapshot: reordered, project: "p").digest == before.digest)
        var changed = SnapshotBuilder(project: "p")
        changed.container(service: "web", state: "exited", hash: "h1")
        changed.container(service: "cache", hash: "h3")
        let after = StateFingerprint(snapshot: changed.snapshot, project: "p")
        #expect(after.digest != before.digest)
        #expect(after.changes(since: before) == [
            "container p-cache-1 appeared", "container p-db-1 is gone", "container p-web-1 changed (state running → exited)",
        ])
    }
}
