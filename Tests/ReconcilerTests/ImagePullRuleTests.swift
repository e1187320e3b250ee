import ComposeModel
import Foundation
import PlanModel
import Reconciler
import Testing

/// Step 0 of a plan: one PullImage per image that compose's pull rules
/// pull, creates waiting for their own image's pull only, and containers
/// recreated when their image changes (`image changed`).
@Suite("Image pulls")
struct ImagePullRuleTests {
    static let registryImage = "127.0.0.1:5000/demo/web:1"
    static let digestA = "sha256:" + String(repeating: "a", count: 64)
    static let digestB = "sha256:" + String(repeating: "b", count: 64)
    static let imageID = "sha256:" + String(repeating: "1", count: 64)
    static let otherID = "sha256:" + String(repeating: "2", count: 64)

    static func yaml(policy: String? = nil) -> String {
        let line = policy.map { "\n    pull_policy: \($0)" } ?? ""
        return """
            services:
              web:
                image: \(registryImage)\(line)
            """
    }

    /// A fixture whose `web` container runs, labelled with `label`.
    static func running(policy: String? = nil, label: String? = imageID) throws -> PlanFixture {
        var fixture = try PlanFixture(yaml(policy: policy))
        let networkID = fixture.addDefaultNetwork()
        let hash = fixture.hash("web")
        fixture.state.container(service: "web", hash: hash, networks: ["demo_default": networkID],
                                extraLabels: label.map { [ComposeLabel.image: $0] } ?? [:])
        return fixture
    }

    @Test("A snapshot without images plans no pull, whatever the policy")
    func unknownImages() throws {
        var fixture = try PlanFixture(Self.yaml(policy: "always"))
        fixture.addDefaultNetwork()
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, CreateContainer, no existing container",
            "[1] -> #2 service:web:1, StartContainer, service start"))
    }

    @Test("An image several services share is pulled once, first; only its users' creates wait for it")
    func sharedPull() throws {
        var fixture = try PlanFixture("""
            services:
              cache:
                image: redis
              web:
                image: \(Self.registryImage)
              worker:
                image: \(Self.registryImage)
            """)
        fixture.addDefaultNetwork()
        fixture.state.image("redis", id: Self.otherID)
        fixture.state.image(Self.registryImage, registryDigest: Self.digestA)
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, not present",
            "[] -> #2 service:cache:1, CreateContainer, no existing container",
            "[2] -> #3 service:cache:1, StartContainer, service start",
            "[1] -> #4 service:web:1, CreateContainer, no existing container",
            "[4] -> #5 service:web:1, StartContainer, service start",
            "[1] -> #6 service:worker:1, CreateContainer, no existing container",
            "[6] -> #7 service:worker:1, StartContainer, service start"))
        #expect(plan.nodes[0].details.digest == Self.digestA)
        #expect(plan.nodes[0].resource == .image(reference: Self.registryImage))
    }

    @Test("missing: a present image is not pulled, even when the registry has another")
    func missingPolicy() throws {
        var fixture = try Self.running()
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestB)
        #expect(try fixture.text() == "")
    }

    @Test("always: pulled; no recreate when the registry holds the local manifest")
    func alwaysSameDigest() throws {
        var fixture = try Self.running(policy: "always")
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestA)
        #expect(try fixture.text() == lines("[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, pull_policy always"))
    }

    @Test("always: a registry digest other than the local one pulls and recreates, the create after the pull")
    func alwaysNewDigest() throws {
        var fixture = try Self.running(policy: "always")
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestB)
        let plan = try fixture.plan()
        #expect(plan.text == lines(
            "[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, registry has sha256:bbbbbbbbbbbb local has sha256:aaaaaaaaaaaa",
            "[1] -> #2 service:web:1, CreateContainer, image changed (tmpName) [recreate:web:1]",
            "[2] -> #3 service:web:1, StopContainer, replaced by #2 [recreate:web:1]",
            "[3] -> #4 service:web:1, RemoveContainer, replaced by #2 [recreate:web:1]",
            "[4] -> #5 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[5] -> #6 service:web:1, StartContainer, service start"))
        #expect(plan.nodes[1].isReplacement)
        #expect(plan.nodes[0].details.digest == Self.digestB)
    }

    @Test("A container whose label differs from the local image's ID is recreated without a pull")
    func labelDiffers() throws {
        var fixture = try Self.running(label: Self.otherID)
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA)
        #expect(try fixture.text() == lines(
            "[] -> #1 service:web:1, CreateContainer, image changed (tmpName) [recreate:web:1]",
            "[1] -> #2 service:web:1, StopContainer, replaced by #1 [recreate:web:1]",
            "[2] -> #3 service:web:1, RemoveContainer, replaced by #1 [recreate:web:1]",
            "[3] -> #4 service:web:1, RenameContainer, finalize recreate [recreate:web:1]",
            "[4] -> #5 service:web:1, StartContainer, service start"))
        // --no-recreate keeps it.
        #expect(try fixture.text(PlanOptions(recreate: .never, recreateDependencies: .never)) == "")
    }

    @Test("A container without the image label is not recreated for its absence alone")
    func noLabel() throws {
        var fixture = try Self.running(policy: "always", label: nil)
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestB)
        #expect(try fixture.text() == lines(
            "[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, registry has sha256:bbbbbbbbbbbb local has sha256:aaaaaaaaaaaa"))
    }

    @Test("never: an absent image a create needs fails the plan, naming service, image and policy; no create, no error")
    func neverPolicy() throws {
        var fixture = try PlanFixture(Self.yaml(policy: "never"))
        fixture.addDefaultNetwork()
        fixture.state.image(Self.registryImage)
        #expect {
            try fixture.plan()
        } throws: { error in
            "\(error)".contains("service \"web\" needs image 127.0.0.1:5000/demo/web:1, which is not present, and its pull policy forbids pulling it (pull_policy never)")
        }
        // The same with --pull never over the default policy.
        var other = try PlanFixture(Self.yaml())
        other.addDefaultNetwork()
        other.state.image(Self.registryImage)
        #expect {
            try other.plan(PlanOptions(pull: .never))
        } throws: { error in "\(error)".contains("(--pull never)") }
        // A running, up-to-date container needs no image: nothing to do.
        var kept = try Self.running(policy: "never")
        kept.state.image(Self.registryImage)
        #expect(try kept.text() == "")
    }

    @Test("--pull overrides pull_policy: always pulls a present image, missing keeps it")
    func pullFlag() throws {
        var fixture = try Self.running(policy: "always")
        fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestA)
        #expect(try fixture.text(PlanOptions(pull: .missing)) == "")
        #expect(try fixture.text(PlanOptions(pull: .never)) == "")
        var plain = try Self.running()
        plain.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, registryDigest: Self.digestA)
        #expect(try plain.text(PlanOptions(pull: .always)) == lines(
            "[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, --pull always"))
    }

    @Test("daily, weekly, every_<duration>: pulled when last pulled longer ago than the interval")
    func refreshPolicies() throws {
        let now = try #require(ISO8601DateFormatter().date(from: "2026-12-02T12:00:00Z"))
        for (policy, tagTime, pulls) in [("daily", "2026-11-30T10:00:00.123456789Z", true), ("daily", "2026-12-02T09:00:00Z", false),
                                         ("weekly", "2026-11-30T10:00:00Z", false), ("every_1h", "2026-12-02T10:30:00Z", true),
                                         ("every_12h", "2026-12-02T10:30:00Z", false)] {
            var fixture = try Self.running(policy: policy)
            fixture.state.image(Self.registryImage, id: Self.imageID, localDigest: Self.digestA, lastTagTime: tagTime,
                                registryDigest: Self.digestA)
            let expected = pulls
                ? lines("[] -> #1 image:127.0.0.1:5000/demo/web:1, PullImage, pull_policy \(policy) (last pulled \(tagTime.prefix(19))Z)")
                : ""
            #expect(try fixture.plan(at: now).text == expected, "\(policy) \(tagTime)")
        }
    }

    @Test("type: image volumes are pulled too, and the create waits for them")
    func imageVolume() throws {
        var fixture = try PlanFixture("""
            services:
              web:
                image: busybox
                volumes:
                  - type: image
                    source: 127.0.0.1:5000/demo/data:1
                    target: /data
            """)
        fixture.addDefaultNetwork()
        fixture.state.image("busybox", id: Self.imageID)
        fixture.state.image("127.0.0.1:5000/demo/data:1", registryDigest: Self.digestA)
        #expect(try fixture.text() == lines(
            "[] -> #1 image:127.0.0.1:5000/demo/data:1, PullImage, not present",
            "[1] -> #2 service:web:1, CreateContainer, no existing container",
            "[2] -> #3 service:web:1, StartContainer, service start"))
    }

    @Test("A pull_policy that does not parse is a load error with line and column")
    func badPolicy() throws {
        #expect {
            try PlanFixture(Self.yaml(policy: "every_banana"))
        } throws: { error in
            let text = "\(error)"
            return text.contains("invalid pull policy \"every_banana\"") && text.contains("compose.yaml:4:18:")
        }
    }
}
