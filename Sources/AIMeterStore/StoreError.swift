import GRDB

/// Why the store refused to open or could not read or write something.
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No database file at this path (the collector creates it on its first start).
    case missingDatabase(String)
    /// The database exists but the collector has not finished migrating it.
    case schemaNotReady
    /// The database was migrated by a newer aimeter; these migration names are unknown here.
    case schemaTooNew([String])
    /// A stored row does not decode (a value outside what this version writes).
    case corruptRow(String)
    /// The retained credential of this provider cannot be decrypted or decoded.
    case credentialUnreadable(providerId: String)
    /// A snapshot was not stored because it is empty or holds a non-finite percentage.
    case invalidSnapshot(providerId: String, reason: String)
    /// The provider id is not in the `provider` table (``AppDatabase/syncProviders(_:now:)`` first).
    case unknownProvider(String)

    /// A one-line explanation that names paths and providers, never secret values.
    public var description: String {
        switch self {
        case .missingDatabase(let path):
            "database \(path) does not exist; start aimeter-collector once to create it"
        case .schemaNotReady:
            "database schema is not ready; aimeter-collector has not finished its migrations"
        case .schemaTooNew(let names):
            "database was migrated by a newer aimeter (unknown migrations: \(names.joined(separator: ", ")))"
        case .corruptRow(let detail):
            "corrupt database row: \(detail)"
        case .credentialUnreadable(let providerId):
            "retained credentials of provider \(providerId) cannot be decrypted (wrong key or modified row)"
        case .invalidSnapshot(let providerId, let reason):
            "snapshot of provider \(providerId) not stored: \(reason)"
        case .unknownProvider(let providerId):
            "provider \(providerId) is not in the database"
        }
    }
}

extension StoreError {
    /// A one-line description of any error the store throws, fit for an answer to a client:
    /// for SQLite's errors, the result code and SQLite's message without the SQL statement GRDB
    /// appends (e.g. `SQLite error 5: database is locked`).
    public static func brief(_ error: any Error) -> String {
        guard let error = error as? DatabaseError else { return String(describing: error) }
        return "SQLite error \(error.resultCode.rawValue): \(error.message ?? "unknown error")"
    }
}
