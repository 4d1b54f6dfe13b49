import AIMeterCore
import Foundation
import GRDB

extension AppDatabase {
    /// Mirrors the config's providers: inserts new ones, updates changed ones, and marks the
    /// ones no longer configured inactive (their history is kept). Credentials are never stored
    /// here, only their kind.
    public func syncProviders(_ configs: [ProviderConfig], now: Date) throws {
        let nowSeconds = UnixTime.seconds(now)
        try dbWriter.write { db in
            var existing: [String: StoredProvider] = [:]
            var active: Set<String> = []
            for row in try Row.fetchAll(db, sql: "SELECT * FROM provider") {
                let provider = try Self.decodeProvider(row)
                existing[provider.id] = provider
                if row["isActive"] as Bool { active.insert(provider.id) }
            }
            var configured: Set<String> = []
            for config in configs {
                let provider = StoredProvider(config)
                configured.insert(provider.id)
                if existing[provider.id] == nil {
                    try db.execute(
                        sql: """
                            INSERT INTO provider (id, type, name, region, refreshIntervalMinutes, displayOrder, plan,
                                options, credentialKind, isActive, createdAt, updatedAt)
                            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)
                            """,
                        arguments: StatementArguments([provider.id] + Self.mutableColumns(provider) + [nowSeconds, nowSeconds]))
                } else if existing[provider.id] != provider || !active.contains(provider.id) {
                    try db.execute(
                        sql: """
                            UPDATE provider SET type = ?, name = ?, region = ?, refreshIntervalMinutes = ?,
                                displayOrder = ?, plan = ?, options = ?, credentialKind = ?, isActive = 1, updatedAt = ?
                            WHERE id = ?
                            """,
                        arguments: StatementArguments(Self.mutableColumns(provider) + [nowSeconds, provider.id]))
                    existing[provider.id] = provider
                }
            }
            for id in active.subtracting(configured) {
                try db.execute(
                    sql: "UPDATE provider SET isActive = 0, updatedAt = ? WHERE id = ?", arguments: [nowSeconds, id])
            }
        }
    }

    /// Active providers in display order.
    public func providers() throws -> [StoredProvider] {
        try dbWriter.read { db in
            // Cached: every export and proxy request reads this, and preparing is the costly part.
            try Row.fetchAll(db.cachedStatement(sql: "SELECT * FROM provider WHERE isActive ORDER BY displayOrder, internalId"))
                .map(Self.decodeProvider)
        }
    }

    /// The active provider with this id.
    public func provider(id: String) throws -> StoredProvider? {
        try dbWriter.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM provider WHERE id = ? AND isActive", arguments: [id])
                .map(Self.decodeProvider)
        }
    }

    /// The compact key of a provider (active or not).
    static func internalId(ofProvider id: String, _ db: Database) throws -> Int64? {
        try Int64.fetchOne(db, sql: "SELECT internalId FROM provider WHERE id = ?", arguments: [id])
    }

    /// Column values after `id`, in the order of the INSERT and UPDATE statements.
    private static func mutableColumns(_ provider: StoredProvider) -> [(any DatabaseValueConvertible)?] {
        [
            provider.type.rawValue, provider.name, provider.region, provider.refreshIntervalMinutes,
            provider.displayOrder, provider.plan, encodeOptions(provider.options), provider.credentialKind,
        ]
    }

    /// Options as a JSON object with sorted keys, so that equal options give equal text.
    private static func encodeOptions(_ options: [String: JSONValue]) -> String {
        var object = JSONObject()
        for key in options.keys.sorted() { object[key] = options[key] }
        return JSONValue.object(object).serialized()
    }

    private static func decodeProvider(_ row: Row) throws -> StoredProvider {
        let id: String = row["id"]
        let typeText: String = row["type"]
        guard let type = ProviderType(rawValue: typeText) else {
            throw StoreError.corruptRow("provider \(id) has unknown type \(typeText)")
        }
        let optionsText: String = row["options"]
        guard let object = (try? JSONValue.parse(optionsText))?.objectValue else {
            throw StoreError.corruptRow("provider \(id) options are not a JSON object")
        }
        var options: [String: JSONValue] = [:]
        for (key, value) in object.members { options[key] = value }
        return StoredProvider(
            id: id, type: type, name: row["name"], region: row["region"],
            refreshIntervalMinutes: row["refreshIntervalMinutes"], displayOrder: row["displayOrder"],
            plan: row["plan"], options: options, credentialKind: row["credentialKind"])
    }
}
