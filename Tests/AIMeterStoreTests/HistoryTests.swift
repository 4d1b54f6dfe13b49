import AIMeterCore
import Foundation
import Testing

@testable import AIMeterStore

@Suite struct HistoryTests {
    @Test func keepsTheLastRecordPerBucketAndNamesDroppedItems() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        // 5-minute buckets: [900, 1200), [1200, 1500), [1500, 1800).
        try fixture.append("a", at: 1_000, [("Old", 5)])
        try fixture.append("a", at: 1_100, [("Session", 10), ("Weekly", 20)])
        try fixture.append("a", at: 1_200, [("Session", 11), ("Weekly", 21)], cost: Cost(used: 1, limit: 10))
        try fixture.append("a", at: 1_200, [("Weekly", 22), ("Session", 12)], cost: Cost(used: 3, limit: 10))
        try fixture.append("a", at: 1_500, [("Session", 13)], cost: Cost(used: 2))
        let result = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5), now: .unix(2_000))
        #expect(result.map(\.providerId) == ["a"])
        #expect(result[0].series == HistorySeries(
            names: ["Old", "Session", "Weekly"],
            points: [
                HistoryPoint(t: 1_100, p: [.init(index: 1, usedPercent: 10), .init(index: 2, usedPercent: 20)]),
                HistoryPoint(
                    t: 1_200, p: [.init(index: 2, usedPercent: 22), .init(index: 1, usedPercent: 12)],
                    c: HistoryCost(used: 3, limit: 10)),
                HistoryPoint(t: 1_500, p: [.init(index: 1, usedPercent: 13)]),
            ]))
    }

    @Test func selectsTheRollingWindowInclusively() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        let now: Int64 = 10 * 86_400
        try fixture.append("a", at: now - 86_400 - 1, [("Gone", 1)])
        try fixture.append("a", at: now - 86_400, [("Kept", 2)])
        let result = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5), now: .unix(now))
        #expect(result[0].series == HistorySeries(names: ["Kept"], points: [HistoryPoint(t: now - 86_400, p: [.init(index: 0, usedPercent: 2)])]))
        #expect(try fixture.database.history(HistoryQuery(days: -1, bucketMinutes: 5), now: .unix(now)).isEmpty)
        #expect(try fixture.database.history(HistoryQuery(days: .min, bucketMinutes: 5), now: .unix(now)).isEmpty)
        for bucket in [5, 60, .max] {
            let everything = try fixture.database.history(HistoryQuery(days: .max, bucketMinutes: bucket), now: .unix(now))
            #expect(everything.first?.series.names == ["Gone", "Kept"])
        }
    }

    @Test func ordersProvidersByTheirFirstRowInRange() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b", "c", "d"])
        try fixture.append("c", at: 10, [("S", 1)])  // out of range
        try fixture.append("a", at: 5_000, [("S", 2)])
        try fixture.append("b", at: 4_000, [("S", 3)])
        try fixture.append("b", at: 6_000, [("S", 4)])
        try fixture.database.syncProviders(
            ["a", "b", "c"].enumerated().map { StoreFixture.config($1, order: $0 + 1) }, now: .unix(7_000))
        try fixture.append("d", at: 3_000, [("S", 5)])  // inactive now: not in history
        let result = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5), now: .unix(86_400 + 1_000))
        #expect(result.map(\.providerId) == ["b", "a"])
        #expect(result[0].series.points.map(\.t) == [4_000, 6_000])
    }

    @Test func answersExactlyTheRequestedProvider() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        try fixture.append("a", at: 100, [("S", 2)])
        let one = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5, providerId: "a"), now: .unix(200))
        #expect(one.count == 1 && one[0].providerId == "a" && one[0].series.points.count == 1)
        let quiet = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5, providerId: "b"), now: .unix(200))
        #expect(quiet.map(\.providerId) == ["b"] && quiet[0].series == HistorySeries())
        let unknown = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 5, providerId: "zzz"), now: .unix(200))
        #expect(unknown.map(\.providerId) == ["zzz"] && unknown[0].series == HistorySeries())
    }

    @Test func resolvesBucketSizesLikeAIMeter() {
        let auto = [7: 5, 1: 5, 0: 5, 8: 10, 14: 10, 15: 15, 30: 15, 31: 20, 60: 20, 61: 30, 90: 30, 91: 60, 120: 60, 365: 60]
        for (days, minutes) in auto {
            #expect(HistoryQuery.resolveBucketMinutes(days: days, requested: nil) == minutes, "days \(days)")
        }
        #expect(HistoryQuery.resolveBucketMinutes(days: 30, requested: 7.9) == 7)
        #expect(HistoryQuery.resolveBucketMinutes(days: 30, requested: 1) == 1)
        #expect(HistoryQuery.resolveBucketMinutes(days: 89, requested: 5) == 5)
        #expect(HistoryQuery.resolveBucketMinutes(days: 90, requested: 5) == 20)
        #expect(HistoryQuery.resolveBucketMinutes(days: 120, requested: 45) == 45)
        #expect(HistoryQuery.resolveBucketMinutes(days: 30, requested: 0.5) == 15)
        #expect(HistoryQuery.resolveBucketMinutes(days: 120, requested: .nan) == 60)
        #expect(HistoryQuery.resolveBucketMinutes(days: 120, requested: .infinity) == 60)
        #expect(HistoryQuery.resolveBucketMinutes(days: 7, requested: 1e300) == 1_000_000_000)
        #expect(HistoryQuery(days: 90, requestedBucketMinutes: 5).bucketMinutes == 20)
    }

    @Test func explicitIntervalFloorAppliesFromNinetyDays() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        // 10-minute polls: 20-minute buckets keep every second one.
        for t in stride(from: Int64(0), to: 7_200, by: 600) { try fixture.append("a", at: t, [("S", Double(t))]) }
        let query = HistoryQuery(days: 90, requestedBucketMinutes: 10)
        let points = try fixture.database.history(query, now: .unix(7_200))[0].series.points
        #expect(points.map(\.t) == [600, 1_800, 3_000, 4_200, 5_400, 6_600])
    }

    @Test func matchesAReferenceImplementationOnIrregularData() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        var random = SplitMix(seed: 42)
        let layouts: [[String]] = [["Session", "Weekly"], ["Weekly", "Session"], ["Session", "Weekly", "Opus"], ["Credits"]]
        for provider in ["a", "b"] {
            var t: Int64 = 1_000_000
            for _ in 0..<400 {
                let step = random.next(upTo: 5)
                t += [0, 37, 300, 301, 1_799][step]
                // A clock that sometimes goes backwards inserts into the past.
                let at = random.next(upTo: 10) == 0 ? t - Int64(random.next(upTo: 4_000)) : t
                let names = layouts[random.next(upTo: 12) < 10 ? 0 : random.next(upTo: layouts.count)]
                let values = names.map { ($0, Double(random.next(upTo: 10_000)) / 100) }
                let cost = random.next(upTo: 3) == 0 ? Cost(used: Double(random.next(upTo: 50)), limit: 50) : nil
                try fixture.append(provider, at: at, values, cost: cost)
            }
        }
        let now: Int64 = 1_000_000 + 86_400
        for minutes in [1, 5, 7, 10, 15, 20, 30, 45, 60, 90, 180, 1_440] {
            for days in [1, 2] {
                let actual = try fixture.database.history(HistoryQuery(days: days, bucketMinutes: minutes), now: .unix(now))
                let since = Date.unix(now - Int64(days) * 86_400)
                let raw = try ["a", "b"].map { ($0, try fixture.database.snapshots(providerId: $0, since: since)) }
                    .filter { !$0.1.isEmpty }
                    .sorted { ($0.1[0].createdAt, $0.1[0].pollId) < ($1.1[0].createdAt, $1.1[0].pollId) }
                let expected = raw.map { ($0.0, Self.reference($0.1, minutes)) }
                #expect(actual.map(\.providerId) == expected.map(\.0), "minutes \(minutes) days \(days)")
                for (index, pair) in expected.enumerated() where index < actual.count {
                    #expect(actual[index].series == pair.1, "provider \(pair.0) minutes \(minutes) days \(days)")
                }
            }
        }
    }

    /// AIMeter's algorithm, written naively over the raw rows (oldest first, ties by poll id).
    static func reference(_ rows: [StoredSnapshot], _ minutes: Int) -> HistorySeries {
        var names: [String] = []
        for row in rows { for item in row.items where !names.contains(item.name) { names.append(item.name) } }
        var byBucket: [Int64: StoredSnapshot] = [:]
        let width = Int64(minutes * 60)
        for row in rows {
            let t = Int64(row.createdAt.timeIntervalSince1970)
            byBucket[Int64((Double(t) / Double(width)).rounded(.down))] = row
        }
        let points = byBucket.keys.sorted().map { key -> HistoryPoint in
            let row = byBucket[key]!
            let p = row.items.map { HistoryValue(index: names.firstIndex(of: $0.name)!, usedPercent: $0.usedPercent) }
            let c = row.cost.flatMap { cost in cost.used.flatMap { used in cost.limit.map { HistoryCost(used: used, limit: $0) } } }
            return HistoryPoint(t: Int64(row.createdAt.timeIntervalSince1970), p: p, c: c)
        }
        return HistorySeries(names: names, points: points)
    }
}

/// A small deterministic generator so the irregular data is the same on every run.
struct SplitMix {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next(upTo bound: Int) -> Int {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return Int((z ^ (z >> 31)) % UInt64(bound))
    }
}
