import Foundation
import TestSupport
import Testing

/// Two networks with the project's name and labels on a real daemon (what
/// two `up` that race, or another tool's race, leave): without repair every
/// later `plan`/`up` fails with "network … is ambiguous". composeplan keeps
/// one, moves the containers connected to the other, and removes it.
@Suite("Duplicate networks against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct DuplicateNetworkTests {
    static let yaml = """
        services:
          app:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            scale: 2
        """

    /// Creates a second network named `name` with the same labels, through
    /// the Engine API with `CheckDuplicate` off (the docker CLI always sets
    /// it); returns its id.
    static func duplicate(_ name: String) throws -> String {
        let labels = try DockerTestHost.docker(["network", "inspect", name, "--format", "{{json .Labels}}"]).stdout
        let script = """
            import http.client, json, socket, sys
            class Unix(http.client.HTTPConnection):
                def connect(self):
                    self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                    self.sock.connect(sys.argv[1])
            connection = Unix("localhost")
            body = json.dumps({"Name": sys.argv[2], "CheckDuplicate": False, "Labels": json.loads(sys.argv[3])})
            connection.request("POST", "/v1.41/networks/create", body, {"Content-Type": "application/json"})
            print(json.loads(connection.getresponse().read())["Id"])
            """
        let socket = String(DockerTestHost.address!.dropFirst("unix://".count))
        let created = try CommandRunner.run("/usr/bin/python3", ["-c", script, socket, name, labels])
        #expect(created.status == 0, "\(created.stderr)")
        return created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func networkIDs(_ name: String) throws -> [String] {
        try DockerTestHost.docker(["network", "ls", "--no-trunc", "--filter", "name=^\(name)$", "--format", "{{.ID}}"]).stdout
            .split(separator: "\n").map(String.init).sorted()
    }

    @Test("A duplicate network with a container on it: plan shows the move and the removal, up repairs it, the next plan is empty")
    func repairsADuplicate() throws {
        guard DockerTestHost.address!.hasPrefix("unix://") else { return }
        let project = try DockerEndToEndTests.Project("dupnet", Self.yaml)
        let first = try project.run(["up", "-y", "--progress", "plain"])
        #expect(first.status == 0, "\(first.stderr)")
        let name = "\(project.name)_default"
        let original = try #require(try Self.networkIDs(name).first)
        let copy = try Self.duplicate(name)
        #expect(try Self.networkIDs(name) == [original, copy].sorted())
        // Replica 2 moves to the copy, as if the race had put it there.
        let replica = "\(project.name)-app-2"
        #expect(try DockerTestHost.docker(["network", "disconnect", original, replica]).status == 0)
        #expect(try DockerTestHost.docker(["network", "connect", "--alias", "app", copy, replica]).status == 0)
        let before = try project.containers()

        let plan = try project.run(["plan"])
        #expect(plan.status == 0, "\(plan.stderr)")
        // Both have endpoints: the older one is kept.
        #expect(plan.stdout == """
            [] -> #1 service:app:2, DisconnectNetwork, network default duplicate removed
            [1] -> #2 service:app:2, ConnectNetwork, network default duplicate removed
            [1] -> #3 network:default, RemoveNetwork, duplicate of \(original)

            """, "\(plan.stdout)")
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
        #expect(try Self.networkIDs(name) == [original])
        // Nothing was recreated, and replica 2 is back on the kept network with its alias.
        #expect(try project.containers().mapValues(\.id) == before.mapValues(\.id))
        let aliases = try DockerTestHost.docker(["inspect", replica, "--format", "{{json .NetworkSettings.Networks}}"]).stdout
        #expect(aliases.contains(original) && aliases.contains("\"app\""), "\(aliases)")
        let next = try project.run(["plan", "--detailed-exitcode"])
        #expect(next.status == 0, "\(next.stdout)\n\(next.stderr)")
    }

    @Test("A duplicate nothing is connected to is removed, and new containers start on the kept network")
    func removesAnUnusedDuplicate() throws {
        guard DockerTestHost.address!.hasPrefix("unix://") else { return }
        let project = try DockerEndToEndTests.Project("dupnew", Self.yaml)
        #expect(try project.run(["up", "-y", "--progress", "plain"]).status == 0)
        let name = "\(project.name)_default"
        let original = try #require(try Self.networkIDs(name).first)
        _ = try Self.duplicate(name)
        // A third replica must be created on the network whose name is ambiguous.
        try project.write(Self.yaml.replacingOccurrences(of: "scale: 2", with: "scale: 3"))
        let plan = try project.run(["plan"])
        #expect(plan.stdout == """
            [] -> #1 network:default, RemoveNetwork, duplicate of \(original)
            [1] -> #2 service:app:3, CreateContainer, no existing container
            [2] -> #3 service:app:3, StartContainer, service start

            """, "\(plan.stdout)\n\(plan.stderr)")
        let up = try project.run(["up", "-y", "--progress", "plain"])
        #expect(up.status == 0, "\(up.stdout)\n\(up.stderr)")
        #expect(try Self.networkIDs(name) == [original])
        #expect(try project.containers(all: false).count == 3)
        #expect(try project.run(["plan", "--detailed-exitcode"]).status == 0)
    }
}
