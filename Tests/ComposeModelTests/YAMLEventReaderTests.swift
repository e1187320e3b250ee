import ComposeModel
import Foundation
import TestSupport
import Testing

/// The event reader that builds compose trees from libyaml's events gives
/// exactly what the Yams path it replaced gave: the same tree with the same
/// positions for every compose file at hand, and the same error, at the
/// same line and column, for broken ones.
@Suite("YAML event reader")
struct YAMLEventReaderTests {
    /// A tree as text: every value with its kind, style and position.
    static func dump(_ node: ConfigNode) -> String {
        switch node {
        case .scalar(let text, let plain, let location):
            return "\(plain ? "plain" : "quoted")(\(text.debugDescription))@\(location.line):\(location.column)"
        case .sequence(let items, let location):
            return "[@\(location.line):\(location.column) " + items.map(dump).joined(separator: ", ") + "]"
        case .mapping(let entries, let location):
            return "{@\(location.line):\(location.column) " + entries.map {
                "\($0.key.debugDescription)@\($0.keyLocation.line):\($0.keyLocation.column): \(dump($0.value))"
            }.joined(separator: ", ") + "}"
        }
    }

    static func outcome(_ parse: () throws -> ConfigNode) -> String {
        do { return dump(try parse()) } catch { return "error: \(error)" }
    }

    static func compare(_ text: String, file: String = "compose.yaml") {
        let events = outcome { try ConfigNode.parse(yaml: text, file: file) }
        let yams = outcome { try ConfigNode.parseThroughYams(yaml: text, file: file) }
        #expect(events == yams, "\(file)")
    }

    @Test("Every compose file of the examples and the corpus reads to the same tree")
    func sameTrees() throws {
        var files: [String] = []
        for root in [CommandRunner.repositoryRoot + "/examples", CommandRunner.sharedDirectory + "/corpus"] {
            guard let walker = FileManager.default.enumerator(atPath: root) else { continue }
            for case let path as String in walker where path.hasSuffix(".yaml") || path.hasSuffix(".yml") {
                files.append(root + "/" + path)
            }
        }
        #expect(files.count > 40)
        for path in files {
            Self.compare(try String(contentsOfFile: path, encoding: .utf8), file: path)
        }
    }

    @Test("Anchors, aliases, merge keys, styles, block scalars, documents and errors agree")
    func sameOutcomes() {
        let cases = [
            "",
            "# only a comment\n",
            "services: {}\n",
            "x-base: &base\n  image: nginx\n  environment: {A: 1}\nservices:\n  web:\n    <<: *base\n    image: mine\n",
            "x-a: &a {p: 1}\nx-b: &b {p: 2, q: 3}\nservices:\n  web: {<<: [*a, *b], r: 4}\n",
            "services:\n  web:\n    command: |\n      echo hi\n      echo there\n    entrypoint: >\n      folded\n      text\n",
            "a: 'single'\nb: \"double\"\nc: plain\nd: ~\ne: null\nf:\ng: !!str 5\n\"<<\": quoted\n",
            "list: &l [1, 2]\nagain: *l\n",
            "a: 1\na: 2\n",
            "b: 1\na: 1\nb: 2\na: 2\n",
            "a: *missing\n",
            "a: [1, 2\n",
            "a: b: c\n",
            "- x\n- y\n",
            "a: 1\n---\nb: 2\n",
            "\"a\n",
            "services:\n  web:\n    image: nginx\n   ports: [80\n",
            "? [complex]\n: key\n",
            "x: \"\\u00e9t\\u00e9 ünïcödé\"\nünï: 1\n",
            "<<: 5\n",
        ]
        for text in cases { Self.compare(text) }
    }

    @Test("Duplicate keys are found in mappings of any size (a list of keys, then a dictionary past 16 keys)")
    func duplicatesInLargeMappings() {
        let keys = (1...40).map { "k\($0)" }
        func mapping(_ keys: [String]) -> String { keys.map { "\($0): 1\n" }.joined() }
        Self.compare(mapping(keys))
        for (first, again) in [(3, 10), (3, 30), (20, 35), (16, 17), (1, 16)] {
            var duplicated = keys
            duplicated[again - 1] = keys[first - 1]
            Self.compare(mapping(duplicated))
        }
        // Several duplicates, on both sides of the switch, and a merge key among many.
        Self.compare(mapping(["b", "a"] + keys + ["b", "a", "k5"]))
        Self.compare("x: &x {k1: 0, zz: 9}\nm:\n" + keys.map { "  \($0): 1\n" }.joined() + "  <<: *x\n")
    }
}
