import AIMeterCore
import Foundation
import GRDB

extension AppDatabase {
    /// Stores one successful poll of a provider, `at` being the poll time (floored to seconds):
    /// the poll row and its item rows, in one transaction. Returns the poll id.
    ///
    /// Throws ``StoreError/invalidSnapshot(providerId:reason:)`` for a snapshot with neither
    /// items nor cost (nothing is stored) or with a non-finite `usedPercent`, and
    /// ``StoreError/unknownProvider(_:)`` when the provider was never synced. Other non-finite
    /// numbers are stored as absent, as JSON would.
    @discardableResult
    public func appendSnapshot(_ snapshot: UsageSnapshot, providerId: String, at: Date) throws -> Int64 {
        let cost = snapshot.cost.flatMap(Self.storableCost)
        guard !snapshot.items.isEmpty || cost != nil else {
            throw StoreError.invalidSnapshot(providerId: providerId, reason: "it has no items and no cost")
        }
        if let item = snapshot.items.first(where: { !$0.usedPercent.isFinite }) {
            throw StoreError.invalidSnapshot(
                providerId: providerId, reason: "item \(item.name) has a non-finite usedPercent")
        }
        let createdAt = UnixTime.seconds(at)
        let names = JSONValue.array(snapshot.items.map { .string($0.name) }).serialized()
        let usedPercents = Data(UsedPercentsBlob.encode(snapshot.items.map(\.usedPercent)))
        return try dbWriter.write { db in
            guard let provider = try Self.internalId(ofProvider: providerId, db) else {
                throw StoreError.unknownProvider(providerId)
            }
            let layoutId = try Self.layoutId(names: names, db)
            let pollId = (try Int64.fetchOne(db, sql: "SELECT max(id) FROM poll") ?? 0) + 1
            let bucketFlags = try Self.claimBuckets(provider: provider, createdAt: createdAt, db)
            let startsLayout = try Self.linkLayout(provider: provider, createdAt: createdAt, layoutId: layoutId, db)
            try db.execute(
                sql: """
                    INSERT INTO poll (id, providerInternalId, createdAt, plan, costUsed, costLimit, costRemaining,
                        costCurrency, costPeriod, layoutId, usedPercents, bucketFlags, startsLayout)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    pollId, provider, createdAt, snapshot.identity?.plan, cost?.used, cost?.limit, cost?.remaining,
                    cost?.currency, cost?.period, layoutId, usedPercents, bucketFlags, startsLayout,
                ])
            if bucketFlags & PollBuckets.hourBit != 0 {
                try HourlyDigest.rebuild(provider: provider, day: HourlyDigest.day(of: createdAt), db)
            }
            let insertItem = try db.cachedStatement(
                sql: """
                    INSERT INTO item (pollId, position, name, "desc", usedPercent, remainingPercent, used, "limit",
                        windowMinutes, resetsAt, resetDescription)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """)
            for (position, item) in snapshot.items.enumerated() {
                try insertItem.execute(arguments: [
                    pollId, position, item.name, item.desc, item.usedPercent, item.remainingPercent.finiteOrNil,
                    item.used.finiteOrNil, item.limit.finiteOrNil, item.windowMinutes.finiteOrNil, item.resetsAt,
                    item.resetDescription,
                ])
            }
            return pollId
        }
    }

    /// The cost with non-finite numbers dropped; nil when nothing is left.
    private static func storableCost(_ cost: Cost) -> Cost? {
        let stored = Cost(
            used: cost.used.finiteOrNil, limit: cost.limit.finiteOrNil, remaining: cost.remaining.finiteOrNil,
            currency: cost.currency, period: cost.period)
        return stored == Cost() ? nil : stored
    }

    private static func layoutId(names: String, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM itemLayout WHERE names = ?", arguments: [names]) {
            return id
        }
        try db.execute(sql: "INSERT INTO itemLayout (names) VALUES (?)", arguments: [names])
        return db.lastInsertedRowID
    }

    /// Makes the new poll (the greatest id) the last poll of each tracked bucket where no
    /// existing poll is later, clearing the flag of the poll it replaces. Returns its flags.
    private static func claimBuckets(provider: Int64, createdAt: Int64, _ db: Database) throws -> Int64 {
        let hour = PollBuckets.hourStart(createdAt)
        let neighbours = try Row.fetchAll(
            db,
            sql: """
                SELECT createdAt, id, bucketFlags FROM poll
                WHERE providerInternalId = ? AND createdAt >= ? AND createdAt < ?
                """,
            arguments: [provider, hour, hour + 3600]
        ).map { (createdAt: $0[0] as Int64, id: $0[1] as Int64, flags: $0[2] as Int64) }
        var flags: Int64 = 0
        var cleared = neighbours.map(\.flags)
        for size in PollBuckets.sizes {
            let bucket = PollBuckets.key(createdAt, minutes: size)
            let sameBucket = neighbours.indices.filter { PollBuckets.key(neighbours[$0].createdAt, minutes: size) == bucket }
            // Ties on createdAt go to the later poll, which the new one is.
            guard sameBucket.allSatisfy({ neighbours[$0].createdAt <= createdAt }) else { continue }
            let bit = PollBuckets.bit(forSize: size)
            flags |= bit
            for index in sameBucket { cleared[index] &= ~bit }
        }
        for (index, neighbour) in neighbours.enumerated() where cleared[index] != neighbour.flags {
            try db.execute(
                sql: "UPDATE poll SET bucketFlags = ? WHERE providerInternalId = ? AND createdAt = ? AND id = ?",
                arguments: [cleared[index], provider, neighbour.createdAt, neighbour.id])
        }
        return flags
    }

    /// Whether the new poll starts a run of a new item layout; re-evaluates the following poll
    /// when the new one is inserted before it (a clock that went backwards).
    private static func linkLayout(provider: Int64, createdAt: Int64, layoutId: Int64, _ db: Database) throws -> Bool {
        let previous = try Int64.fetchOne(
            db,
            sql: """
                SELECT layoutId FROM poll WHERE providerInternalId = ? AND createdAt <= ?
                ORDER BY createdAt DESC, id DESC LIMIT 1
                """,
            arguments: [provider, createdAt])
        if let next = try Row.fetchOne(
            db,
            sql: """
                SELECT createdAt, id, layoutId, startsLayout FROM poll WHERE providerInternalId = ? AND createdAt > ?
                ORDER BY createdAt, id LIMIT 1
                """,
            arguments: [provider, createdAt])
        {
            let nextStarts = (next["layoutId"] as Int64) != layoutId
            if nextStarts != (next["startsLayout"] as Bool) {
                try db.execute(
                    sql: "UPDATE poll SET startsLayout = ? WHERE providerInternalId = ? AND createdAt = ? AND id = ?",
                    arguments: [nextStarts, provider, next["createdAt"] as Int64, next["id"] as Int64])
            }
        }
        return previous != layoutId
    }
}
