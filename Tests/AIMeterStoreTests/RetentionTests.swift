import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct RetentionTests {
    @Test func prunesOldestFirstInBatchesWithTheirItems() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        try fixture.append("a", at: 100, [("S", 1), ("W", 1)])
        try fixture.append("b", at: 50, [("S", 2)])
        try fixture.append("a", at: 300, [("S", 3)])
        try fixture.append("b", at: 200, [("S", 4)])
        try fixture.append("a", at: 1_000, [("S", 5)])
        #expect(try fixture.database.pruneSnapshots(before: .unix(500), batchSize: 2) == 2)
        func remaining() throws -> [Int64] {
            try fixture.database.dbWriter.read { try Int64.fetchAll($0, sql: "SELECT createdAt FROM poll ORDER BY createdAt") }
        }
        #expect(try remaining() == [200, 300, 1_000])
        #expect(try fixture.database.pruneSnapshots(before: .unix(500), batchSize: 2) == 2)
        #expect(try fixture.database.pruneSnapshots(before: .unix(500), batchSize: 2) == 0)
        #expect(try remaining() == [1_000])
        let items = try fixture.database.dbWriter.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM item") }
        #expect(items == 1)
        #expect(try fixture.database.pruneSnapshots(before: .unix(5_000), batchSize: 0) == 0)
    }

    @Test func historyStaysCorrectAfterPruningPartOfABucket() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        for t in stride(from: Int64(3_600), to: 7_200, by: 300) { try fixture.append("a", at: t, [("S", Double(t))]) }
        // Cuts the hour [3600, 7200) in half; its last poll (6900) must still represent it.
        #expect(try fixture.database.pruneSnapshots(before: .unix(5_400), batchSize: 100) == 6)
        let points = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 60), now: .unix(10_000))[0].series.points
        #expect(points.map(\.t) == [6_900])
        let quarter = try fixture.database.history(HistoryQuery(days: 1, bucketMinutes: 15), now: .unix(10_000))[0].series.points
        #expect(quarter.map(\.t) == [6_000, 6_900])
    }

    @Test func pruningEverythingEmptiesTheHourlyDigest() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        for t in stride(from: Int64(0), to: 3 * 86_400, by: 1_800) { try fixture.append("a", at: t, [("S", 1)]) }
        func digestDays() throws -> [Int64] {
            try fixture.database.dbWriter.read { try Int64.fetchAll($0, sql: "SELECT day FROM hourlyDigest ORDER BY day") }
        }
        #expect(try digestDays() == [0, 1, 2])
        while try fixture.database.pruneSnapshots(before: .unix(86_400 + 3_600), batchSize: 7) == 7 {}
        #expect(try digestDays() == [1, 2])
        let hourly = try fixture.database.history(HistoryQuery(days: 10, bucketMinutes: 60), now: .unix(3 * 86_400))
        let first: Int64? = hourly[0].series.points.first?.t
        #expect(first == 91_800)
        while try fixture.database.pruneSnapshots(before: .unix(10 * 86_400), batchSize: 50) == 50 {}
        #expect(try digestDays().isEmpty)
        #expect(try fixture.database.history(HistoryQuery(days: 10, bucketMinutes: 60), now: .unix(3 * 86_400)).isEmpty)
    }
}
