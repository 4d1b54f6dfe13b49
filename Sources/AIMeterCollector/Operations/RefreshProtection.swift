import Foundation

/// AIMeter's manual-refresh protection (`refreshProviderWithProtection`, reference/api.md §4.2),
/// as a pure decision over the newest snapshot time and the last failure time.
public enum RefreshProtection {
    /// Data younger than this (3 minutes) is returned instead of fetching.
    public static let cacheTTL: TimeInterval = 180
    /// After a failure, no live fetch for this long (60 seconds).
    public static let failureCooldown: TimeInterval = 60

    /// What a manual refresh does.
    public enum Decision: Sendable, Equatable {
        /// Return the stored snapshot taken at the given time (`fromCache`).
        case cached(at: Date)
        /// A failure is too recent: stale data if there is any, else `TEMPORARILY_UNAVAILABLE`.
        case coolingDown
        /// Fetch live.
        case fetch
    }

    /// Decides for one provider.
    /// - Parameters:
    ///   - now: the request time.
    ///   - latestSnapshotAt: when the newest stored snapshot was taken, if any.
    ///   - lastFailedAt: the provider's last failure, if any (cleared by a success).
    public static func decide(now: Date, latestSnapshotAt: Date?, lastFailedAt: Date?) -> Decision {
        if let latestSnapshotAt, now.timeIntervalSince(latestSnapshotAt) < cacheTTL {
            return .cached(at: latestSnapshotAt)
        }
        if let lastFailedAt, now.timeIntervalSince(lastFailedAt) < failureCooldown {
            return .coolingDown
        }
        return .fetch
    }
}
