import Foundation
import Testing

@testable import AIMeterCore

@Suite struct PercentEncodingTests {
    @Test("decodes like decodeURIComponent and agrees with Foundation", arguments: [
        "plain", "", "a%20b", "%E2%82%AC100", "abc.def%3D", "%7e%7E", "100%", "%zz", "%4", "%C3%28", "%%41", "a+b",
    ])
    func decodes(text: String) {
        #expect(PercentEncoding.decode(text) == text.removingPercentEncoding)
    }

    @Test func malformedEscapesAndBrokenUTF8AreNil() {
        #expect(PercentEncoding.decode("a%2") == nil)
        #expect(PercentEncoding.decode("%FF") == nil)
        #expect(PercentEncoding.decode("%41%42") == "AB")
    }
}
