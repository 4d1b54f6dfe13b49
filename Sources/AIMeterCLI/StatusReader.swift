import AIMeterConfig
import AIMeterCore
import AIMeterStore
import ArgumentParser
import Foundation

/// One provider's row data for `aimeter status`.
struct ProviderStatus: Sendable, Equatable {
    var provider: StoredProvider
    var snapshot: StoredSnapshot?
    var state: FetchState
}

/// Reads what `aimeter status` shows from the database, read-only.
enum StatusReader {
    /// Opens the configured database read-only, or exits with a clear message.
    static func openDatabase(_ config: AppConfig) throws -> AppDatabase {
        do {
            return try AppDatabase.openReader(path: config.database.path)
        } catch {
            throw CLIExitCode.fail(CLIExitCode.failure, "cannot read the database \(config.database.path): \(error)")
        }
    }

    /// Every active provider in display order with its latest snapshot and fetch state.
    static func load(from database: AppDatabase) throws -> [ProviderStatus] {
        let providers = try database.providers()
        let snapshots = try database.latestSnapshots()
        let states = try database.fetchStates()
        return providers.map { provider in
            ProviderStatus(provider: provider, snapshot: snapshots[provider.id], state: states[provider.id] ?? FetchState())
        }
    }
}
