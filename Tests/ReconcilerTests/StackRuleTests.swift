import ComposeModel
import DockerModel
import Foundation
import PlanModel
import Reconciler
import TestSupport
import Testing

/// Plans of a compose project as a Swarm stack (`--target swarm`), against
/// states written as a Swarm manager (Engine 20.10) answers: what `docker
/// stack deploy` made plans as empty, and each change gives the nodes and
/// causes written out by hand here.
@Suite("Swarm stacks")
struct StackRuleTests {
    static let yaml = """
        services:
          web:
            image: busybox:1
            command: ["httpd", "-f"]
            deploy:
              replicas: 2
            networks: [front]
            secrets: [pw]
          worker:
            image: busybox:1
            command: sleep 100000
            depends_on: [web]
            container_name: the-worker
        networks:
          front: {}
        secrets:
          pw:
            environment: PASSWORD
        """

    static func project(_ yaml: String = yaml, password: String = "s3cret") throws -> Project {
        try ProjectFixture.load(yaml, name: "demo", environment: ["PASSWORD": password])
    }

    static func plan(_ project: Project, _ snapshot: Snapshot, removeOrphans: Bool = false) throws -> Plan {
        let definition = try StackConverter(project: project).definition()
        return try StackReconciler.plan(definition: definition, state: StackState(snapshot: snapshot, stack: "demo"),
                                        options: PlanOptions(removeOrphans: removeOrphans, target: .swarm))
    }

    static func json(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    static let digest = SHA256Hex.digest(of: Data("s3cret".utf8))

    /// The stack as `docker stack deploy -c compose.yaml demo` left it on
    /// Engine 20.10 (the answers of GET /services, /secrets, /networks,
    /// trimmed to one task per service), with the secret made by composeplan
    /// (its content digest label) or by the CLI (none).
    static func deployed(web: String = #""Replicas": 2"#, image: String = "busybox:1", secretLabel: Bool = true,
                         extraService: Bool = false) throws -> Snapshot {
        let label = secretLabel ? #", "io.composeplan.content-digest": "\#(digest)""# : ""
        let services = """
            [{"ID": "svcweb", "Version": {"Index": 22},
              "Spec": {"Name": "demo_web",
                "Labels": {"com.docker.stack.image": "\(image)", "com.docker.stack.namespace": "demo"},
                "TaskTemplate": {"ContainerSpec": {"Image": "\(image)", "Labels": {"com.docker.stack.namespace": "demo"},
                    "Args": ["httpd", "-f"], "Privileges": {"CredentialSpec": null, "SELinuxContext": null},
                    "Secrets": [{"File": {"Name": "pw", "UID": "0", "GID": "0", "Mode": 292}, "SecretID": "sec1", "SecretName": "demo_pw"}],
                    "Isolation": "default"},
                  "Resources": {}, "Placement": {}, "Networks": [{"Target": "netfront", "Aliases": ["web"]}],
                  "ForceUpdate": 0, "Runtime": "container"},
                "Mode": {"Replicated": {\(web)}}, "EndpointSpec": {"Mode": "vip"}}},
             {"ID": "svcworker", "Version": {"Index": 23},
              "Spec": {"Name": "demo_worker",
                "Labels": {"com.docker.stack.image": "busybox:1", "com.docker.stack.namespace": "demo"},
                "TaskTemplate": {"ContainerSpec": {"Image": "busybox:1@sha256:aaaa", "Labels": {"com.docker.stack.namespace": "demo"},
                    "Args": ["sleep", "100000"], "Privileges": {"CredentialSpec": null, "SELinuxContext": null}, "Isolation": "default"},
                  "Resources": {}, "Placement": {}, "Networks": [{"Target": "netdefault", "Aliases": ["worker"]}],
                  "ForceUpdate": 0, "Runtime": "container"},
                "Mode": {"Replicated": {"Replicas": 1}}, "EndpointSpec": {"Mode": "vip"}}}
            \(extraService ? #", {"ID": "svcold", "Version": {"Index": 9}, "Spec": {"Name": "demo_old", "Labels": {"com.docker.stack.namespace": "demo"}, "TaskTemplate": {"ContainerSpec": {"Image": "busybox:1", "Secrets": [{"SecretID": "sec1", "SecretName": "demo_pw"}]}}, "Mode": {"Replicated": {"Replicas": 1}}}}"# : "")]
            """
        return Snapshot(networks: [
            try json(#"{"Name": "demo_front", "Id": "netfront", "Scope": "swarm", "Driver": "overlay", "Labels": {"com.docker.stack.namespace": "demo"}}"#),
            try json(#"{"Name": "demo_default", "Id": "netdefault", "Scope": "swarm", "Driver": "overlay", "Labels": {"com.docker.stack.namespace": "demo"}}"#),
        ], swarm: SwarmObjects(services: try json(services).arrayValue!,
                               secrets: [try json(#"{"ID": "sec1", "Version": {"Index": 15}, "Spec": {"Name": "demo_pw", "Labels": {"com.docker.stack.namespace": "demo"\#(label)}}}"#)]))
    }

    @Test("From nothing: the networks, the secret, then each service's create and its wait; ignored keys are named")
    func fromNothing() throws {
        let plan = try Self.plan(try Self.project(), Snapshot(swarm: SwarmObjects()))
        #expect(plan.text == lines(
            "[] -> #1 network:demo_default, CreateNetwork, not found",
            "[] -> #2 network:demo_front, CreateNetwork, not found",
            "[] -> #3 secret:demo_pw, CreateSecret, not found",
            "[2,3] -> #4 service:demo_web, CreateService, not found",
            "[4] -> #5 service:demo_web, WaitConverged, 2 of 2 tasks running",
            "[1] -> #6 service:demo_worker, CreateService, not found",
            "[6] -> #7 service:demo_worker, WaitConverged, 1 of 1 tasks running"))
        #expect(plan.warnings == ["service worker: ignoring container_name, depends_on (Swarm does not use them)"])
        // The bodies are the docker CLI's: names in the namespace, its labels, an overlay network.
        let spec = try #require(plan.nodes[3].details.swarm?.spec)
        #expect(spec["Labels"] == .object(["com.docker.stack.image": .string("busybox:1"), "com.docker.stack.namespace": .string("demo")]))
        #expect(spec["TaskTemplate"]?["Networks"] == .array([.object(["Target": .string("demo_front"), "Aliases": .array([.string("web")])])]))
        #expect(spec["Mode"] == .object(["Replicated": .object(["Replicas": .int(2)])]))
        #expect(plan.nodes[0].details.swarm?.spec?["Driver"] == .string("overlay"))
        #expect(plan.nodes[2].details.swarm?.spec?["Labels"]?["io.composeplan.content-digest"] == .string(Self.digest))
    }

    @Test("What docker stack deploy made plans as empty: manager defaults, network ids, secret ids and a pinned digest compare equal")
    func deployedByTheCLIIsEmpty() throws {
        #expect(try Self.plan(try Self.project(), try Self.deployed()).nodes.isEmpty)
        // A secret the CLI made carries no content digest: taken as current.
        #expect(try Self.plan(try Self.project(), try Self.deployed(secretLabel: false)).nodes.isEmpty)
    }

    @Test("An image change is an UpdateService at the observed version, then a WaitConverged")
    func imageChange() throws {
        let plan = try Self.plan(try Self.project(Self.yaml.replacingOccurrences(of: "image: busybox:1\n    command: [\"httpd\"", with: "image: busybox:2\n    command: [\"httpd\"")),
                                 try Self.deployed())
        #expect(plan.text == lines(
            "[] -> #1 service:demo_web, UpdateService, image changed",
            "[1] -> #2 service:demo_web, WaitConverged, 2 of 2 tasks running"))
        #expect(plan.nodes[0].details.swarm?.version == 22)
        #expect(plan.nodes[0].details.swarm?.objectID == "svcweb")
        #expect(plan.nodes[0].changes?.first == FieldChange(field: "image", from: "busybox:1", to: "busybox:2"))
    }

    @Test("A replica count change says so")
    func scaling() throws {
        let plan = try Self.plan(try Self.project(Self.yaml.replacingOccurrences(of: "replicas: 2", with: "replicas: 3")), try Self.deployed())
        #expect(plan.text == lines(
            "[] -> #1 service:demo_web, UpdateService, replicas 2 → 3",
            "[1] -> #2 service:demo_web, WaitConverged, 3 of 3 tasks running"))
    }

    @Test("A secret's new content is a new version; its services are updated to it; the old one goes once they converged")
    func secretRotation() throws {
        let plan = try Self.plan(try Self.project(password: "rotated"), try Self.deployed())
        let version = "demo_pw-" + SHA256Hex.digest(of: Data("rotated".utf8)).prefix(12)
        #expect(plan.text == lines(
            "[] -> #1 secret:\(version), CreateSecret, content changed",
            "[1] -> #2 service:demo_web, UpdateService, secret pw changed",
            "[2] -> #3 service:demo_web, WaitConverged, 2 of 2 tasks running",
            "[1,3] -> #4 secret:demo_pw, RemoveSecret, replaced by #1"))
        let reference = plan.nodes[1].details.swarm?.spec?["TaskTemplate"]?["ContainerSpec"]?["Secrets"]?.arrayValue?.first
        #expect(reference?["SecretName"] == .string(version))
        #expect(reference?["File"]?["Name"] == .string("pw"))
    }

    @Test("A service no longer in the files: a warning, or a RemoveService with --remove-orphans, before its secret's old version goes")
    func orphanedService() throws {
        let kept = try Self.plan(try Self.project(), try Self.deployed(extraService: true))
        #expect(kept.nodes.isEmpty)
        #expect(kept.warnings.contains("service demo_old is not in the compose files (--remove-orphans removes it)"))
        let removed = try Self.plan(try Self.project(), try Self.deployed(extraService: true), removeOrphans: true)
        #expect(removed.text == lines("[] -> #1 service:demo_old, RemoveService, orphaned service"))
        #expect(removed.nodes[0].details.swarm?.objectID == "svcold")
    }

    @Test("A replicated service that becomes global is removed and created: Swarm cannot change a mode")
    func modeChange() throws {
        let global = Self.yaml.replacingOccurrences(of: "replicas: 2", with: "mode: global")
        #expect(try Self.plan(try Self.project(global), try Self.deployed()).text == lines(
            "[] -> #1 service:demo_web, RemoveService, mode changed (replicated → global)",
            "[1] -> #2 service:demo_web, CreateService, mode changed (replicated → global)",
            "[2] -> #3 service:demo_web, WaitConverged, a task running on every eligible node"))
    }

    @Test("Bad deploy values and a missing external object are one-line errors")
    func badInput() throws {
        let badOrder = Self.yaml.replacingOccurrences(of: "replicas: 2", with: "replicas: 2\n      update_config:\n        order: sideways")
        #expect(throws: ReconcileError("service web: deploy.update_config.order must be stop-first or start-first")) {
            try Self.plan(try Self.project(badOrder), Snapshot(swarm: SwarmObjects()))
        }
        let external = Self.yaml.replacingOccurrences(of: "  front: {}", with: "  front:\n    external: true\n    name: shared")
        #expect(throws: ReconcileError("network \"shared\" is declared as external, but could not be found")) {
            try Self.plan(try Self.project(external), Snapshot(swarm: SwarmObjects()))
        }
    }
}
