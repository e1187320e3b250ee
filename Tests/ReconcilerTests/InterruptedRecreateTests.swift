import PlanModel
import TestSupport
import Testing

/// A recreate interrupted after its create (a crash of composeplan, a
/// daemon that died) leaves the replacement under its temporary name
/// `<first 12 characters of the old id>_<final name>`, beside the old
/// container or alone. The next plan finishes it: the container kept takes
/// its final name once the container holding that name is removed.
@Suite("Recreates interrupted halfway")
struct InterruptedRecreateTests {
    static let yaml = "services:\n  web:\n    image: nginx\n"

    /// The project with its default network, the old container `demo-web-1`
    /// (config hash `oldHash`, `oldState`) unless `withOld` is false, and its
    /// replacement under the temporary name (config hash `newHash`, the
    /// current one when nil, never started).
    static func interrupted(withOld: Bool = true, oldHash: String = "old", oldState: String = "exited",
                            newHash: String? = nil) throws -> PlanFixture {
        var fixture = try PlanFixture(yaml)
        let network = fixture.addDefaultNetwork()
        let oldID = SnapshotBuilder.id("web1")
        if withOld {
            fixture.state.container(service: "web", state: oldState, hash: oldHash, id: oldID, networks: ["demo_default": network])
        }
        fixture.state.container(service: "web", state: "created", hash: newHash ?? fixture.hash("web"), id: SnapshotBuilder.id("tmpweb1"),
                                name: "\(oldID.prefix(12))_demo-web-1", networks: ["demo_default": network], created: 1_700_000_100)
        return fixture
    }

    @Test("Interrupted before the old container's removal: the old one is removed, then the replacement takes the final name and starts")
    func beforeRemoval() throws {
        let fixture = try Self.interrupted()
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, scale down",
            "[1] -> #2 service:web:1, RemoveContainer, scale down",
            "[2] -> #3 service:web:1, RenameContainer, finalize recreate",
            "[3] -> #4 service:web:1, StartContainer, service start"))
        let rename = try fixture.plan().nodes[2]
        #expect(rename.details.name == "demo-web-1")
        #expect(rename.details.container?.id == SnapshotBuilder.id("tmpweb1"))
    }

    @Test("Interrupted after the removal: the replacement takes the final name at once")
    func afterRemoval() throws {
        let fixture = try Self.interrupted(withOld: false)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, RenameContainer, finalize recreate",
            "[1] -> #2 service:web:1, StartContainer, service start"))
        #expect(try fixture.text(PlanOptions(start: false)) == lines(
            "[] -> #1 service:web:1, RenameContainer, finalize recreate"))
    }

    @Test("A replacement someone started keeps running and is only renamed")
    func replacementRunning() throws {
        var fixture = try PlanFixture(Self.yaml)
        let network = fixture.addDefaultNetwork()
        let oldID = SnapshotBuilder.id("web1")
        fixture.state.container(service: "web", state: "exited", hash: "old", id: oldID, networks: ["demo_default": network])
        fixture.state.container(service: "web", state: "running", hash: fixture.hash("web"), id: SnapshotBuilder.id("tmpweb1"),
                                name: "\(oldID.prefix(12))_demo-web-1", networks: ["demo_default": network], created: 1_700_000_100)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, scale down",
            "[1] -> #2 service:web:1, RemoveContainer, scale down",
            "[2] -> #3 service:web:1, RenameContainer, finalize recreate"))
    }

    @Test("Interrupted, then the configuration changed again: the replacement is recreated, and its rename waits for the old container's removal")
    func changedAgain() throws {
        let fixture = try Self.interrupted(newHash: "newer")
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, scale down",
            "[1] -> #2 service:web:1, RemoveContainer, scale down",
            "[] -> #3 service:web:1, CreateContainer, config changed (tmpName) [recreate:web:1]",
            "[3] -> #4 service:web:1, StopContainer, replaced by #3 [recreate:web:1]",
            "[4] -> #5 service:web:1, RemoveContainer, replaced by #3 [recreate:web:1]",
            "[2,5] -> #6 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[6] -> #7 service:web:1, StartContainer, service start"))
    }

    @Test("A scale-down that keeps a container under its own name renames nothing")
    func ordinaryScaleDown() throws {
        var fixture = try PlanFixture("services:\n  web:\n    image: nginx\n    scale: 1\n")
        fixture.addDefaultNetwork()
        fixture.addRunning("web", number: 1, hash: "old")
        fixture.addRunning("web", number: 2)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, StopContainer, scale down",
            "[1] -> #2 service:web:1, RemoveContainer, scale down"))
    }

    @Test("A container of another naming scheme (docker-compose 1.x's project_web_1) keeps its name")
    func otherNamesStay() throws {
        var fixture = try PlanFixture(Self.yaml)
        let network = fixture.addDefaultNetwork()
        fixture.state.container(service: "web", hash: fixture.hash("web"), name: "demo_web_1", networks: ["demo_default": network])
        #expect(try fixture.plan().isEmpty)
    }
}
