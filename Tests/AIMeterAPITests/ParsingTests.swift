import AIMeterAPI
import Foundation
import Testing

@Suite struct ParsingTests {
    @Test(arguments: [
        ("12abc", 12), ("  7", 7), ("-3", -3), ("+4", 4), ("0x10", 16), ("1e3", 1), ("3.9", 3), ("0", 0),
    ])
    func parseIntTakesTheLeadingInteger(text: String, expected: Int) {
        #expect(JSNumberParsing.parseInt(text) == expected)
    }

    @Test(arguments: ["abc", "", " ", "-", "0x", ".5"])
    func parseIntIsNaNWithoutDigits(text: String) {
        #expect(JSNumberParsing.parseInt(text) == nil)
    }

    @Test func numberParsesTheWholeString() {
        #expect(JSNumberParsing.number("15") == 15)
        #expect(JSNumberParsing.number(" 2.5 ") == 2.5)
        #expect(JSNumberParsing.number("") == 0)
        #expect(JSNumberParsing.number("0x10") == 16)
        #expect(JSNumberParsing.number("1e2") == 100)
        #expect(JSNumberParsing.number("Infinity") == .infinity)
        #expect(JSNumberParsing.number("15abc")?.isNaN == true)
        #expect(JSNumberParsing.number("nan")?.isNaN == true)
        #expect(JSNumberParsing.number("5,6")?.isNaN == true)
        #expect(JSNumberParsing.number(nil) == nil)
    }

    @Test func queryStringDecodesLikeExpress() {
        let query = QueryString("format=csv&providers=claude%2Ckimi&timezone=America%2FNew_York&a+b=c+d&format=xml&flag&bad=%zz")
        #expect(query.single("format") == nil)
        #expect(query.all("format") == ["csv", "xml"])
        #expect(query.first("format") == "csv")
        #expect(query.single("providers") == "claude,kimi")
        #expect(query.single("timezone") == "America/New_York")
        #expect(query.single("a b") == "c d")
        #expect(query.single("flag") == "")
        #expect(query.single("bad") == "%zz")
        #expect(QueryString(nil).pairs.isEmpty)
    }

    @Test func entityTagsMatchWeaklyAndByList() {
        let tag = EntityTag.weak(of: "hello")
        #expect(tag.hasPrefix("W/\"") && tag.count == 20)
        #expect(tag != EntityTag.weak(of: "hello!"))
        #expect(EntityTag.matches(ifNoneMatch: tag, tag: tag))
        #expect(EntityTag.matches(ifNoneMatch: "\"x\", " + String(tag.dropFirst(2)), tag: tag))
        #expect(EntityTag.matches(ifNoneMatch: "*", tag: tag))
        #expect(!EntityTag.matches(ifNoneMatch: "\"other\"", tag: tag))
        #expect(!EntityTag.matches(ifNoneMatch: nil, tag: tag))
    }

    @Test func routeTableMatchesParametersSegmentBySegment() {
        let table = RouteTable([
            APIRoute(.get, "/api/providers/:id/history") { _, _ in .init(status: .ok) },
            APIRoute(.post, "/api/providers/:id/refresh") { _, _ in .init(status: .ok) },
            APIRoute(.get, "/api/providers") { _, _ in .init(status: .ok) },
            APIRoute(.post, "/api/providers") { _, _ in .init(status: .ok) },
        ])
        #expect(table.allowedMethods(for: "/api/providers/abc/history") == [.get])
        #expect(table.allowedMethods(for: "/api/providers/") == [.get, .post])
        #expect(table.allowedMethods(for: "/api/providers/abc") == [])
    }
}
