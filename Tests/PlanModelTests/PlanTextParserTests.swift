import ComposeModel
import DockerModel
import Foundation
import PlanModel
import TestSupport
import Testing

@Suite("Reading the plan text format, typed resources and the graph index")
struct PlanTextParserTests {
    static var examplePlans: [(name: String, text: String)] {
        ["drifted", "fresh", "healthchecks", "pulls"].map { name in
            (name, try! String(contentsOfFile: CommandRunner.repositoryRoot + "/examples/\(name)/plan.txt", encoding: .utf8))
        }
    }

    @Test("Every example plan reads back to the same text, byte for byte")
    func examplesRoundTrip() throws {
        for (name, text) in Self.examplePlans {
            let plan = try Plan(text: text)
            #expect(plan.text == text, "\(name)")
            #expect(throws: Never.self) { try plan.validate() }
        }
    }

    @Test("Ids and dependencies print in decimal at every width; non-ASCII names and causes pass through")
    func decimalsAndUnicode() throws {
        let ids = [1, 9, 10, 11, 99, 100, 101, 999, 1_000, 10_000, 99_999, 100_000, 1_234_567]
        var nodes: [PlanNode] = []
        for (index, id) in ids.enumerated() {
            nodes.append(PlanNode(id: id, type: .startContainer, resource: .container(service: "wéb-ü", number: id),
                                  cause: "démarrage ✓", group: index.isMultiple(of: 2) ? "g:\(id)" : nil,
                                  dependsOn: Array(ids.prefix(index))))
        }
        let plan = Plan(nodes: nodes)
        let expected = nodes.map { node in
            "[\(node.dependsOn.map(String.init).joined(separator: ","))] -> #\(node.id) service:wéb-ü:\(node.id), StartContainer, démarrage ✓"
                + (node.group.map { " [\($0)]" } ?? "") + "\n"
        }.joined()
        #expect(plan.text == expected)
        #expect(plan.nodes.map(\.textLine).map { $0 + "\n" }.joined() == expected)
        #expect(try Plan(text: plan.text).text == expected)
    }

    @Test("Lines read into typed resources, groups and flags")
    func typedFields() throws {
        let plan = try Plan(text: """
            [] -> #1 network:back-end, CreateNetwork, not found
            [1] -> #2 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
            [2] -> #3 service:api:1, StopContainer, replaced by #2 [recreate:api:1]
            [] -> #4 service:db:2, StartContainer, not running
            [4] -> #5 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy
            [] -> #6 orphan:blog-legacy-cron-1, StopContainer, orphaned container
            [] -> #7 volume:data, CreateVolume, renamed
            [3,5] -> #8 service:web:1, StartContainer, label x changed, then y, done
            """)
        #expect(plan.nodes.map(\.resource) == [
            .network(key: "back-end"), .container(service: "api", number: 1), .container(service: "api", number: 1),
            .container(service: "db", number: 2), .wait(service: "db", condition: .healthy), .orphan(name: "blog-legacy-cron-1"),
            .volume(key: "data"), .container(service: "web", number: 1),
        ])
        #expect(plan.nodes.map(\.group) == [nil, "recreate:api:1", "recreate:api:1", nil, nil, nil, nil, nil])
        #expect(plan.nodes.map(\.isReplacement) == [false, true, false, false, false, false, false, false])
        #expect(plan.nodes.map(\.revivesContainer) == [false, false, false, true, false, false, false, false])
        #expect(plan.nodes[7].cause == "label x changed, then y, done")
        #expect(plan.nodes[7].dependsOn == [3, 5])
        #expect(plan.nodes.map(\.serviceName) == [nil, "api", "api", "db", "db", nil, nil, "web"])
    }

    @Test("Malformed lines are refused with their line number")
    func malformed() {
        let cases: [(String, String)] = [
            ("-> #1 network:a, CreateNetwork, x", "line 1: expected \"[dependencies] -> #id resource, Operation, cause\""),
            ("[] -> #1 network:a, CreateNetwork, x\n[x] -> #2 volume:v, CreateVolume, y", "line 2: \"x\" is not a node id"),
            ("[] -> #one network:a, CreateNetwork, x", "line 1: expected a node id after \"#\""),
            ("[] -> #1 network:a, CreateNetwork", "line 1: expected \"resource, Operation, cause\" after #1"),
            ("[] -> #1 disk:a, CreateNetwork, x", "line 1: \"disk:a\" is not a plan resource"),
            ("[] -> #1 service:web:one, StartContainer, x", "line 1: \"service:web:one\" is not a plan resource"),
            ("[] -> #1 wait:db:ready, WaitCondition, x", "line 1: \"wait:db:ready\" is not a plan resource"),
            ("[] -> #1 network:a, MakeNetwork, x", "line 1: \"MakeNetwork\" is not an operation type"),
        ]
        for (text, message) in cases {
            #expect(throws: PlanTextError.self) { try Plan(text: text) }
            do {
                _ = try Plan(text: text)
            } catch {
                #expect(error.description == message)
            }
        }
    }

    @Test("Resources print the text format and encode in the typed form")
    func resourceCoding() throws {
        let resources: [(PlanResource, String, String)] = [
            (.network(key: "default"), "network:default", #"{"key":"default","kind":"network"}"#),
            (.volume(key: "data"), "volume:data", #"{"key":"data","kind":"volume"}"#),
            (.container(service: "web", number: 3), "service:web:3", #"{"kind":"container","number":3,"service":"web"}"#),
            (.orphan(name: "p-old-1"), "orphan:p-old-1", #"{"kind":"orphan","name":"p-old-1"}"#),
            (.wait(service: "db", condition: .completedSuccessfully), "wait:db:service_completed_successfully",
             #"{"condition":"service_completed_successfully","kind":"wait","service":"db"}"#),
            (.image(reference: "nginx:1.27"), "image:nginx:1.27", #"{"kind":"image","reference":"nginx:1.27"}"#),
            (.stackService(name: "demo_web"), "service:demo_web", #"{"kind":"stackService","name":"demo_web"}"#),
            (.secret(name: "demo_pw-2a1e2f3c4d5e"), "secret:demo_pw-2a1e2f3c4d5e", #"{"kind":"secret","name":"demo_pw-2a1e2f3c4d5e"}"#),
            (.config(name: "demo_nginx"), "config:demo_nginx", #"{"kind":"config","name":"demo_nginx"}"#),
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        for (resource, text, json) in resources {
            #expect(resource.description == text)
            #expect(PlanResource(text: text) == resource)
            #expect(String(decoding: try encoder.encode(resource), as: UTF8.self) == json)
            #expect(try JSONDecoder().decode(PlanResource.self, from: Data(json.utf8)) == resource)
            // Version 1 plan files stored the text form.
            #expect(try JSONDecoder().decode(PlanResource.self, from: Data("\"\(text)\"".utf8)) == resource)
        }
    }

    @Test("A version 1 plan file is still read, its flags taken from the causes")
    func versionOneFiles() throws {
        let plan = try Plan(text: """
            [] -> #1 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
            [] -> #2 service:db:1, StartContainer, not running
            [] -> #3 wait:db:service_healthy, WaitCondition, dependency db must be service_healthy

            """)
        let current = PlanFile(toolVersion: "test", project: ProjectContext(name: "p", workingDirectory: "/srv/p"), composeFiles: [:],
                               options: PlanOptions(), engine: nil, fingerprint: StateFingerprint(snapshot: Snapshot(), project: "p"),
                               plan: plan)
        // What version 1 wrote: resources as text, no flags.
        var object = try JSONSerialization.jsonObject(with: try current.encoded()) as! [String: Any]
        object["formatVersion"] = 1
        object["nodes"] = (object["nodes"] as! [[String: Any]]).enumerated().map { index, node in
            var node = node
            node["resource"] = plan.nodes[index].resource.description
            node["isReplacement"] = nil
            node["revivesContainer"] = nil
            return node
        }
        let old = try JSONSerialization.data(withJSONObject: object)
        #expect(!String(decoding: old, as: UTF8.self).contains("isReplacement"))
        let file = try PlanFile.read(from: old, path: "old.json")
        #expect(file.formatVersion == PlanFile.currentFormatVersion)
        #expect(file.nodes.map(\.resource) == [.container(service: "api", number: 1), .container(service: "db", number: 1),
                                               .wait(service: "db", condition: .healthy)])
        #expect(file.nodes.map(\.isReplacement) == [true, false, false])
        #expect(file.nodes.map(\.revivesContainer) == [false, true, false])
        #expect(file.plan.text == plan.text)
        // And the current version writes the typed form.
        let written = String(decoding: try current.encoded(), as: UTF8.self)
        #expect(written.contains("\"formatVersion\" : 2"))
        #expect(written.contains("\"isReplacement\" : true"))
        #expect(!written.contains("\"resource\" : \"service:api:1\""))
    }

    @Test("The graph index: both directions, waves, critical path, closures and a deterministic picture")
    func graphIndex() throws {
        let plan = try Plan(text: """
            [] -> #1 network:default, CreateNetwork, not found
            [1] -> #2 service:web:1, CreateContainer, no existing container
            [] -> #3 service:api:1, CreateContainer, config changed (tmpName) [recreate:api:1]
            [3] -> #4 service:api:1, StopContainer, replaced by #3 [recreate:api:1]
            [2,4] -> #5 service:web:1, StartContainer, service start
            """)
        let graph = plan.graph
        #expect(graph.dependencies == [[], [0], [], [2], [1, 3]])
        #expect(graph.dependents == [[1], [4], [3], [4], []])
        #expect(graph.waves == [1, 2, 1, 2, 3])
        #expect(graph.description == "#1 -> #2\n#2 -> #5\n#3 -> #4\n#4 -> #5")
        #expect(graph.upstream(of: [4]) == [0, 1, 2, 3])
        #expect(graph.downstream(of: [0]) == [1, 4])
        let durations = [1.0, 2, 2, 5, 1]
        let critical = graph.criticalPath { durations[$0] }
        #expect(critical.length == 8)
        #expect(critical.positions == [2, 3, 4])
        // A hand-edited plan naming a node that is not there.
        var edited = plan
        edited.nodes[4].dependsOn = [2, 9]
        #expect(edited.graph.unknownDependencies == [0, 0, 0, 0, 1])
        #expect(edited.graph.dependencies[4] == [1])
    }
}
