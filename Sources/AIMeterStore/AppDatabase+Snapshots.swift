import AIMeterCore
import Foundation
import GRDB

extension AppDatabase {
    /// The newest poll of an active provider.
    public func latestSnapshot(providerId: String) throws -> StoredSnapshot? {
        try dbWriter.read { db in
            try Self.fetchSnapshots(
                db, filter: "pr.id = ? AND \(Self.latestFilter)", arguments: [providerId]
            ).first
        }
    }

    /// The newest poll of every active provider that has one, by provider id.
    public func latestSnapshots() throws -> [String: StoredSnapshot] {
        try dbWriter.read { db in
            let snapshots = try Self.fetchSnapshots(db, filter: Self.latestFilter, arguments: [])
            return Dictionary(snapshots.map { ($0.providerId, $0) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// Every poll of an active provider with `createdAt >= since` (floored to seconds), oldest first.
    public func snapshots(providerId: String, since: Date) throws -> [StoredSnapshot] {
        var snapshots: [StoredSnapshot] = []
        try forEachSnapshot(providerId: providerId, since: since) { snapshots.append($0) }
        return snapshots
    }

    /// The polls of ``snapshots(providerId:since:)`` handed to `body` one at a time as they are
    /// read (one read transaction), so that a year of five-minute polls is never held at once.
    public func forEachSnapshot(providerId: String, since: Date, _ body: (StoredSnapshot) throws -> Void) throws {
        try dbWriter.read { db in
            try Self.visitSnapshots(
                db, filter: "pr.id = ? AND p.createdAt >= ?", arguments: [providerId, UnixTime.seconds(since)], body)
        }
    }

    /// Correlated subquery: the id of the newest poll of `pr` (greatest createdAt, then id).
    private static let latestPollId = """
        SELECT id FROM poll WHERE providerInternalId = pr.internalId ORDER BY createdAt DESC, id DESC LIMIT 1
        """

    /// The snapshot query. `CROSS JOIN` pins providers as the outer loop: without statistics
    /// SQLite may otherwise scan every poll and evaluate the latest-poll subquery for each.
    static func snapshotsSQL(filter: String) -> String {
        """
        SELECT pr.id, p.id, p.createdAt, p.plan, p.costUsed, p.costLimit, p.costRemaining, p.costCurrency,
            p.costPeriod, i.position, i.name, i."desc", i.usedPercent, i.remainingPercent, i.used, i."limit",
            i.windowMinutes, i.resetsAt, i.resetDescription
        FROM provider pr
        CROSS JOIN poll p ON p.providerInternalId = pr.internalId
        LEFT JOIN item i ON i.pollId = p.id
        WHERE pr.isActive AND \(filter)
        ORDER BY pr.internalId, p.createdAt, p.id, i.position
        """
    }

    /// The filter selecting each active provider's newest poll.
    static let latestFilter = "p.id = (\(latestPollId))"

    /// Polls of active providers matching `filter` (over `pr` = provider, `p` = poll), with
    /// their items, ordered by provider, time and id.
    private static func fetchSnapshots(
        _ db: Database, filter: String, arguments: StatementArguments
    ) throws -> [StoredSnapshot] {
        var snapshots: [StoredSnapshot] = []
        try visitSnapshots(db, filter: filter, arguments: arguments) { snapshots.append($0) }
        return snapshots
    }

    /// The polls of ``fetchSnapshots(_:filter:arguments:)``, each handed to `body` once its
    /// last item was read.
    private static func visitSnapshots(
        _ db: Database, filter: String, arguments: StatementArguments, _ body: (StoredSnapshot) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: snapshotsSQL(filter: filter))
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var pending: StoredSnapshot?
        while let row = try rows.next() {
            let pollId: Int64 = row[1]
            if pending?.pollId != pollId {
                if let complete = pending { try body(complete) }
                pending = decodePoll(row, pollId: pollId)
            }
            if let position = row[9] as Int64? {
                guard let count = pending?.items.count, position == count else {
                    throw StoreError.corruptRow("poll \(pollId) has a gap before item \(position)")
                }
                pending?.items.append(decodeItem(row))
            }
        }
        if let complete = pending { try body(complete) }
    }

    // Columns by position (see the SELECT above): name lookups cost more than the query itself.
    private static func decodePoll(_ row: Row, pollId: Int64) -> StoredSnapshot {
        let cost = Cost(used: row[4], limit: row[5], remaining: row[6], currency: row[7], period: row[8])
        let plan: String? = row[3]
        return StoredSnapshot(
            providerId: row[0], pollId: pollId, items: [], cost: cost == Cost() ? nil : cost,
            identity: plan.map { Identity(plan: $0) }, createdAt: UnixTime.date(row[2] as Int64))
    }

    private static func decodeItem(_ row: Row) -> ProgressItem {
        ProgressItem(
            name: row[10], desc: row[11], usedPercent: row[12], remainingPercent: row[13], used: row[14],
            limit: row[15], windowMinutes: row[16], resetsAt: row[17], resetDescription: row[18])
    }
}
