import AIMeterExport
import Foundation
import Testing

@Suite struct ExportTimestampTests {
    private func format(_ seconds: Int64, _ zone: String) throws -> String {
        ExportTimestamp(timeZone: try #require(TimeZone(identifier: zone))).string(unixSeconds: seconds)
    }

    @Test func midnightUsesHourZeroNotTwentyFour() throws {
        #expect(try format(1_741_824_000, "UTC") == "2025-03-13 00:00:00")
        #expect(try format(1_741_838_400, "America/New_York") == "2025-03-13 00:00:00")
    }

    @Test func followsDaylightSavingAndOddOffsets() throws {
        #expect(try format(1_741_910_400, "America/New_York") == "2025-03-13 20:00:00")  // EDT
        #expect(try format(1_736_000_000, "America/New_York") == "2025-01-04 09:13:20")  // EST
        #expect(try format(1_741_824_000, "Asia/Kolkata") == "2025-03-13 05:30:00")
        #expect(try format(1_741_824_000, "Asia/Kathmandu") == "2025-03-13 05:45:00")
    }

    @Test func padsEveryFieldButTheYear() throws {
        #expect(try format(0, "UTC") == "1970-01-01 00:00:00")
        #expect(try format(1_234_567_890, "UTC") == "2009-02-13 23:31:30")
    }
}
