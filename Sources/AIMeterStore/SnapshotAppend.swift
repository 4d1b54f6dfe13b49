import AIMeterCore
import Foundation

/// One poll to store with ``AppDatabase/appendSnapshots(_:)``: a provider's snapshot and the
/// poll time (floored to seconds when stored).
public struct SnapshotAppend: Sendable, Equatable {
    /// The provider's public id (as synced by ``AppDatabase/syncProviders(_:now:)``).
    public var providerId: String
    /// The successful poll's result.
    public var snapshot: UsageSnapshot
    /// The poll time.
    public var at: Date

    /// Creates an append.
    public init(providerId: String, snapshot: UsageSnapshot, at: Date) {
        self.providerId = providerId
        self.snapshot = snapshot
        self.at = at
    }
}
