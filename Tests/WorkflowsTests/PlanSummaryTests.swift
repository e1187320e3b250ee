import PlanModel
import Testing
import Workflows

/// The totals line counts each container, network, volume, image, Swarm
/// service, secret and config once, by what its operations amount to.
@Suite("Plan summaries")
struct PlanSummaryTests {
    func summary(_ lines: [String], services: [String] = [], orphansLeft: [String] = []) throws -> PlanSummary {
        PlanSummary(plan: try Plan(text: lines.joined(separator: "\n") + "\n"), services: services, orphansLeft: orphansLeft)
    }

    @Test("Each kind of change, counted per resource in change order; waits count for nothing")
    func everyChange() throws {
        let summary = try summary([
            "[] -> #1 image:app:2, PullImage, not present",
            "[] -> #2 image:local/tool, BuildImage, not present",
            "[] -> #3 network:front, CreateNetwork, not found",
            "[1] -> #4 service:app:1, CreateContainer, config changed (tmpName) [recreate:app:1]",
            "[] -> #5 service:app:1, StopContainer, config changed [recreate:app:1]",
            "[5] -> #6 service:app:1, RemoveContainer, config changed [recreate:app:1]",
            "[4,6] -> #7 service:app:1, RenameContainer, finalize recreate [recreate:app:1]",
            "[7] -> #8 service:app:1, StartContainer, config changed",
            "[] -> #9 service:worker:2, StopContainer, scale down",
            "[9] -> #10 service:worker:2, RemoveContainer, scale down",
            "[] -> #11 service:cache:1, StartContainer, not running",
            "[] -> #12 service:db:1, StopContainer, network backend config changed",
            "[12] -> #13 service:db:1, StartContainer, network backend config changed",
            "[] -> #14 service:jobs:1, StopContainer, stop requested",
            "[] -> #15 service:web:1, DisconnectNetwork, network backend config changed",
            "[15] -> #16 service:web:1, ConnectNetwork, network backend config changed",
            "[8] -> #17 wait:app:service_healthy, WaitCondition, depends_on condition",
            "[] -> #18 volume:data, CreateVolume, not found",
            "[] -> #19 orphan:old_1, StopContainer, orphan",
            "[19] -> #20 orphan:old_1, RemoveContainer, orphan",
        ], services: ["app", "cache", "db", "jobs", "web", "worker", "idle", "calm"], orphansLeft: ["x_1"])
        #expect(summary.totals.map { "\($0.count) to \($0.change.rawValue)" }
                    == ["1 to pull", "1 to build", "2 to create", "1 to replace", "2 to remove", "1 to start", "1 to restart",
                        "1 to stop", "1 to reconnect"])
        #expect(summary.unchanged == ["calm", "idle"])
        #expect(summary.orphansLeft == ["x_1"])
        #expect(summary.line == "1 to pull, 1 to build, 2 to create, 1 to replace, 2 to remove, 1 to start, 1 to restart, "
                    + "1 to stop, 1 to reconnect; unchanged: calm, idle")
    }

    @Test("Swarm objects: a service updated in place, created, removed; a secret replaced by a new version")
    func swarmObjects() throws {
        let summary = try summary([
            "[] -> #1 secret:shop_db_password-12a03ec49797, CreateSecret, content changed",
            "[1] -> #2 service:shop_web, UpdateService, spec changed",
            "[2] -> #3 service:shop_web, WaitConverged, rolling update",
            "[] -> #4 service:shop_api, CreateService, not found",
            "[] -> #5 service:shop_legacy, RemoveService, not in the project",
            "[2] -> #6 secret:shop_db_password, RemoveSecret, replaced by #1",
        ])
        #expect(summary.line == "2 to create, 1 to update, 2 to remove")
    }

    @Test("An empty plan: nothing to do")
    func empty() throws {
        let summary = PlanSummary(plan: Plan(nodes: []), services: ["b", "a"], orphansLeft: [])
        #expect(summary.totals.isEmpty)
        #expect(summary.line == "nothing to do; unchanged: a, b")
    }
}
