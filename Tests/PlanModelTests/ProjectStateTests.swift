import ComposeModel
import DockerModel
import Foundation
import Testing

/// A project's part of a snapshot is the same whether it is picked from the
/// snapshot or from its summaries (`plan --observed` summarizes the file
/// before the project's name is known).
@Suite("A project's part of a snapshot")
struct ProjectStateTests {
    @Test("From the summaries as from the snapshot, for a snapshot of one project and of several")
    func summariesAndSnapshotAgree() throws {
        let drifted = try SnapshotShapeTests.snapshot("drifted")
        let healthchecks = try SnapshotShapeTests.snapshot("healthchecks")
        var both = drifted
        both.containers += healthchecks.containers
        both.networks += healthchecks.networks
        both.volumes += healthchecks.volumes
        for (snapshot, project) in [(drifted, "blog"), (both, "blog"), (both, "payments"), (both, "nothing")] {
            let fromSummaries = ProjectState(summaries: SnapshotSummaries(snapshot: snapshot), project: project)
            #expect(fromSummaries == ProjectState(snapshot: snapshot, project: project), "\(project)")
            #expect(fromSummaries.containers.allSatisfy { $0.project == project })
        }
        let blog = ProjectState(summaries: SnapshotSummaries(snapshot: both), project: "blog")
        #expect(blog.containers.count == drifted.containers.count)
        #expect(!blog.containers.isEmpty && !blog.networks.isEmpty)
        #expect(ProjectState(summaries: SnapshotSummaries(snapshot: both), project: "payments").containers.count
            == healthchecks.containers.count)
    }
}
