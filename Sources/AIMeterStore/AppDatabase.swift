import Foundation
import GRDB
import GRDBSQLite

/// The aimeter database: the collector's writer or the API's read-only view of one SQLite file.
///
/// The collector opens it with ``openWriter(path:busyTimeoutSeconds:)`` (it is the only writer
/// and runs the migrations); the API and CLI open it with ``openReader(path:busyTimeoutSeconds:)``.
/// Every public write method is one transaction.
public struct AppDatabase: Sendable {
    /// The GRDB connection pool; read-only when opened with ``openReader(path:busyTimeoutSeconds:)``.
    let dbWriter: any DatabaseWriter

    private init(_ dbWriter: any DatabaseWriter) {
        self.dbWriter = dbWriter
    }

    /// Opens (creating it and its parent directory when missing) and migrates the database for
    /// writing: WAL, persistent WAL, `synchronous=NORMAL`, foreign keys, a busy timeout.
    ///
    /// Throws ``StoreError/schemaTooNew(_:)`` without touching a database that a newer aimeter
    /// migrated.
    public static func openWriter(path: String, busyTimeoutSeconds: Double = 5) throws -> AppDatabase {
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var configuration = makeConfiguration(busyTimeoutSeconds: busyTimeoutSeconds)
        configuration.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            try enablePersistentWAL(db)
            // Keeps a persistent WAL from staying huge after one large transaction.
            try db.execute(sql: "PRAGMA journal_size_limit = 67108864")
        }
        let pool = try DatabasePool(path: path, configuration: configuration)
        let unknown = try pool.read { try unknownMigrations(in: $0) }
        guard unknown.isEmpty else { throw StoreError.schemaTooNew(unknown) }
        try migrator.migrate(pool)
        return AppDatabase(pool)
    }

    /// Opens an existing database read-only, after checking that its schema is exactly the one
    /// this version knows.
    ///
    /// Throws ``StoreError/missingDatabase(_:)``, ``StoreError/schemaTooNew(_:)`` or
    /// ``StoreError/schemaNotReady``.
    public static func openReader(path: String, busyTimeoutSeconds: Double = 5) throws -> AppDatabase {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missingDatabase(path) }
        var configuration = makeConfiguration(busyTimeoutSeconds: busyTimeoutSeconds)
        configuration.readonly = true
        let pool = try DatabasePool(path: path, configuration: configuration)
        try pool.read { db in
            let unknown = try unknownMigrations(in: db)
            guard unknown.isEmpty else { throw StoreError.schemaTooNew(unknown) }
            guard try migrator.hasCompletedMigrations(db) else { throw StoreError.schemaNotReady }
        }
        return AppDatabase(pool)
    }

    /// The last migration applied to the database (e.g. `v1`), or an empty string before any.
    public func schemaVersion() throws -> String {
        try dbWriter.read { try Self.migrator.appliedMigrations($0).last ?? "" }
    }

    /// How much of the file read-only connections map (SQLite's default ceiling, 2 GB - 64 KB).
    static let readerMmapBytes = 2_147_418_112

    private static func makeConfiguration(busyTimeoutSeconds: Double) -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(max(0, busyTimeoutSeconds))
        let milliseconds = Int(min(max(0, busyTimeoutSeconds), 86_400) * 1000)
        configuration.prepareDatabase { db in
            // GRDB gives pool readers a fixed 10 s timeout; every connection gets the asked one.
            try db.execute(sql: "PRAGMA busy_timeout = \(milliseconds)")
            if !db.configuration.readonly {
                try db.execute(sql: "PRAGMA synchronous = NORMAL")
            } else {
                // Readers map the file instead of copying each page with a read call: a year of
                // hourly history reads tens of MB of pages per request. Mapped pages are the OS
                // page cache's, shared, and counted as RssFile, not as the process's own memory.
                try db.execute(sql: "PRAGMA mmap_size = \(readerMmapBytes)")
            }
        }
        return configuration
    }

    /// Keeps the `-wal` and `-shm` files when the last connection closes. Read-only connections
    /// (the API) cannot open a WAL database without them.
    private static func enablePersistentWAL(_ db: Database) throws {
        var flag: CInt = 1
        let code = withUnsafeMutablePointer(to: &flag) { pointer in
            sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, pointer)
        }
        guard code == SQLITE_OK else { throw DatabaseError(resultCode: ResultCode(rawValue: code)) }
    }

    private static func unknownMigrations(in db: Database) throws -> [String] {
        let known = Set(migrator.migrations)
        return try migrator.appliedIdentifiers(db).filter { !known.contains($0) }.sorted()
    }
}
