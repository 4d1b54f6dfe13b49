import AIMeterCore
import AIMeterTestSupport
import Foundation

@testable import AIMeterStore

/// A writer database in a fresh temp directory, with helpers to build configs and snapshots.
struct StoreFixture {
    let directory: TemporaryDirectory
    let path: String
    let database: AppDatabase

    /// Opens a new writer database at `<tmp>/data/aimeter.db` (the parent is created by the store).
    init() throws {
        directory = try TemporaryDirectory(prefix: "store")
        path = directory.path("data/aimeter.db")
        database = try AppDatabase.openWriter(path: path)
    }

    /// A config entry with the given id.
    static func config(_ id: String, type: ProviderType = .claude, order: Int = 1, name: String? = nil) -> ProviderConfig {
        ProviderConfig(id: id, type: type, name: name ?? "Account \(id)", displayOrder: order)
    }

    /// Syncs one config entry per id, in display order.
    func sync(_ ids: [String], now: Date = Date(timeIntervalSince1970: 1_000)) throws {
        try database.syncProviders(ids.enumerated().map { Self.config($1, order: $0 + 1) }, now: now)
    }

    /// A snapshot with items named and valued as given.
    static func snapshot(_ values: [(String, Double)], cost: Cost? = nil, plan: String? = nil) -> UsageSnapshot {
        UsageSnapshot(
            items: values.map { ProgressItem(name: $0.0, usedPercent: $0.1) }, cost: cost,
            identity: plan.map { Identity(plan: $0) }, updatedAt: Date(timeIntervalSince1970: 0))
    }

    /// Appends a snapshot at unix second `t`.
    @discardableResult
    func append(_ providerId: String, at t: Int64, _ values: [(String, Double)], cost: Cost? = nil) throws -> Int64 {
        try database.appendSnapshot(
            Self.snapshot(values, cost: cost), providerId: providerId, at: Date(timeIntervalSince1970: TimeInterval(t)))
    }
}

extension Date {
    /// The date at unix second `seconds`.
    static func unix(_ seconds: Int64) -> Date {
        Date(timeIntervalSince1970: TimeInterval(seconds))
    }
}
