import AIMeterCore
@testable import AIMeterProviders
import Testing

@Suite("Custom: response path syntax")
struct CustomPathTests {
    typealias S = ResponsePath.Segment

    @Test(arguments: [
        ("data.quota", [S.key("data"), .key("quota")], "data.quota"),
        ("five_hour.utilization", [.key("five_hour"), .key("utilization")], "five_hour.utilization"),
        ("results[0].used_amount", [.key("results"), .index(0), .key("used_amount")], "results[0].used_amount"),
        ("results[-1]", [.key("results"), .index(-1)], "results[-1]"),
        ("[2].value", [.index(2), .key("value")], "[2].value"),
        ("accounts[name=main].five_hour.utilization",
         [.key("accounts"), .select(key: "name", value: "main"), .key("five_hour"), .key("utilization")],
         "accounts[name=main].five_hour.utilization"),
        ("accounts[ id = 3 ].x", [.key("accounts"), .select(key: "id", value: "3"), .key("x")], "accounts[id=3].x"),
        (#"accounts["display name"="Team A"].used"#,
         [.key("accounts"), .select(key: "display name", value: "Team A"), .key("used")],
         #"accounts["display name"="Team A"].used"#),
        (#"data["weird.key"]['b c']"#, [.key("data"), .key("weird.key"), .key("b c")], #"data["weird.key"]["b c"]"#),
        (#"x["a\"b"]"#, [.key("x"), .key(#"a"b"#)], #"x["a\"b"]"#),
        ("[id=7].used", [.select(key: "id", value: "7"), .key("used")], "[id=7].used"),
        ("$meta.v-2", [.key("$meta"), .key("v-2")], "$meta.v-2"),
    ])
    func validPathsParse(_ text: String, _ segments: [S], _ canonical: String) throws {
        let path = try ResponsePath(parsing: text)
        #expect(path.segments == segments)
        #expect(path.description == canonical)
        #expect(try ResponsePath(parsing: path.description) == path)
    }

    @Test(arguments: [
        ("", "the path is empty", 1),
        ("a..b", "empty member name", 3),
        (".a", "empty member name", 1),
        ("a.", "empty member name", 3),
        ("a[", "empty key", 3),
        ("a[0", "missing ]", 4),
        ("a[]", "empty key", 3),
        ("a[x=]", "empty value", 5),
        ("a[=x]", "empty key", 3),
        ("a[1x]", "expected ]", 4),
        ("a[-]", "invalid index \"-\"", 3),
        (#"a["open]"#, "unterminated quoted key", 3),
        ("a b", #"unexpected " "; use . or [ between parts"#, 2),
        (#"a."b""#, #"quoted names go in brackets, e.g. ["a.b"]"#, 3),
        ("a=b", #"unexpected "="; use . or [ between parts"#, 2),
        ("a]", #"unexpected "]"; use . or [ between parts"#, 2),
    ])
    func invalidPathsNameTheProblemAndPosition(_ text: String, _ reason: String, _ position: Int) {
        #expect(throws: ResponsePathError(path: text, reason: reason, position: position)) {
            try ResponsePath(parsing: text)
        }
    }

    @Test func errorDescriptionQuotesThePath() {
        let error = ResponsePathError(path: "a..b", reason: "empty member name", position: 3)
        #expect(error.description == #"invalid path "a..b": empty member name at character 3"#)
    }

    @Test func resolveFollowsKeysIndexesAndSelectors() throws {
        let document: JSONValue = [
            "accounts": [
                ["name": "main", "id": 1, "on": true, "five_hour": ["utilization": 37]],
                ["name": "b", "id": 2.5, "on": false, "five_hour": nil],
            ],
        ]
        func value(_ text: String) throws -> ResponsePath.Resolution { try ResponsePath(parsing: text).resolve(in: document) }
        #expect(try value("accounts[name=main].five_hour.utilization") == .found(37))
        #expect(try value("accounts[id=2.5].name") == .found("b"))
        #expect(try value("accounts[on=false].id") == .found(2.5))
        #expect(try value("accounts[-1].name") == .found("b"))
        #expect(try value("accounts[1].five_hour") == .found(nil))
        #expect(try value("accounts[name=zed].x") == .missing(at: "accounts[name=zed]", reason: "no element has name = zed"))
        #expect(try value("accounts[5]") == .missing(at: "accounts[5]", reason: "index 5 is out of range (2 elements)"))
        #expect(try value("accounts[name=b].five_hour.utilization")
            == .missing(at: "accounts[name=b].five_hour.utilization", reason: "accounts[name=b].five_hour is null, not an object"))
        #expect(try value("accounts.name") == .missing(at: "accounts.name", reason: "accounts is an array, not an object"))
        #expect(try value("[0]") == .missing(at: "[0]", reason: "the answer is an object, not an array"))
        #expect(try value("missing") == .missing(at: "missing", reason: "no member \"missing\""))
    }
}
