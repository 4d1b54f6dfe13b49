import AIMeterCore
import Foundation
import GRDB

extension AppDatabase {
    /// AIMeter's `GET /api/history` (reference/api.md §1.4) over active providers.
    ///
    /// Rows with `createdAt >= now - days * 86400`; per bucket of ``HistoryQuery/bucketMinutes``
    /// the record with the greatest time (ties: the later poll). `names` lists item names in
    /// first-seen order across every row in range. Without a provider id, only providers with
    /// rows in range appear, ordered by their first row in range; with one, exactly that provider
    /// appears (an empty series when it is unknown or inactive).
    public func history(_ query: HistoryQuery, now: Date) throws -> [(providerId: String, series: HistorySeries)] {
        var collector = HistorySeriesCollector()
        try history(query, now: now, into: &collector)
        return collector.series
    }

    /// The same answer as ``history(_:now:)``, handed to `visitor` piece by piece as it is read
    /// (one read transaction), so that no point is allocated.
    public func history<Visitor: HistoryVisitor>(_ query: HistoryQuery, now: Date, into visitor: inout Visitor) throws {
        let (product, overflow) = Int64(query.days).multipliedReportingOverflow(by: 86_400)
        let (cutoff, underflow) = UnixTime.seconds(now).subtractingReportingOverflow(product)
        let since = overflow || underflow ? (query.days > 0 ? Int64.min : Int64.max) : cutoff
        // Beyond a billion minutes every row shares one bucket anyway; the clamp keeps arithmetic exact.
        let bucketMinutes = min(max(1, query.bucketMinutes), 1_000_000_000)
        try dbWriter.read { db in
            var providers = try Self.providersWithRows(since: since, db)
            if let requested = query.providerId {
                let match = providers.first { $0.id == requested }
                try Self.visitSeries(requested, match?.internalId, since, bucketMinutes, db, &visitor)
                return
            }
            providers.removeAll { $0.first == nil }
            providers.sort { ($0.first?.createdAt ?? 0, $0.first?.pollId ?? 0) < ($1.first?.createdAt ?? 0, $1.first?.pollId ?? 0) }
            for provider in providers {
                try Self.visitSeries(provider.id, provider.internalId, since, bucketMinutes, db, &visitor)
            }
        }
    }

    /// Active providers with their first poll at or after `since` (nil when none).
    private static func providersWithRows(
        since: Int64, _ db: Database
    ) throws -> [(id: String, internalId: Int64, first: (createdAt: Int64, pollId: Int64)?)] {
        try Row.fetchAll(
            db,
            sql: """
                SELECT pr.id, pr.internalId, p.createdAt, p.id AS pollId FROM provider pr
                LEFT JOIN poll p ON p.providerInternalId = pr.internalId AND p.id = (
                    SELECT id FROM poll WHERE providerInternalId = pr.internalId AND createdAt >= ?
                    ORDER BY createdAt, id LIMIT 1)
                WHERE pr.isActive
                """,
            arguments: [since]
        ).map { row in
            let first = (row["createdAt"] as Int64?).map { (createdAt: $0, pollId: row["pollId"] as Int64) }
            return (row["id"], row["internalId"], first)
        }
    }

    /// One provider's series (an empty one when `provider` is nil: unknown or inactive).
    private static func visitSeries<Visitor: HistoryVisitor>(
        _ providerId: String, _ provider: Int64?, _ since: Int64, _ bucketMinutes: Int, _ db: Database,
        _ visitor: inout Visitor
    ) throws {
        guard let provider else {
            try visitor.beginSeries(providerId: providerId, names: [])
            return try visitor.endSeries()
        }
        var names = HistoryNames()
        for layoutId in try layoutsInOrder(provider, since, db) {
            try names.add(layout: layoutId, db)
        }
        try visitor.beginSeries(providerId: providerId, names: names.ordered)
        try withUnsafeTemporaryAllocation(of: HistoryValue.self, capacity: names.widestLayout) { values in
            // Closure literals rather than a shared local function: their captures are checked
            // for exclusive access at compile time, not once per point at run time.
            var tail = HistoryBucketTail(bucketMinutes: bucketMinutes, names: names, values: values)
            if bucketMinutes % 60 == 0 {
                try forEachHourlyPoint(provider, since, db) { t, layout, percents, cost in
                    try tail.offer(t: t, layout: layout, percents: percents, cost: cost, db, to: &visitor)
                }
            } else {
                try RawRows.forEach(db, sql: candidatesSQL(bucketMinutes), arguments: [provider, since]) { row in
                    let cost = row.optionalDouble(3).flatMap { used in row.optionalDouble(4).map { HistoryCost(used: used, limit: $0) } }
                    try row.withBlob(2) { percents in
                        try tail.offer(t: row.int64(0), layout: row.int64(1), percents: percents, cost: cost, db, to: &visitor)
                    }
                }
            }
            try tail.flush(to: &visitor)
        }
        try visitor.endSeries()
    }

    /// The last poll of every hour from `since` on, from the packed `hourlyDigest` days.
    private static func forEachHourlyPoint(
        _ provider: Int64, _ since: Int64, _ db: Database,
        _ body: (_ t: Int64, _ layout: Int64, _ percents: UnsafeRawBufferPointer, _ cost: HistoryCost?) throws -> Void
    ) throws {
        try RawRows.forEach(
            db, sql: "SELECT day, points FROM hourlyDigest WHERE providerInternalId = ? AND day >= ? ORDER BY day",
            arguments: [provider, HourlyDigest.day(of: since)]
        ) { row in
            let wellFormed = try row.withBlob(1) { buffer in
                try HourlyDigest.forEach(in: buffer) { entry, percents in
                    guard entry.createdAt >= since else { return }
                    let cost = entry.costUsed.flatMap { used in entry.costLimit.map { HistoryCost(used: used, limit: $0) } }
                    try body(entry.createdAt, entry.layoutId, percents, cost)
                }
            }
            guard wellFormed else { throw StoreError.corruptRow("hourly digest of day \(row.int64(0)) is malformed") }
        }
    }

    /// Layouts of the first poll in range and of every later poll that changes the layout:
    /// together they name every item in range in first-seen order.
    private static func layoutsInOrder(_ provider: Int64, _ since: Int64, _ db: Database) throws -> [Int64] {
        let first = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT layoutId FROM poll WHERE providerInternalId = ? AND createdAt >= ?
                    ORDER BY createdAt, id LIMIT 1
                    """),
            arguments: [provider, since])
        let changes = try Int64.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT layoutId FROM poll INDEXED BY pollLayoutStart
                    WHERE providerInternalId = ? AND createdAt >= ? AND startsLayout
                    ORDER BY createdAt, id
                    """),
            arguments: [provider, since])
        return (first.map { [$0] } ?? []) + changes
    }

    /// Polls in range that may be the last of a `bucketMinutes` bucket (not a multiple of an
    /// hour), in (createdAt, id) order: the flagged polls of the largest tracked size dividing
    /// it, through its covering index when it has one, else every poll in range.
    private static func candidatesSQL(_ bucketMinutes: Int) -> String {
        let columns = "createdAt, layoutId, usedPercents, costUsed, costLimit"
        guard let size = PollBuckets.trackedDivisor(of: bucketMinutes) else {
            return "SELECT \(columns) FROM poll WHERE providerInternalId = ? AND createdAt >= ? ORDER BY createdAt, id"
        }
        let indexed = PollBuckets.indexes[size].map { "INDEXED BY \($0)" } ?? ""
        return """
            SELECT \(columns) FROM poll \(indexed)
            WHERE providerInternalId = ? AND createdAt >= ? AND bucketFlags & \(PollBuckets.bit(forSize: size))
            ORDER BY createdAt, id
            """
    }
}
