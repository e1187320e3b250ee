@testable import ComposeModel
import Foundation
import Testing

/// The pieces of `composeplan config`: the YAML writer, Go durations, the
/// document of a project.
@Suite("config output")
struct ConfigDocumentTests {
    @Test("Strings YAML would read as something else are quoted; the text reads back as the same values")
    func quoting() throws {
        let strings = ["plain", "1", "1.5", "0x1F", "1e3", "12:30", "yes", "No", "null", "~", "", " padded", "a: b", "a #b",
                       "-dash", "*star", "&amp", "!bang", "%pct", "@at", "`tick", "{brace", "[bracket", "line\nbreak",
                       "tab\there", "quote\"s", "back\\slash", "trailing:", "http://x:80/p", "nginx:1.27", "${VAR}"]
        let value = JSONValue.object(Dictionary(uniqueKeysWithValues: strings.enumerated().map { ("k\($0.offset)", JSONValue.string($0.element)) }))
        let text = YAMLWriter().write(value)
        let parsed = try ConfigNode.parse(yaml: text, file: "out.yaml")
        for (index, string) in strings.enumerated() {
            let node = try #require(parsed["k\(index)"])
            guard case .scalar(let read, let plain, _) = node else { Issue.record("k\(index) is not a scalar"); continue }
            #expect(read == string, "\(string)")
            // Plain only when nothing else could be meant.
            #expect(!plain || ["plain", "http://x:80/p", "nginx:1.27", "${VAR}", "quote\"s", "back\\slash"].contains(string), "\(string) written plain")
        }
    }

    @Test("Nested mappings and sequences are indented under their key; the top level keeps compose's order")
    func layout() {
        let value: JSONValue = [
            "volumes": ["data": ["name": "p_data"]],
            "services": ["web": ["ports": [["target": 80, "published": "8080"]], "command": ["a", "b"], "tty": true]],
            "name": "p",
            "x-extra": [[1, 2]],
        ]
        #expect(YAMLWriter().write(value) == """
            name: p
            services:
              web:
                command:
                  - a
                  - b
                ports:
                  - published: "8080"
                    target: 80
                tty: true
            volumes:
              data:
                name: p_data
            x-extra:
              -
                - 1
                - 2

            """)
    }

    @Test("Durations print as Go's time.Duration does", arguments: [
        (0, "0s"), (500, "500ns"), (1_500, "1.5µs"), (500_000_000, "500ms"), (1_000_000_000, "1s"), (1_500_000_000, "1.5s"),
        (90_000_000_000, "1m30s"), (3_600_000_000_000, "1h0m0s"), (5_430_500_000_000, "1h30m30.5s"),
    ])
    func durations(nanoseconds: Int, expected: String) {
        #expect(GoDuration.format(nanoseconds: nanoseconds) == expected)
    }
}
