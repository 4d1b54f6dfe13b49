import GRDB
import GRDBSQLite

/// Steps a statement with SQLite's C API. The history loop reads hundreds of thousands of
/// narrow rows; going around GRDB's `Row` (and its per-blob `Data`) keeps it several times faster.
enum RawRows {
    /// Calls `body` with each result row of `sql`.
    static func forEach(
        _ db: Database, sql: String, arguments: StatementArguments, _ body: (RawRow) throws -> Void
    ) throws {
        let statement = try db.cachedStatement(sql: sql)
        try statement.setArguments(arguments)
        let handle = statement.sqliteStatement
        // Leaves the cached statement idle even when `body` throws half-way.
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: db.lastErrorMessage, sql: sql)
            }
            try body(RawRow(handle: handle))
        }
    }
}

/// The current row of a statement being stepped by ``RawRows``; valid only inside the callback.
struct RawRow {
    let handle: SQLiteStatement

    /// An INTEGER column.
    func int64(_ column: Int32) -> Int64 {
        sqlite3_column_int64(handle, column)
    }

    /// A REAL column that may be NULL.
    func optionalDouble(_ column: Int32) -> Double? {
        sqlite3_column_type(handle, column) == SQLITE_NULL ? nil : sqlite3_column_double(handle, column)
    }

    /// A BLOB column's bytes, without copying (empty for NULL).
    func withBlob<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) throws -> T) rethrows -> T {
        let pointer = sqlite3_column_blob(handle, column)
        let count = Int(sqlite3_column_bytes(handle, column))
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : count))
    }
}
