import PlanModel
import Testing

@Suite("Volumes")
struct VolumeRuleTests {
    static let project = """
        services:
          app:
            image: app
          db:
            image: postgres
            volumes:
              - data:/var/lib/postgresql/data
          backup:
            image: busybox
            volumes_from: [db]
        volumes:
          data: {}
        """

    /// Everything running and up to date, the volume with `volumeHash`.
    func fixture(volumeHash: String?, volumeName: String = "demo_data", yaml: String = Self.project) throws -> PlanFixture {
        var fixture = try PlanFixture(yaml)
        let networkID = fixture.addDefaultNetwork()
        fixture.state.volume(key: "data", name: volumeName, hash: volumeHash ?? fixture.volumeHash("data"))
        fixture.addRunning("db", networkID: networkID, volumes: [(volumeName, "/var/lib/postgresql/data")])
        fixture.addRunning("app", networkID: networkID)
        fixture.addRunning("backup", networkID: networkID, volumes: [(volumeName, "/var/lib/postgresql/data")])
        return fixture
    }

    @Test("A missing volume is created")
    func missing() throws {
        var fixture = try PlanFixture(Self.project)
        fixture.addDefaultNetwork()
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 volume:data, CreateVolume, not found",
            "[] -> #2 service:app:1, CreateContainer, no existing container",
            "[1] -> #3 service:db:1, CreateContainer, no existing container",
            "[3] -> #4 service:backup:1, CreateContainer, no existing container"))
    }

    @Test("An up-to-date volume, or one without a recorded hash, is left alone")
    func leftAlone() throws {
        #expect(try fixture(volumeHash: nil).plan().isEmpty)
        #expect(try fixture(volumeHash: "").plan().isEmpty)
    }

    @Test("A confirmed recreate removes every container using the volume (volumes_from included) and creates them afresh")
    func confirmedRecreate() throws {
        let plan = try fixture(volumeHash: "stale").plan(confirm: true)
        #expect(plan.text == lines(
            "[] -> #1 service:backup:1, StopContainer, mounted volume config changed",
            "[1] -> #2 service:backup:1, RemoveContainer, mounted volume config changed",
            "[] -> #3 service:db:1, StopContainer, mounted volume config changed",
            "[3] -> #4 service:db:1, RemoveContainer, mounted volume config changed",
            "[2,4] -> #5 volume:data, RemoveVolume, config hash diverged",
            "[5] -> #6 volume:data, CreateVolume, recreate after config change",
            "[6] -> #7 service:db:1, CreateContainer, no existing container",
            "[7] -> #8 service:db:1, StartContainer, service start",
            "[8] -> #9 service:backup:1, CreateContainer, no existing container",
            "[8,9] -> #10 service:backup:1, StartContainer, service start"))
    }

    @Test("An orphan mounting a recreated volume is removed before the volume with --remove-orphans; without it the volume is kept, with a warning")
    func recreateWithOrphanMount() throws {
        var fixture = try fixture(volumeHash: "stale")
        fixture.state.container(service: "old-db", number: 1, state: "exited", hash: "x",
                                volumes: [("demo_data", "/var/lib/postgresql/data")])
        let plan = try fixture.plan(PlanOptions(removeOrphans: true), confirm: true)
        #expect(plan.text == lines(
            "[] -> #1 service:backup:1, StopContainer, mounted volume config changed",
            "[1] -> #2 service:backup:1, RemoveContainer, mounted volume config changed",
            "[] -> #3 service:db:1, StopContainer, mounted volume config changed",
            "[3] -> #4 service:db:1, RemoveContainer, mounted volume config changed",
            "[] -> #5 orphan:demo-old-db-1, StopContainer, orphaned container",
            "[5] -> #6 orphan:demo-old-db-1, RemoveContainer, orphaned container",
            "[2,4,6] -> #7 volume:data, RemoveVolume, config hash diverged",
            "[7] -> #8 volume:data, CreateVolume, recreate after config change",
            "[8] -> #9 service:db:1, CreateContainer, no existing container",
            "[9] -> #10 service:db:1, StartContainer, service start",
            "[10] -> #11 service:backup:1, CreateContainer, no existing container",
            "[10,11] -> #12 service:backup:1, StartContainer, service start"))

        // Docker would refuse the removal while the kept orphan mounts the volume.
        let kept = try fixture.plan(confirm: true)
        #expect(kept.isEmpty)
        #expect(kept.warnings.contains { $0.contains("demo_data") && $0.contains("demo-old-db-1") && $0.contains("not recreated") })
    }

    @Test("A declined recreate plans nothing and warns")
    func declined() throws {
        var asked: [String] = []
        let fixture = try fixture(volumeHash: "stale")
        let observed = ObservedStateFactory.make(fixture)
        let plan = try ReconcilerEntry.plan(fixture, observed: observed) { question in
            asked.append(question)
            return false
        }
        #expect(plan.isEmpty)
        #expect(asked.count == 1)
        #expect(asked.first?.contains("demo_data") == true)
        #expect(plan.warnings.contains { $0.contains("demo_data") && $0.contains("not recreated") })
    }

    @Test("A renamed volume is created alongside the old one, and containers mounting the old one move over")
    func renamed() throws {
        let yaml = Self.project.replacingOccurrences(of: "  data: {}", with: "  data:\n    name: fresh_data")
        let plan = try fixture(volumeHash: "old", volumeName: "demo_data", yaml: yaml).plan()
        #expect(plan.text == lines(
            "[] -> #1 volume:data, CreateVolume, renamed",
            "[1] -> #2 service:db:1, CreateContainer, config changed (tmpName) [recreate:db:1]",
            "[2] -> #3 service:db:1, StopContainer, replaced by #2 [recreate:db:1]",
            "[3] -> #4 service:db:1, RemoveContainer, replaced by #2 [recreate:db:1]",
            "[4] -> #5 service:db:1, RenameContainer, finalize recreate [recreate:db:1]",
            "[5] -> #6 service:db:1, StartContainer, service start",
            "[6] -> #7 service:backup:1, CreateContainer, config changed (tmpName) [recreate:backup:1]",
            "[7] -> #8 service:backup:1, StopContainer, replaced by #7 [recreate:backup:1]",
            "[8] -> #9 service:backup:1, RemoveContainer, replaced by #7 [recreate:backup:1]",
            "[9] -> #10 service:backup:1, RenameContainer, finalize recreate [recreate:backup:1]",
            "[6,10] -> #11 service:backup:1, StartContainer, service start"))
        #expect(!plan.nodes.contains { $0.type == .removeVolume })
    }
}

/// Helpers for tests that need a custom confirmation callback.
enum ObservedStateFactory {
    static func make(_ fixture: PlanFixture) -> ObservedState {
        ObservedState(snapshot: fixture.state.snapshot, project: fixture.project)
    }
}

enum ReconcilerEntry {
    static func plan(_ fixture: PlanFixture, observed: ObservedState, options: PlanOptions = PlanOptions(),
                     confirm: (String) -> Bool) throws -> Plan {
        try Reconciler.plan(project: fixture.project, observed: observed, options: options, confirm: confirm)
    }
}

import Reconciler
