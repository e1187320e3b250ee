import ComposeModel
import DockerModel
import Foundation
import TestSupport
import Testing

/// `SnapshotShape` refuses a snapshot naming its first field of the wrong
/// type, and finds nothing wrong in well-formed ones.
@Suite("Snapshot shape")
struct SnapshotShapeTests {
    static let examples = ["drifted", "fresh", "healthchecks", "pulls", "stack"]

    static func snapshot(_ example: String) throws -> Snapshot {
        try Snapshot.decode(Data(contentsOf: URL(fileURLWithPath: CommandRunner.repositoryRoot + "/examples/\(example)/snapshot.json")))
    }

    /// `value` with the member at `path` (object keys and array indices) set to `replacement`.
    static func setting(_ value: JSONValue, _ path: ArraySlice<String>, to replacement: JSONValue) -> JSONValue {
        guard let first = path.first else { return replacement }
        switch value {
        case .object(var members):
            members[first] = setting(members[first] ?? .null, path.dropFirst(), to: replacement)
            return .object(members)
        case .array(var items):
            let index = Int(first)!
            items[index] = setting(items[index], path.dropFirst(), to: replacement)
            return .array(items)
        default:
            Issue.record("no member \(first) in \(value)")
            return value
        }
    }

    /// The drifted example with container `index`'s member at `path` replaced.
    static func drifted(container index: Int, _ path: [String], _ replacement: JSONValue) throws -> Snapshot {
        var snapshot = try snapshot("drifted")
        snapshot.containers[index] = setting(snapshot.containers[index], path[...], to: replacement)
        return snapshot
    }

    @Test("The examples' snapshots are well-formed", arguments: examples)
    func examplesPass(example: String) throws {
        #expect(SnapshotShape.problem(in: try Self.snapshot(example)) == nil)
    }

    @Test("A wrong type is named by its path, what it is and what was expected", arguments: [
        (1, ["Labels", "com.docker.compose.service"], JSONValue.int(7),
         "containers[1].Labels.com.docker.compose.service is a number (7), expected a string"),
        (0, ["Labels", "com.docker.compose.oneoff"], .null, "containers[0].Labels.com.docker.compose.oneoff is null, expected a string"),
        (0, ["Mounts"], .array([.null]), "containers[0].Mounts[0] is null, expected an object"),
        (0, ["Mounts", "0", "Name"], .bool(true), "containers[0].Mounts[0].Name is a boolean (true), expected a string"),
        (0, ["Created"], .double(1.5), "containers[0].Created is a number (1.5), expected an integer"),
        (2, ["Names"], .string("web"), "containers[2].Names is a string (\"web\"), expected an array of strings"),
        (0, ["NetworkSettings", "Networks", "blog_backend", "Aliases"], .string("db"),
         "containers[0].NetworkSettings.Networks.blog_backend.Aliases is a string (\"db\"), expected an array of strings"),
        (0, ["NetworkSettings", "Networks"], .array([]), "containers[0].NetworkSettings.Networks is an array, expected an object of objects"),
    ])
    func wrongType(container: Int, path: [String], value: JSONValue, message: String) throws {
        let problem = SnapshotShape.problem(in: try Self.drifted(container: container, path, value))
        #expect(problem?.description == message)
    }

    @Test("Nulls stand for absent fields, and whole numbers written as decimals are integers")
    func tolerated() throws {
        #expect(SnapshotShape.problem(in: try Self.drifted(container: 0, ["Mounts"], .null)) == nil)
        #expect(SnapshotShape.problem(in: try Self.drifted(container: 0, ["Created"], .double(1767225600))) == nil)
        #expect(SnapshotShape.problem(in: try Self.drifted(container: 0, ["NetworkSettings", "Networks", "blog_backend"], .null)) == nil)
        // Fields composeplan does not read are not checked.
        #expect(SnapshotShape.problem(in: try Self.drifted(container: 0, ["Command"], .int(3))) == nil)
    }

    @Test("The first problem is reported: entries in order, then fields in order, map keys sorted")
    func firstProblem() throws {
        var snapshot = try Self.drifted(container: 2, ["State"], .int(1))
        snapshot.containers[1] = Self.setting(snapshot.containers[1], ["Labels", "zz"], to: .int(1))
        snapshot.containers[1] = Self.setting(snapshot.containers[1], ["Labels", "aa"], to: .int(2))
        #expect(SnapshotShape.problem(in: snapshot)?.path == "containers[1].Labels.aa")
        snapshot.containers[1] = Self.setting(snapshot.containers[1], ["Image"], to: .int(3))
        // `Image` comes before `Labels` among a container's fields.
        #expect(SnapshotShape.problem(in: snapshot)?.path == "containers[1].Image")
        snapshot.networks[0] = Self.setting(snapshot.networks[0], ["Internal"], to: .string("no"))
        #expect(SnapshotShape.problem(in: snapshot)?.path == "containers[1].Image")
        snapshot.containers[1] = try Self.snapshot("drifted").containers[1]
        #expect(SnapshotShape.problem(in: snapshot)?.path == "containers[2].State")
        snapshot.containers[2] = try Self.snapshot("drifted").containers[2]
        #expect(SnapshotShape.problem(in: snapshot)?.description == "networks[0].Internal is a string (\"no\"), expected true or false")
    }
}
