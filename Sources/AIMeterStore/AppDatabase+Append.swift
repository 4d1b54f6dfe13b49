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
        try appendSnapshots([SnapshotAppend(providerId: providerId, snapshot: snapshot, at: at)])[0]
    }

    /// Stores many polls, in order, in one transaction: exactly what as many
    /// ``appendSnapshot(_:providerId:at:)`` calls would store, but with one commit (bulk imports,
    /// benchmarks). Returns the poll ids in the same order.
    ///
    /// All or nothing: when any element is refused (same errors as ``appendSnapshot(_:providerId:at:)``),
    /// nothing of the batch is stored. Each affected `hourlyDigest` day is rebuilt once, at the end.
    @discardableResult
    public func appendSnapshots(_ appends: [SnapshotAppend]) throws -> [Int64] {
        let polls = try appends.map(PreparedPoll.init)
        guard !polls.isEmpty else { return [] }
        return try dbWriter.write { db in
            var touchedDays: Set<HourlyDigest.ProviderDay> = []
            let ids = try polls.map { try Self.insert($0, touchedDays: &touchedDays, db) }
            for day in touchedDays {
                try HourlyDigest.rebuild(provider: day.provider, day: day.day, db)
            }
            return ids
        }
    }

    /// A validated snapshot with its derived columns, ready to insert.
    private struct PreparedPoll {
        var providerId: String
        var snapshot: UsageSnapshot
        var cost: Cost?
        var createdAt: Int64
        var names: String
        var usedPercents: Data

        init(_ append: SnapshotAppend) throws {
            let snapshot = append.snapshot
            let cost = snapshot.cost.flatMap(AppDatabase.storableCost)
            guard !snapshot.items.isEmpty || cost != nil else {
                throw StoreError.invalidSnapshot(providerId: append.providerId, reason: "it has no items and no cost")
            }
            if let item = snapshot.items.first(where: { !$0.usedPercent.isFinite }) {
                throw StoreError.invalidSnapshot(
                    providerId: append.providerId, reason: "item \(item.name) has a non-finite usedPercent")
            }
            providerId = append.providerId
            self.snapshot = snapshot
            self.cost = cost
            createdAt = UnixTime.seconds(append.at)
            names = JSONValue.array(snapshot.items.map { .string($0.name) }).serialized()
            usedPercents = Data(UsedPercentsBlob.encode(snapshot.items.map(\.usedPercent)))
        }
    }

    /// Inserts one poll and its items inside the caller's transaction; records the day whose
    /// hourly digest it changes. Returns the poll id.
    private static func insert(
        _ poll: PreparedPoll, touchedDays: inout Set<HourlyDigest.ProviderDay>, _ db: Database
    ) throws -> Int64 {
        guard let provider = try internalId(ofProvider: poll.providerId, db) else {
            throw StoreError.unknownProvider(poll.providerId)
        }
        let layoutId = try layoutId(names: poll.names, db)
        let pollId = (try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(id) FROM poll")) ?? 0) + 1
        let bucketFlags = try claimBuckets(provider: provider, createdAt: poll.createdAt, db)
        let startsLayout = try linkLayout(provider: provider, createdAt: poll.createdAt, layoutId: layoutId, db)
        let cost = poll.cost
        try db.cachedStatement(
            sql: """
                INSERT INTO poll (id, providerInternalId, createdAt, plan, costUsed, costLimit, costRemaining,
                    costCurrency, costPeriod, layoutId, usedPercents, bucketFlags, startsLayout)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [
            pollId, provider, poll.createdAt, poll.snapshot.identity?.plan, cost?.used, cost?.limit, cost?.remaining,
            cost?.currency, cost?.period, layoutId, poll.usedPercents, bucketFlags, startsLayout,
        ])
        if bucketFlags & PollBuckets.hourBit != 0 {
            touchedDays.insert(HourlyDigest.ProviderDay(provider: provider, day: HourlyDigest.day(of: poll.createdAt)))
        }
        let insertItem = try db.cachedStatement(
            sql: """
                INSERT INTO item (pollId, position, name, "desc", usedPercent, remainingPercent, used, "limit",
                    windowMinutes, resetsAt, resetDescription)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
        for (position, item) in poll.snapshot.items.enumerated() {
            try insertItem.execute(arguments: [
                pollId, position, item.name, item.desc, item.usedPercent, item.remainingPercent.finiteOrNil,
                item.used.finiteOrNil, item.limit.finiteOrNil, item.windowMinutes.finiteOrNil, item.resetsAt,
                item.resetDescription,
            ])
        }
        return pollId
    }

    /// The cost with non-finite numbers dropped; nil when nothing is left.
    private static func storableCost(_ cost: Cost) -> Cost? {
        let stored = Cost(
            used: cost.used.finiteOrNil, limit: cost.limit.finiteOrNil, remaining: cost.remaining.finiteOrNil,
            currency: cost.currency, period: cost.period)
        return stored == Cost() ? nil : stored
    }

    private static func layoutId(names: String, _ db: Database) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM itemLayout WHERE names = ?"), arguments: [names]) {
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
            db.cachedStatement(
                sql: """
                    SELECT createdAt, id, bucketFlags FROM poll
                    WHERE providerInternalId = ? AND createdAt >= ? AND createdAt < ?
                    """),
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
            try db.cachedStatement(
                sql: "UPDATE poll SET bucketFlags = ? WHERE providerInternalId = ? AND createdAt = ? AND id = ?"
            ).execute(arguments: [cleared[index], provider, neighbour.createdAt, neighbour.id])
        }
        return flags
    }

    /// Whether the new poll starts a run of a new item layout; re-evaluates the following poll
    /// when the new one is inserted before it (a clock that went backwards).
    private static func linkLayout(provider: Int64, createdAt: Int64, layoutId: Int64, _ db: Database) throws -> Bool {
        let previous = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT layoutId FROM poll WHERE providerInternalId = ? AND createdAt <= ?
                    ORDER BY createdAt DESC, id DESC LIMIT 1
                    """),
            arguments: [provider, createdAt])
        if let next = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT createdAt, id, layoutId, startsLayout FROM poll WHERE providerInternalId = ? AND createdAt > ?
                    ORDER BY createdAt, id LIMIT 1
                    """),
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
