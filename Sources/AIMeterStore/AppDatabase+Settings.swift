import Foundation
import GRDB

extension AppDatabase {
    /// The stored value of a setting.
    public func setting(_ key: SettingKey) throws -> String? {
        try dbWriter.read { db in
            // Cached: session checks read the signing key on every authenticated request.
            try String.fetchOne(
                db.cachedStatement(sql: "SELECT value FROM setting WHERE \"key\" = ?"), arguments: [key.rawValue])
        }
    }

    /// Every stored setting with a known key (a cache's one read instead of one per key).
    public func settings() throws -> [SettingKey: String] {
        try dbWriter.read { db in
            var settings: [SettingKey: String] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: "SELECT \"key\", value FROM setting")) {
                if let key = SettingKey(rawValue: row["key"]), let value: String = row["value"] { settings[key] = value }
            }
            return settings
        }
    }

    /// Stores a setting, replacing any previous value.
    public func setSetting(_ key: SettingKey, to value: String, at: Date) throws {
        try dbWriter.write { db in
            try db.execute(
                sql: """
                    INSERT INTO setting ("key", value, updatedAt) VALUES (?, ?, ?)
                    ON CONFLICT ("key") DO UPDATE SET value = excluded.value, updatedAt = excluded.updatedAt
                    """,
                arguments: [key.rawValue, value, UnixTime.seconds(at)])
        }
    }

    /// The setting's value, storing `generate()` first when it has none; the first value stays.
    @discardableResult
    public func ensureSetting(_ key: SettingKey, at: Date, generate: () -> String) throws -> String {
        try dbWriter.write { db in
            if let value = try String.fetchOne(
                db, sql: "SELECT value FROM setting WHERE \"key\" = ?", arguments: [key.rawValue])
            {
                return value
            }
            let value = generate()
            try db.execute(
                sql: "INSERT INTO setting (\"key\", value, updatedAt) VALUES (?, ?, ?)",
                arguments: [key.rawValue, value, UnixTime.seconds(at)])
            return value
        }
    }
}
