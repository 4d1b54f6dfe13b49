import GRDB

/// Tells a reading process whether the database changed: SQLite's `PRAGMA data_version`, asked on
/// one dedicated connection, changes whenever any other connection (the collector, another
/// process) commits. Cheap enough to ask per request, so caches can skip unchanged reads.
public final class DataVersionProbe: Sendable {
    private let connection: DatabaseQueue

    init(path: String) throws {
        var configuration = Configuration()
        configuration.readonly = true
        configuration.label = "aimeter.data-version"
        connection = try DatabaseQueue(path: path, configuration: configuration)
    }

    /// The current version; a different value than last time means someone committed since.
    public func current() throws -> Int64 {
        try connection.inDatabase { db in
            try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version")) ?? 0
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
