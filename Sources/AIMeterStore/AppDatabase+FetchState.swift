import AIMeterCore
import Foundation
import GRDB

extension AppDatabase {
    /// The provider's fetch state; a fresh ``AIMeterCore/FetchState`` when none was saved.
    public func fetchState(providerId: String) throws -> FetchState {
        try dbWriter.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM fetchState WHERE providerId = ?", arguments: [providerId])
                .map(Self.decodeFetchState) ?? FetchState()
        }
    }

    /// Fetch states of every active provider (a fresh state for those without one), by id.
    public func fetchStates() throws -> [String: FetchState] {
        try dbWriter.read { db in
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT pr.id AS id, f.* FROM provider pr LEFT JOIN fetchState f ON f.providerId = pr.id
                    WHERE pr.isActive
                    """)
            return Dictionary(
                rows.map { row in (row["id"], (row["providerId"] as String?) == nil ? FetchState() : Self.decodeFetchState(row)) },
                uniquingKeysWith: { first, _ in first })
        }
    }

    /// Replaces the provider's fetch state (the provider must have been synced).
    public func saveFetchState(_ state: FetchState, providerId: String) throws {
        try dbWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO fetchState (providerId, lastAttemptAt, lastSuccessAt, lastFailedAt, lastFailureReason,
                        lastErrorCode, authRequired, consecutiveFailures, nextDueAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (providerId) DO UPDATE SET
                        lastAttemptAt = excluded.lastAttemptAt, lastSuccessAt = excluded.lastSuccessAt,
                        lastFailedAt = excluded.lastFailedAt, lastFailureReason = excluded.lastFailureReason,
                        lastErrorCode = excluded.lastErrorCode, authRequired = excluded.authRequired,
                        consecutiveFailures = excluded.consecutiveFailures, nextDueAt = excluded.nextDueAt
                    """,
                arguments: [
                    providerId, UnixTime.seconds(state.lastAttemptAt), UnixTime.seconds(state.lastSuccessAt),
                    UnixTime.seconds(state.lastFailedAt), state.lastFailureReason, state.lastErrorCode,
                    state.authRequired, max(0, state.consecutiveFailures), UnixTime.seconds(state.nextDueAt),
                ])
        }
    }

    private static func decodeFetchState(_ row: Row) -> FetchState {
        FetchState(
            lastAttemptAt: UnixTime.date(row["lastAttemptAt"] as Int64?),
            lastSuccessAt: UnixTime.date(row["lastSuccessAt"] as Int64?),
            lastFailedAt: UnixTime.date(row["lastFailedAt"] as Int64?),
            lastFailureReason: row["lastFailureReason"], lastErrorCode: row["lastErrorCode"],
            authRequired: row["authRequired"], consecutiveFailures: row["consecutiveFailures"],
            nextDueAt: UnixTime.date(row["nextDueAt"] as Int64?))
    }
}
