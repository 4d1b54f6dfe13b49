import AIMeterCore
import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct SnapshotTests {
    @Test func appendsAndReadsTheLatestSnapshot() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        let item = ProgressItem(
            name: "Weekly", desc: "7 days window", usedPercent: 41.25, remainingPercent: 58.75, used: 41.25, limit: 100,
            windowMinutes: 10080, resetsAt: 1_700_600_000, resetDescription: "Weekly reset")
        let snapshot = UsageSnapshot(
            items: [ProgressItem(name: "Session", usedPercent: 3), item],
            cost: Cost(used: 1.5, limit: 20, remaining: 18.5, currency: "USD", period: "Monthly"),
            identity: Identity(plan: "Max"), updatedAt: .unix(0))
        let first = try fixture.database.appendSnapshot(snapshot, providerId: "a", at: Date(timeIntervalSince1970: 1_000.7))
        let second = try fixture.append("a", at: 1_300, [("Session", 4)])
        #expect(second > first)
        let latest = try #require(try fixture.database.latestSnapshot(providerId: "a"))
        #expect(latest.pollId == second && latest.createdAt == .unix(1_300) && latest.cost == nil && latest.identity == nil)
        let all = try fixture.database.snapshots(providerId: "a", since: .unix(0))
        #expect(all.map(\.pollId) == [first, second])
        #expect(all[0] == StoredSnapshot(
            providerId: "a", pollId: first, items: snapshot.items, cost: snapshot.cost, identity: Identity(plan: "Max"),
            createdAt: .unix(1_000)))
        #expect(try fixture.database.latestSnapshot(providerId: "b") == nil)
        #expect(try fixture.database.latestSnapshot(providerId: "nobody") == nil)
    }

    @Test func latestPrefersTheGreatestTimeThenTheLaterPoll() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        try fixture.append("a", at: 2_000, [("S", 1)])
        try fixture.append("a", at: 1_000, [("S", 2)])  // clock went backwards: older, not latest
        try fixture.append("b", at: 5_000, [("S", 3)])
        let tie = try fixture.append("b", at: 5_000, [("S", 4)])
        let latest = try fixture.database.latestSnapshots()
        #expect(latest.keys.sorted() == ["a", "b"])
        #expect(latest["a"]?.items.first?.usedPercent == 1)
        #expect(latest["b"]?.pollId == tie)
    }

    @Test func snapshotsSinceIsInclusiveAndAscending() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        for t in [300, 100, 200] { try fixture.append("a", at: Int64(t), [("S", Double(t))]) }
        let since = try fixture.database.snapshots(providerId: "a", since: .unix(200))
        #expect(since.map(\.createdAt) == [.unix(200), .unix(300)])
        #expect(try fixture.database.snapshots(providerId: "zzz", since: .unix(0)).isEmpty)
    }

    @Test func storesCostOnlySnapshots() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        try fixture.database.appendSnapshot(
            UsageSnapshot(items: [], cost: Cost(remaining: 12.5, currency: "CNY"), updatedAt: .unix(0)),
            providerId: "a", at: .unix(50))
        let latest = try #require(try fixture.database.latestSnapshot(providerId: "a"))
        #expect(latest.items.isEmpty && latest.cost == Cost(remaining: 12.5, currency: "CNY"))
    }

    @Test func refusesEmptyOrNonFiniteSnapshotsAndStoresNothing() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        let empty = UsageSnapshot(items: [], cost: Cost(used: .nan), updatedAt: .unix(0))
        #expect(throws: StoreError.invalidSnapshot(providerId: "a", reason: "it has no items and no cost")) {
            try fixture.database.appendSnapshot(empty, providerId: "a", at: .unix(1))
        }
        #expect(throws: StoreError.self) {
            try fixture.database.appendSnapshot(StoreFixture.snapshot([("S", .infinity)]), providerId: "a", at: .unix(1))
        }
        #expect(throws: StoreError.unknownProvider("ghost")) {
            try fixture.database.appendSnapshot(StoreFixture.snapshot([("S", 1)]), providerId: "ghost", at: .unix(1))
        }
        let polls = try fixture.database.dbWriter.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM poll") }
        #expect(polls == 0)
    }

    @Test func dropsNonFiniteOptionalNumbers() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        let item = ProgressItem(name: "S", usedPercent: 5, remainingPercent: .nan, used: .infinity, limit: 10)
        try fixture.database.appendSnapshot(
            UsageSnapshot(items: [item], cost: Cost(used: .nan, limit: 5), updatedAt: .unix(0)), providerId: "a", at: .unix(1))
        let latest = try #require(try fixture.database.latestSnapshot(providerId: "a"))
        #expect(latest.items == [ProgressItem(name: "S", usedPercent: 5, limit: 10)])
        #expect(latest.cost == Cost(limit: 5))
    }

    @Test func latestQueriesLookUpOnePollPerProvider() throws {
        let fixture = try StoreFixture()
        for filter in [AppDatabase.latestFilter, "pr.id = ? AND \(AppDatabase.latestFilter)"] {
            let plan = try fixture.database.dbWriter.read { db in
                try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + AppDatabase.snapshotsSQL(filter: filter), arguments: filter.contains("?") ? ["a"] : [])
                    .map { $0["detail"] as String }
            }
            #expect(plan.first?.hasPrefix("SCAN pr") == true || plan.first?.hasPrefix("SEARCH pr") == true, "\(plan)")
            #expect(plan.contains { $0.hasPrefix("SEARCH p USING") && $0.contains("(id=?") }, "\(plan)")
        }
    }
}
