import Foundation
import TestSupport
import Testing

/// post_start and pre_stop hooks run in the containers on a real daemon.
@Suite("Lifecycle hooks against a real Docker daemon", .serialized, .enabled(if: DockerTestHost.isAvailable))
struct LifecycleHookTests {
    static func yaml(marker: String, failing: Bool = false) -> String {
        """
        services:
          app:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            environment:
              MARKER: \(marker)
            volumes: ["log:/log"]
            post_start:
              - command: ["sh", "-c", "echo started $$HOOK_WORD >> /log/events"]
                environment:
                  HOOK_WORD: \(marker)
        \(failing ? "      - command: [\"sh\", \"-c\", \"echo boom-output; exit 3\"]\n" : "")\
            pre_stop:
              - command: ["sh", "-c", "echo stopping $$MARKER >> /log/events"]
          after:
            image: IMAGE
            command: ["sleep", "3600"]
            init: true
            stop_grace_period: 1s
            depends_on: [app]
        volumes:
          log: {}
        """
    }

    @Test("post_start runs after each start, pre_stop before the replaced container stops; the next plan is empty")
    func hooksRun() throws {
        let project = try DockerEndToEndTests.Project("hooks", Self.yaml(marker: "one"))
        let up = try project.run(["up", "-y"])
        #expect(up.status == 0, "\(up.stdout)\(up.stderr)")
        #expect(up.stdout.contains("RunHook, post_start hook"))
        try project.write(Self.yaml(marker: "two"))
        let again = try project.run(["up", "-y"])
        #expect(again.status == 0, "\(again.stdout)\(again.stderr)")
        #expect(again.stdout.contains("RunHook, pre_stop hook [recreate:app:1]"))
        let events = try DockerTestHost.docker(["exec", "\(project.name)-app-1", "cat", "/log/events"]).stdout
        #expect(events == "started one\nstopping one\nstarted two\n")
        let plan = try project.run(["plan"])
        #expect(plan.status == 0 && plan.stdout.isEmpty, "\(plan.stdout)\(plan.stderr)")
    }

    @Test("A failing post_start hook fails its node with the command's output and skips the dependents")
    func failingHook() throws {
        let project = try DockerEndToEndTests.Project("hookfail", Self.yaml(marker: "one", failing: true))
        let up = try project.run(["up", "-y", "--record", "run.json"])
        #expect(up.status == 1)
        #expect(up.stderr.contains(#"post_start hook ["sh", "-c", "echo boom-output; exit 3"] exited with code 3: boom-output"#),
                "\(up.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: project.directory.path + "/run.json")))
        let nodes = (record as? [String: Any])?["nodes"] as? [[String: Any]] ?? []
        let statuses = nodes.compactMap { $0["status"] as? String }
        #expect(statuses.filter { $0 == "failed" }.count == 1)
        #expect(statuses.contains("skipped"))
        #expect(try project.containers()["\(project.name)-after-1"] == nil)
    }
}
