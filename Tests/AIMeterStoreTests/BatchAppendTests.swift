import AIMeterCore
import Foundation
import GRDB
import Testing

@testable import AIMeterStore

@Suite struct BatchAppendTests {
    /// Polls for two providers, with a clock that goes backwards, ties, a layout change and a
    /// day boundary: everything the per-poll bookkeeping reacts to.
    static let appends: [SnapshotAppend] = {
        let times: [Int64] = [86_000, 86_300, 86_350, 86_100, 86_399, 86_400, 86_400, 90_000, 89_000, 93_700]
        return times.enumerated().flatMap { offset, t -> [SnapshotAppend] in
            let names = offset == 4 ? ["Weekly", "Session", "Opus"] : ["Session", "Weekly"]
            let values = names.enumerated().map { ($0.element, Double(offset * 10 + $0.offset) + 0.25) }
            let cost = offset % 3 == 0 ? Cost(used: Double(offset), limit: 50) : nil
            return ["a", "b"].map {
                SnapshotAppend(providerId: $0, snapshot: StoreFixture.snapshot(values, cost: cost), at: .unix(t + ($0 == "b" ? 7 : 0)))
            }
        }
    }()

    /// Every row of the poll-derived tables, in a stable order.
    static func dump(_ database: AppDatabase) throws -> [String] {
        try database.dbWriter.read { db in
            let tables = [
                "SELECT * FROM poll ORDER BY id", "SELECT * FROM item ORDER BY pollId, position",
                "SELECT * FROM hourlyDigest ORDER BY providerInternalId, day", "SELECT * FROM itemLayout ORDER BY id",
            ]
            return try tables.flatMap { sql in try Row.fetchAll(db, sql: sql).map(\.description) }
        }
    }

    @Test func storesExactlyWhatSingleAppendsStore() throws {
        let single = try StoreFixture()
        let batched = try StoreFixture()
        for fixture in [single, batched] { try fixture.sync(["a", "b"]) }
        let singleIds = try Self.appends.map {
            try single.database.appendSnapshot($0.snapshot, providerId: $0.providerId, at: $0.at)
        }
        let batchedIds =
            try batched.database.appendSnapshots(Array(Self.appends.prefix(7)))
            + batched.database.appendSnapshots(Array(Self.appends.dropFirst(7)))
        #expect(batchedIds == singleIds)
        let rows = try Self.dump(batched.database)
        #expect(rows.count > Self.appends.count * 3)
        #expect(rows == (try Self.dump(single.database)))
        for minutes in [5, 60] {
            let query = HistoryQuery(days: 2, bucketMinutes: minutes)
            let expected = try single.database.history(query, now: .unix(100_000))
            let actual = try batched.database.history(query, now: .unix(100_000))
            #expect(actual.map(\.providerId) == expected.map(\.providerId))
            #expect(actual.map(\.series) == expected.map(\.series))
        }
    }

    @Test func aFailingElementRollsBackTheWholeBatch() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a", "b"])
        let kept = try fixture.append("a", at: 100, [("Session", 1)])
        var unknown = Array(Self.appends.prefix(6))
        unknown.insert(SnapshotAppend(providerId: "ghost", snapshot: StoreFixture.snapshot([("S", 1)]), at: .unix(86_200)), at: 4)
        #expect(throws: StoreError.unknownProvider("ghost")) { try fixture.database.appendSnapshots(unknown) }
        var invalid = Array(Self.appends.prefix(6))
        invalid.append(SnapshotAppend(providerId: "b", snapshot: StoreFixture.snapshot([("S", .nan)]), at: .unix(86_200)))
        #expect(throws: StoreError.invalidSnapshot(providerId: "b", reason: "item S has a non-finite usedPercent")) {
            try fixture.database.appendSnapshots(invalid)
        }
        let counts = try fixture.database.dbWriter.read { db in
            try ["poll", "item", "hourlyDigest"].map { try Int.fetchOne(db, sql: "SELECT count(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [1, 1, 1])
        #expect(try fixture.database.latestSnapshot(providerId: "a")?.pollId == kept)
        #expect(try fixture.database.latestSnapshot(providerId: "b") == nil)
    }

    @Test func anEmptyBatchStoresNothing() throws {
        let fixture = try StoreFixture()
        try fixture.sync(["a"])
        #expect(try fixture.database.appendSnapshots([]).isEmpty)
        #expect(try fixture.database.latestSnapshots().isEmpty)
    }
}
