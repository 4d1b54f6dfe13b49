import Testing

@testable import AIMeterCore

@Suite("Window descriptions")
struct WindowDurationTests {
    /// The verified examples of reference/api.md §3.10 and providers.md §1.2.
    @Test("AIMeter's formatWindowDurationFromMinutes", arguments: [
        (0.4, "0 minutes"), (1, "1 minute"), (30, "30 minutes"), (59, "59 minutes"), (60, "1 hour"), (90, "1.5 hours"),
        (100, "1.67 hours"), (119, "2 hours"), (150, "2.5 hours"), (300, "5 hours"), (1440, "1 day"), (2880, "2 days"),
        (4320, "3 days"), (10080, "1 week"), (14400, "1.43 weeks"), (20160, "2 weeks"), (40320, "4 weeks"),
        (43200, "1 month"), (129600, "3 months"), (525600, "12 months"),
    ])
    func describe(minutes: Double, expected: String) {
        #expect(WindowDuration.describe(minutes: minutes) == expected)
    }

    @Test("missing, zero, negative and non-finite windows have no description")
    func emptyCases() {
        #expect(WindowDuration.describe(minutes: nil) == "")
        #expect(WindowDuration.describe(minutes: 0) == "")
        #expect(WindowDuration.describe(minutes: -5) == "")
        #expect(WindowDuration.describe(minutes: .nan) == "")
        #expect(WindowDuration.column(minutes: nil) == "-")
        #expect(WindowDuration.column(minutes: 300) == "5 hours")
    }

    @Test("seconds are converted to minutes")
    func seconds() {
        #expect(WindowDuration.describe(seconds: 18000) == "5 hours")
        #expect(WindowDuration.describe(seconds: 604800) == "1 week")
    }
}
