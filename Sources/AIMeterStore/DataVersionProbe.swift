import GRDB
import GRDBSQLite
import Synchronization

/// Tells a reading process whether the database changed: SQLite's `PRAGMA data_version`, asked on
/// one dedicated connection, changes whenever any other connection (the collector, another
/// process) commits. Cheap enough to ask per request, so caches can skip unchanged reads.
///
/// The probe asks on a raw read-only connection with the statement prepared once: each ask is
/// one short read transaction (two lock calls on the `-shm` file) and no queue hop.
public final class DataVersionProbe: Sendable {
    private let connection: Mutex<Connection>

    /// The SQLite handle and its prepared statement; only used under the mutex.
    private struct Connection: ~Copyable {
        let handle: OpaquePointer
        let statement: OpaquePointer

        deinit {
            sqlite3_finalize(statement)
            sqlite3_close_v2(handle)
        }
    }

    init(path: String, busyTimeoutMilliseconds: Int32 = 5000) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
        let opened = sqlite3_open_v2(path, &handle, flags, nil)
        guard opened == SQLITE_OK, let handle else {
            sqlite3_close_v2(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: opened), message: "cannot open the data-version probe")
        }
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        var statement: OpaquePointer?
        let prepared = sqlite3_prepare_v2(handle, "PRAGMA data_version", -1, &statement, nil)
        guard prepared == SQLITE_OK, let statement else {
            let message = String(cString: sqlite3_errmsg(handle))
            sqlite3_close_v2(handle)
            throw DatabaseError(resultCode: ResultCode(rawValue: prepared), message: message)
        }
        connection = Mutex(Connection(handle: handle, statement: statement))
    }

    /// The current version; a different value than last time means someone committed since.
    public func current() throws -> Int64 {
        try connection.withLock { connection in
            defer { sqlite3_reset(connection.statement) }  // ends the read transaction
            let code = sqlite3_step(connection.statement)
            guard code == SQLITE_ROW else {
                throw DatabaseError(
                    resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection.handle)))
            }
            return sqlite3_column_int64(connection.statement, 0)
        }
    }
}

extension AppDatabase {
    /// A probe on this database's file, or nil for an in-memory database.
    public func dataVersionProbe() throws -> DataVersionProbe? {
        let path = dbWriter.path
        guard !path.isEmpty, path != ":memory:", !path.hasPrefix("file::memory:") else { return nil }
        return try DataVersionProbe(path: path)
    }
}
