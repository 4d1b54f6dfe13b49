import Foundation
import Testing

@testable import AIMeterCLI

@Suite("status table formatting")
struct StatusTableTests {
    @Test("countdowns", arguments: [(8000.0, "2h 13m"), (3 * 86400 + 7200.0, "3d 2h"), (59.0, "59s"), (600.0, "10m"), (-5.0, "now")])
    func countdown(seconds: Double, expected: String) {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(StatusTable.countdown(to: now.addingTimeInterval(seconds), from: now) == expected)
    }

    @Test("ages", arguments: [(5.0, "5s ago"), (125.0, "2m ago"), (7200.0, "2h ago"), (200000.0, "2d ago")])
    func age(seconds: Double, expected: String) {
        let now = Date(timeIntervalSince1970: 1_000_000)
        #expect(StatusTable.age(from: now.addingTimeInterval(-seconds), to: now) == expected)
    }
}
