import Foundation

/// AIMeter's cron due check (`POST /api/system/jobs/refresh`, reference/api.md §1.7 and
/// storage-config.md §2.3): interval floored at 5 minutes, 20 seconds of grace.
public enum JobsGate {
    /// The smallest interval the jobs route uses (manual-only providers count with it too).
    public static let minimumIntervalMinutes = 5
    /// Grace subtracted from the interval for tick jitter.
    public static let grace: TimeInterval = 20

    /// Whether a provider runs in this batch.
    public enum Decision: Sendable, Equatable {
        /// Poll it now.
        case due
        /// Skip it; `nextDueAt` is the last attempt plus the interval (grace not subtracted), unix seconds.
        case notDue(nextDueAt: Int64)
    }

    /// Decides for one provider.
    public static func decide(now: Date, lastAttemptAt: Date?, refreshIntervalMinutes: Int) -> Decision {
        guard let lastAttemptAt else { return .due }
        let interval = TimeInterval(max(minimumIntervalMinutes, refreshIntervalMinutes)) * 60
        let threshold = max(0, interval - grace)
        if now.timeIntervalSince(lastAttemptAt) >= threshold { return .due }
        return .notDue(nextDueAt: Int64((lastAttemptAt.timeIntervalSince1970 + interval).rounded(.down)))
    }
}
