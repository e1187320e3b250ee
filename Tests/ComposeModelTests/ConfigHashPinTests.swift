@testable import ComposeModel
import Foundation
import TestSupport
import Testing

/// Config hashes are compared with the labels docker compose and earlier
/// composeplan versions wrote on running containers: any change to their
/// bytes recreates every container. These pin them to the labels of the
/// examples' up-to-date containers.
@Suite("Config hashes, pinned")
struct ConfigHashPinTests {
    @Test("The examples' services hash to the labels of their up-to-date containers", arguments: [
        ("drifted", "db", "a08c8add15b833241cc31620dc105e22367a0415a5f1dbf352c6c3aab7aaf403"),
        ("drifted", "worker", "000d9d67f3031f2fee93ff8e79d76845d1cbb9d312a4d56df8ac2752a08dd563"),
        ("healthchecks", "api", "c5d5d06a87d33cb8da56c961bff0b0ecc59ded42355b46b4ece229cb2dea68fd"),
        ("healthchecks", "worker", "7728b653d9464ea64f8fdd34251d12ab1512135849e8feb515e688a13b81a6d7"),
        ("healthchecks", "migrate", "9f48646a0c292cc077844cad17310b7f0faff8783125340eb78c08ee715a56cb"),
        ("healthchecks", "web", "47e553618de0130fa924551c5d1d15e3b4ad6a222313620afc966c97e2058b39"),
    ])
    func examples(example: String, service: String, label: String) throws {
        let directory = CommandRunner.repositoryRoot + "/examples/\(example)"
        let project = try ProjectLoader().load(LoadOptions(files: [directory + "/compose.yaml"], environment: [:],
                                                           currentDirectory: directory))
        #expect(ConfigHasher.hash(service: try #require(project.services[service])) == label)
    }

    @Test("Pruning while writing gives the bytes of pruning first, then writing")
    func pruningWhileWriting() {
        var random = SplitMix(seed: 3)
        for _ in 0..<500 {
            let value = PrettyJSONWriterTests.randomValue(&random, depth: 0)
            var reference = JSONTextBuffer(capacity: 0)
            CanonicalJSON.write(CanonicalJSON.pruned(value) ?? .null, into: &reference)
            #expect(CanonicalJSON.data(value) == reference.array(from: 0))
        }
        #expect(CanonicalJSON.string(["a": ["b": ["c": [:]]], "d": [[:], [], "", 0, .null, ["e": ""]]])
                    == #"{"d":[{},[],"",0,null,{}]}"#)
        #expect(CanonicalJSON.string(["a": ""]) == "null")
    }

    @Test("Canonical strings escape backspace and form feed by number, as the hash labels were written")
    func canonicalEscapes() {
        #expect(CanonicalJSON.string(.string("\u{8}\u{C}\n\r\t\"\\\u{1F}/é")) == #""\u0008\u000c\n\r\t\"\\\u001f/é""#)
    }
}
