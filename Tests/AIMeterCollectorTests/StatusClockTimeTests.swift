import Foundation
import Testing

@testable import AIMeterCollector

/// The `STATUS=` line's clock time, formatted without Foundation's ICU formatters, reads exactly
/// like `DateFormatter`'s `HH:mm:ss` in the local time zone.
@Suite struct StatusClockTimeTests {
    @Test(arguments: [0, 59, 3_599, 43_200, 86_399, 1_750_000_305, 1_767_225_600, 1_795_436_309.9])
    func matchesDateFormatter(seconds: Double) {
        let date = Date(timeIntervalSince1970: seconds)
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.dateFormat = "HH:mm:ss"
        #expect(CollectorRuntime.clockTime(date) == formatter.string(from: date))
    }
}
