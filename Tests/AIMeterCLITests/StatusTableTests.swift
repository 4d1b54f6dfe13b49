import Foundation
import Testing

import AIMeterCore
import AIMeterStore
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

@Suite("status table layout")
struct StatusTableLayoutTests {
    @Test("coloured cells are padded by their visible width, so columns line up")
    func alignment() {
        let provider = AIMeterStore.StoredProvider(
            id: "p1", type: .claude, name: "Work", region: nil, refreshIntervalMinutes: 5, displayOrder: 1, plan: nil,
            options: [:], credentialKind: nil)
        let now = Date(timeIntervalSince1970: 2_000_000)
        let snapshot = AIMeterStore.StoredSnapshot(
            providerId: "p1", pollId: 1,
            items: [ProgressItem(name: "Session", usedPercent: 95), ProgressItem(name: "Weekly", usedPercent: 5)],
            cost: nil, identity: nil, createdAt: now)
        let output = StatusTable(colors: true).render(
            [ProviderStatus(provider: provider, snapshot: snapshot, state: FetchState())], now: now)
        #expect(output.contains("\u{1B}[31m"))  // 95 % is painted red
        let plain = output.replacingOccurrences(of: "\u{1B}\\[[0-9;]*m", with: "", options: .regularExpression)
        let lines = plain.split(separator: "\n").map(String.init)
        let itemColumn = lines[0].range(of: "ITEM")!.lowerBound.utf16Offset(in: lines[0])
        #expect(lines[1].range(of: "Session")!.lowerBound.utf16Offset(in: lines[1]) == itemColumn)
        #expect(lines[2].range(of: "Weekly")!.lowerBound.utf16Offset(in: lines[2]) == itemColumn)
    }
}
