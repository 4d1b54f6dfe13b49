import AIMeterCore
import Foundation
import Testing

@testable import AIMeterStore

@Suite struct ZZTemporaryBench {
    @Test func bench() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env["AIMETER_BENCH_DB"] else { return }
        if env["AIMETER_BENCH_MODE"] == "create" {
            let db = try AppDatabase.openWriter(path: path)
            try db.syncProviders((1...50).map { ProviderConfig(id: String(format: "p%02d", $0), type: .claude, displayOrder: $0) }, now: Date())
            return
        }
        let db = try AppDatabase.openReader(path: path)
        let now = Date(timeIntervalSince1970: 1_760_000_000)
        for _ in 0..<2 {
            var clock = ContinuousClock.now
            let latest = try db.latestSnapshots()
            print("latestSnapshots", ContinuousClock.now - clock, latest.count)
            for days in [365, 90, 60, 30, 7, 1] {
                clock = ContinuousClock.now
                let h = try db.history(HistoryQuery(days: days, requestedBucketMinutes: nil), now: now)
                print("history days", days, ContinuousClock.now - clock, h.count, h.reduce(0) { $0 + $1.series.points.count })
            }
            clock = ContinuousClock.now
            let one = try db.history(HistoryQuery(days: 365, requestedBucketMinutes: nil, providerId: "p07"), now: now)
            print("history one provider 365", ContinuousClock.now - clock, one[0].series.points.count)
            clock = ContinuousClock.now
            let raw = try db.snapshots(providerId: "p07", since: now.addingTimeInterval(-30 * 86400))
            print("raw 30 days one provider", ContinuousClock.now - clock, raw.count)
        }
    }
}
