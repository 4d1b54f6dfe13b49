import Foundation
import GRDB

extension AppDatabase {
    /// Deletes up to `batchSize` polls older than `before` (and their items), oldest first,
    /// across every provider, active or not. Returns how many polls were deleted; call it again
    /// until it returns less than `batchSize` so that each transaction stays short.
    @discardableResult
    public func pruneSnapshots(before: Date, batchSize: Int) throws -> Int {
        guard batchSize > 0 else { return 0 }
        let cutoff = UnixTime.seconds(before)
        return try dbWriter.write { db in
            // Each provider's oldest polls come straight off the clustered key; merging them
            // avoids scanning the whole table for a global "oldest first".
            var candidates: [(createdAt: Int64, id: Int64, provider: Int64)] = []
            let providers = try Int64.fetchAll(db, sql: "SELECT internalId FROM provider")
            for provider in providers {
                let rows = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT createdAt, id FROM poll WHERE providerInternalId = ? AND createdAt < ?
                        ORDER BY createdAt, id LIMIT ?
                        """,
                    arguments: [provider, cutoff, batchSize])
                candidates += rows.map { ($0[0], $0[1], provider) }
            }
            candidates.sort { ($0.createdAt, $0.id) < ($1.createdAt, $1.id) }
            let doomed = candidates.prefix(batchSize)
            let delete = try db.cachedStatement(
                sql: "DELETE FROM poll WHERE providerInternalId = ? AND createdAt = ? AND id = ?")
            var touchedDays: Set<[Int64]> = []
            for poll in doomed {
                try delete.execute(arguments: [poll.provider, poll.createdAt, poll.id])
                touchedDays.insert([poll.provider, HourlyDigest.day(of: poll.createdAt)])
            }
            for day in touchedDays {
                try HourlyDigest.rebuild(provider: day[0], day: day[1], db)
            }
            return doomed.count
        }
    }
}
