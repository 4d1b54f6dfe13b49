import Foundation
import Testing

@testable import AIMeterCore

@Suite("Upstream timestamps")
struct UpstreamTimeTests {
    @Test("ISO-8601 variants parse like JavaScript's Date", arguments: [
        ("2026-03-14T08:00:00.723342+00:00", 1_773_475_200.723),
        ("2026-03-14T08:00:00Z", 1_773_475_200),
        ("2026-03-14T10:00:00+02:00", 1_773_475_200),
        ("2026-03-14 08:00:00", 1_773_475_200),
        ("2026-04-01", 1_775_001_600),
        ("2026-03-08T12:25:03.795Z", 1_772_972_703.795),
    ])
    func parses(text: String, expected: Double) throws {
        let date = try #require(UpstreamTime.parse(text))
        #expect(abs(date.timeIntervalSince1970 - expected) < 0.0005)
    }

    @Test("garbage does not parse", arguments: ["", "yesterday", "2026-13-01", "2026-03-14T25:00:00Z", "2026-03-14Tx"])
    func rejects(text: String) {
        #expect(UpstreamTime.parse(text) == nil)
    }

    @Test("epoch values above 1e12 are milliseconds")
    func epochs() {
        #expect(UpstreamTime.fromEpoch(1_773_475_200_000).timeIntervalSince1970 == 1_773_475_200)
        #expect(UpstreamTime.fromEpoch(1_773_475_200).timeIntervalSince1970 == 1_773_475_200)
        #expect(UpstreamTime.unixSeconds(Date(timeIntervalSince1970: 1_773_475_200.999)) == 1_773_475_200)
    }
}
