import Foundation
import Testing

@testable import AIMeterCore

@Suite("Ordered JSON")
struct JSONValueTests {
    @Test("parsing keeps key order and serialization reproduces JSON.stringify")
    func roundTrip() throws {
        let text = #"{"b":1,"a":[true,null,"x\/y"],"c":{"z":12.5,"y":"中文 \"q\""}}"#
        let value = try JSONValue.parse(text)
        #expect(value.objectValue?.keys == ["b", "a", "c"])
        #expect(value.serialized() == #"{"b":1,"a":[true,null,"x/y"],"c":{"z":12.5,"y":"中文 \"q\""}}"#)
    }

    @Test("pretty printing uses two spaces and keeps empty containers compact")
    func pretty() {
        let value: JSONValue = ["a": 1, "b": [], "c": ["d": .null], "e": [1, 2]]
        #expect(value.serialized(pretty: true) == "{\n  \"a\": 1,\n  \"b\": [],\n  \"c\": {\n    \"d\": null\n  },\n  \"e\": [\n    1,\n    2\n  ]\n}")
    }

    @Test("control characters are escaped like JavaScript")
    func escapes() {
        #expect(JSONValue.string("a\nb\u{01}\t").serialized() == #""a\nb\u0001\t""#)
    }

    @Test("strings escape exactly like JavaScript, with or without characters to escape")
    func escapesRandomStrings() throws {
        // JSON.stringify's escapes, one scalar at a time: the reference for both writing paths.
        func reference(_ text: String) -> String {
            let named: [Unicode.Scalar: String] = ["\"": "\\\"", "\\": "\\\\", "\n": "\\n", "\r": "\\r", "\t": "\\t", "\u{08}": "\\b", "\u{0C}": "\\f"]
            return "\"" + text.unicodeScalars.map { scalar in
                if let escape = named[scalar] { return escape }
                if scalar.value < 0x20 { return "\\u00" + (scalar.value < 0x10 ? "0" : "") + String(scalar.value, radix: 16) }
                return String(scalar)
            }.joined() + "\""
        }
        let alphabet: [Character] = ["a", "Z", "0", " ", "/", "\"", "\\", "\n", "\u{01}", "\u{1F}", "\u{7F}", "é", "中", "😀", "\t"]
        var random = SystemRandomNumberGenerator()
        for round in 0..<2_000 {
            // Every other string draws from the plain characters only: the whole-string path.
            let pool = round % 2 == 0 ? alphabet.filter { $0.asciiValue.map { $0 >= 0x20 && $0 != 0x22 && $0 != 0x5C } ?? true } : alphabet
            let text = String((0..<(round % 40)).map { _ in pool.randomElement(using: &random)! })
            let written = JSONValue.string(text).serialized()
            #expect(written == reference(text), "\(Array(text.unicodeScalars))")
            #expect(try JSONValue.parse(written) == .string(text))
        }
    }

    @Test("numbers may arrive as strings")
    func lenientNumbers() throws {
        let value = try JSONValue.parse(#"{"n":"12.50","m":" 7 ","bad":"x","empty":""}"#)
        #expect(value["n"]?.doubleValue == 12.5)
        #expect(value["m"]?.doubleValue == 7)
        #expect(value["bad"]?.doubleValue == nil)
        #expect(value["empty"]?.doubleValue == nil)
    }

    @Test("surrogate pairs decode", arguments: [#""\ud83d\ude00""#])
    func surrogates(text: String) throws {
        #expect(try JSONValue.parse(text).stringValue == "😀")
    }

    @Test("malformed input fails with an offset", arguments: ["", "{", "{\"a\" 1}", "[1,]", "tru", "{\"a\":1} x", "\"\u{01}\"", "01x"])
    func malformed(text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("deep nesting is refused instead of crashing")
    func deepNesting() {
        let text = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test("assigning an existing key keeps its position; nil removes")
    func objectMutation() {
        var object = JSONObject()
        object["a"] = 1
        object["b"] = 2
        object["a"] = 3
        #expect(object.keys == ["a", "b"])
        object["a"] = nil
        #expect(object.keys == ["b"])
    }
}
