import ComposeModel
import Foundation
import TestSupport
import Testing

/// Strings that JSON writers and readers get wrong: quotes, backslashes,
/// slashes, every control character, DEL, non-ASCII text in several forms.
let hostileStrings: [String] = [
    "", "plain", "quote \" inside", "back\\slash", "\\\"", "slash / and \\/", "line\nbreak", "tab\there", "cr\rlf\n",
    "\u{8}\u{C}", String((0..<0x20).map { Character(Unicode.Scalar(UInt8($0))) }), "\u{7F}", "é and e\u{301}", "😀 🇩🇪",
    "\u{2028}\u{2029}", "\u{FEFF}bom", "中文", "{\"key\": [1, 2]}", "trailing space ", "null", "true", "0",
]

@Suite("The pretty JSON writer")
struct PrettyJSONWriterTests {
    func written(_ value: JSONValue, depth: Int = 0) -> String {
        var writer = PrettyJSONWriter(depth: depth)
        writer.value(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    func encoded<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try JSONEncoder.prettySorted.encode(value), as: UTF8.self)
    }

    @Test("The layout, byte for byte")
    func layout() {
        let value: JSONValue = ["b": [:], "a": [], "c": ["x\"y", 1, true, .null], "B": ["k": .double(2.5)]]
        #expect(written(value) == """
            {
              "B" : {
                "k" : 2.5
              },
              "a" : [

              ],
              "b" : {

              },
              "c" : [
                "x\\"y",
                1,
                true,
                null
              ]
            }
            """)
    }

    @Test("Strings are escaped as JSONEncoder escapes them", arguments: hostileStrings)
    func strings(text: String) throws {
        #expect(written(.string(text)) == (try encoded(text)))
        #expect(written(["k": .string(text), .init(stringLiteral: text): 1]) == (try encoded(["k": JSONValue.string(text), text: 1])))
    }

    @Test("Control characters, one by one")
    func controlCharacters() {
        let expected = [
            "\\u0000", "\\u0001", "\\u0002", "\\u0003", "\\u0004", "\\u0005", "\\u0006", "\\u0007", "\\b", "\\t", "\\n", "\\u000b",
            "\\f", "\\r", "\\u000e", "\\u000f", "\\u0010", "\\u0011", "\\u0012", "\\u0013", "\\u0014", "\\u0015", "\\u0016",
            "\\u0017", "\\u0018", "\\u0019", "\\u001a", "\\u001b", "\\u001c", "\\u001d", "\\u001e", "\\u001f",
        ]
        for byte in 0..<0x20 {
            #expect(written(.string(String(Character(Unicode.Scalar(UInt8(byte)))))) == "\"\(expected[byte])\"")
        }
    }

    @Test("Numbers as JSONEncoder prints them")
    func numbers() throws {
        let doubles: [Double] = [0, -0.0, 1, -1, 0.5, 2.5, 100, 0.1, 0.1 + 0.2, 1e-7, 1.5e-300, 5e-324, 1e15, 1e16, 1e21, 123456789.125,
                                 .pi, -.pi, Double.greatestFiniteMagnitude, Double.leastNormalMagnitude, 30, 1.25e10]
        for number in doubles {
            #expect(written(.double(number)) == (try encoded(number)), "\(number)")
        }
        for number in [0, 1, 9, 10, -1, -10, 1234567890, Int.max, Int.min] {
            #expect(written(.int(number)) == (try encoded(number)))
        }
        #expect(written([.double(30), .double(0.25), .int(-7)]) == "[\n  30,\n  0.25,\n  -7\n]")
    }

    @Test("Keys sort by their UTF-8 bytes, as JSONEncoder sorts them")
    func keyOrder() {
        let keys = hostileStrings + ["a", "ab", "b", "B", "a\u{0}", "env_file", "environment", "x-other-fields", "é", "e\u{301}"]
        for lhs in keys {
            for rhs in keys {
                #expect(JSONKeyOrder.precedes(lhs, rhs) == lhs.utf8.lexicographicallyPrecedes(rhs.utf8), "\(lhs) < \(rhs)")
            }
        }
        let longer = keys + ["stop_grace_period", "stop_signal", "stop_gr", "stop_gra\u{0}", "security_opt", "8 bytes!", "8 bytes!x"]
        #expect(JSONKeyOrder.sorted(Set(longer)) == Set(longer).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
    }

    @Test("Random documents: the same bytes as JSONEncoder, at any depth")
    func randomDocuments() throws {
        var random = SplitMix(seed: 8)
        for _ in 0..<200 {
            let value = Self.randomValue(&random, depth: 0)
            let expected = try encoded(value)
            #expect(written(value) == expected)
            var writer = PrettyJSONWriter(depth: 2)
            try writer.encodable(value)
            var direct = PrettyJSONWriter(depth: 2)
            direct.value(value)
            #expect(writer.bytes == direct.bytes)
            var nested = PrettyJSONWriter()
            nested.beginObject()
            nested.key("a")
            nested.beginArray()
            nested.element()
            try nested.encodable(value)
            nested.endArray()
            nested.endObject()
            #expect(String(decoding: nested.bytes, as: UTF8.self) == (try encoded(["a": [value]] as JSONValue)))
        }
    }

    static func randomValue(_ random: inout SplitMix, depth: Int) -> JSONValue {
        switch random.int(below: depth > 3 ? 5 : 7) {
        case 0: return .null
        case 1: return .bool(random.chance(0.5))
        case 2: return .int(Int(truncatingIfNeeded: random.next()) >> random.int(below: 64))
        case 3: return .double(Double(Int(truncatingIfNeeded: random.next() >> 12)) / Double(1 << random.int(below: 40)))
        case 4: return .string(hostileStrings[random.int(below: hostileStrings.count)] + random.hex(random.int(below: 4)))
        case 5: return .array((0..<random.int(below: 4)).map { _ in randomValue(&random, depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<random.int(below: 5) {
                members[hostileStrings[random.int(below: hostileStrings.count)] + random.hex(random.int(below: 3))] =
                    randomValue(&random, depth: depth + 1)
            }
            return .object(members)
        }
    }
}

@Suite("The fast JSON reader")
struct JSONValueParserTests {
    func decoded(_ text: String) -> JSONValue? {
        try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    @Test("Reads what JSONDecoder reads, the same way")
    func agreesWithJSONDecoder() throws {
        let documents = [
            #"{"a": [1, -2, 0, true, false, null, "x"], "b": {}, "c": [], "d": {"e": {"f": [[]]}}}"#,
            #"  [ "\"\\\/\b\f\n\r\t", "\u0000\u001f\u00e9\u4e2d", "\ud83d\ude00", "e\u0301", "é" ]  "#,
            "\"top\"", "17", "-0", "null", "true", " [\n\t1 ,\r\n 2 ] ", "123456789012345678", "-123456789012345678",
            #"{"Labels": {"com.docker.compose.project": "p", "": ""}, "Names": ["/p-web-1"]}"#,
        ]
        for document in documents {
            let fast = try JSONValueParser.parse(Data(document.utf8))
            #expect(fast == decoded(document), "\(document)")
        }
    }

    @Test("Random documents written by JSONEncoder read back unchanged")
    func randomDocuments() throws {
        var random = SplitMix(seed: 21)
        var read = 0
        for _ in 0..<300 {
            let value = PrettyJSONWriterTests.randomValue(&random, depth: 0)
            for data in [try JSONEncoder().encode(value), try JSONEncoder.prettySorted.encode(value)] {
                // Declined (numbers with a fraction, 19 digits): JSONDecoder's turn.
                guard let fast = try? JSONValueParser.parse(data) else { continue }
                read += 1
                #expect(fast == (try JSONDecoder().decode(JSONValue.self, from: data)))
            }
        }
        #expect(read > 100)
    }

    @Test("Declines what it does not vouch for, valid or not", arguments: [
        "1.5", "1e3", "1E3", "2.0", "1234567890123456789", "-1234567890123456789", #"{"a": 1, "a": 2}"#, #"{"a": {"b": 1, "b": 2}, "c": 3}"#,
        #"{"a": {"x": {}}, "b": [{"a": 1}], "a": 3}"#, #""\ud800""#,
        #""\udc00x""#, #""\ud800\u0041""#, "\u{FEFF}{}", "01", "-", "- 1", "+1", "tru", "nul", "[1,]", "[1 2]", #"{"a"}"#,
        #"{"a": 1,}"#, "{a: 1}", "{} x", "", " ", "\"raw\ncontrol\"", "\"tab\tinside\"", #""\x""#, #""\u12""#, #""unterminated"#,
        "[", "{", String(repeating: "[", count: 300) + String(repeating: "]", count: 300), "NaN", "'single'",
    ])
    func declines(document: String) {
        #expect(throws: JSONValueParser.Declined.self) { try JSONValueParser.parse(Data(document.utf8)) }
    }

    @Test("Declines invalid UTF-8 inside a string")
    func invalidUTF8() throws {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE2, 0x82, 0x22]] {
            #expect(throws: JSONValueParser.Declined.self) { try JSONValueParser.parse(Data(bytes)) }
        }
        #expect(try JSONValueParser.parse(Data([0x22, 0xC3, 0xA9, 0x22])) == "é")
    }
}

@Suite("Concurrent map")
struct ConcurrentMapTests {
    @Test("Keeps the order and the values of map, at every size around the chunk boundaries",
          arguments: [0, 1, 2, 7, 8, 9, 15, 16, 17, 64, 1000])
    func sameAsMap(count: Int) {
        let numbers = Array(0..<count)
        #expect(numbers.concurrentMap(chunkSize: 8) { "\($0 * 3)" } == numbers.map { "\($0 * 3)" })
    }
}
