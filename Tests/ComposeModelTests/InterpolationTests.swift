import ComposeModel
import Testing

@Suite("Interpolation")
struct InterpolationTests {
    let interpolator = Interpolator(lookup: { ["SET": "value", "EMPTY": ""][$0] })

    @Test("Every documented form", arguments: [
        ("$SET", "value"), ("${SET}", "value"), ("x${SET}y", "xvaluey"), ("$SET-suffix", "value-suffix"),
        ("${UNSET:-default}", "default"), ("${EMPTY:-default}", "default"), ("${EMPTY-default}", ""),
        ("${UNSET-default}", "default"), ("${SET:-default}", "value"),
        ("${SET:+alt}", "alt"), ("${EMPTY:+alt}", ""), ("${EMPTY+alt}", "alt"), ("${UNSET+alt}", ""),
        ("$$SET", "$SET"), ("$${SET}", "${SET}"), ("cost: 5$", "cost: 5$"), ("$1", "$1"),
        ("${UNSET:-${SET}}", "value"), ("${UNSET:-a ${SET} b}", "a value b"), ("${UNSET}", ""),
    ])
    func forms(template: String, expected: String) throws {
        #expect(try interpolator.interpolate(template).text == expected)
    }

    @Test("Unset variables are reported")
    func unset() throws {
        #expect(try interpolator.interpolate("${A} $B ${C:-x}").unsetVariables == ["A", "B"])
    }

    @Test("Required variables fail with their message")
    func required() {
        #expect(throws: Interpolator.Failure.missingRequired(variable: "UNSET", message: "set it")) {
            try interpolator.interpolate("${UNSET:?set it}")
        }
        #expect(throws: Interpolator.Failure.missingRequired(variable: "EMPTY", message: "empty")) {
            try interpolator.interpolate("${EMPTY:?empty}")
        }
        #expect((try? interpolator.interpolate("${EMPTY?only unset}").text) == "")
        #expect(throws: Interpolator.Failure.missingRequired(variable: "UNSET", message: "")) {
            try interpolator.interpolate("${UNSET?}")
        }
    }

    @Test("Malformed templates fail")
    func malformed() {
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${SET") }
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${1X}") }
        #expect(throws: Interpolator.Failure.self) { try interpolator.interpolate("${SET:x}") }
    }
}

@Suite("dotenv files")
struct DotEnvTests {
    @Test("Comments, quotes, export, escapes, expansion, multi-line values")
    func parse() throws {
        let text = """
            # comment
            export A=1
            B = two words # trailing comment
            C='single $A #not comment'
            D="double $A\\n\\"q\\""
            E=${A}-x
            F="line1
            line2"
            G
            H=
            """
        let pairs = try DotEnv.parse(text, lookup: { $0 == "G" ? "from-env" : nil })
        let values = Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { $1 })
        #expect(values["A"] == "1")
        #expect(values["B"] == "two words")
        #expect(values["C"] == "single $A #not comment")
        #expect(values["D"] == "double 1\n\"q\"")
        #expect(values["E"] == "1-x")
        #expect(values["F"] == "line1\nline2")
        #expect(values["G"] == .some(nil))
        #expect(values["H"] == "")
    }

    @Test("A bad line names its number")
    func badLine() {
        #expect(throws: DotEnv.ParseError(line: 2, message: "invalid variable name \"BAD KEY\"")) {
            try DotEnv.parse("A=1\nBAD KEY=2\n")
        }
    }
}
