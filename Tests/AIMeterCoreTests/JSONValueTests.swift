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
