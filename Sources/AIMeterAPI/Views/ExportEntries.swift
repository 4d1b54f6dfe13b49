import AIMeterCore
import AIMeterExport
import AIMeterStore

/// Builds the export's inputs from the database: one entry per provider in display order (no
/// Antigravity pooling, no plan fallback, as AIMeter's export) and the poll bookkeeping.
public enum ExportEntries {
    /// Entries for every active provider (``Inputs/filtered(_:)`` applies a query's filter).
    public static func build(database: AppDatabase, now: Int64) throws -> [ExportEntry] {
        let snapshots = try database.latestSnapshots()
        return try database.providers().map { provider in
            let described = ExportProvider(
                id: provider.id, type: provider.type, name: provider.name,
                region: provider.region.flatMap { $0.isEmpty ? nil : $0 })
            guard let snapshot = snapshots[provider.id] else { return .noData(described, now: now) }
            let usage = ExportUsage(
                items: snapshot.items, cost: snapshot.cost, plan: snapshot.identity?.plan,
                updatedAt: ISOTime.unixSeconds(snapshot.createdAt))
            return .usage(described, usage)
        }
    }

    /// `entries` with their error records stamped at `now`: the request time is the only part
    /// of an export that changes without the data changing, so the ETag is computed at time 0.
    public static func stamped(_ entries: [ExportEntry], now: Int64) -> [ExportEntry] {
        entries.map { entry in
            guard case .error(let provider, let code, let message, _) = entry else { return entry }
            return .error(provider, code: code, message: message, timestamp: now)
        }
    }

    /// What the export and `/metrics` render: every provider's entry and the poll bookkeeping.
    public struct Inputs: Sendable {
        /// One entry per active provider, in display order.
        public var entries: [ExportEntry]
        /// Poll bookkeeping by provider id.
        public var states: [String: ExportProviderState]

        /// The inputs keeping only the providers `query` includes. Without a `providers`
        /// filter the arrays are shared, which makes the render cache's comparison instant.
        public func filtered(_ query: ExportQuery) -> Inputs {
            guard query.requestedProviders != nil else { return self }
            return Inputs(entries: entries.filter { query.includes($0.provider.type) }, states: states)
        }
    }

    /// Reads every provider's entry and the poll bookkeeping.
    public static func inputs(database: AppDatabase, now: Int64) throws -> Inputs {
        Inputs(entries: try build(database: database, now: now), states: try states(database: database))
    }

    /// Poll bookkeeping by provider id, for the Prometheus health series.
    public static func states(database: AppDatabase) throws -> [String: ExportProviderState] {
        try database.fetchStates().mapValues(ExportProviderState.init)
    }
}
