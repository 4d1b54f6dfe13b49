import Foundation

/// When to poll a provider again after a poll, given how it went.
///
/// Success: one interval after the attempt started. Failure number *n* in a row: the interval
/// times 2^(n−1), capped at ``maximumDelay`` (but never sooner than the interval), and never
/// sooner than a `Retry-After` the upstream sent with a 429.
public struct BackoffPolicy: Sendable, Equatable {
    /// Longest backoff in seconds (6 hours), unless the interval itself is longer.
    public var maximumDelay: TimeInterval
    /// Longest `Retry-After` we honour in seconds (24 hours); longer values are clamped.
    public var maximumRetryAfter: TimeInterval

    /// Creates a policy.
    public init(maximumDelay: TimeInterval = 6 * 3600, maximumRetryAfter: TimeInterval = 24 * 3600) {
        self.maximumDelay = maximumDelay
        self.maximumRetryAfter = maximumRetryAfter
    }

    /// Seconds from the attempt's start to the next scheduled poll.
    /// - Parameters:
    ///   - intervalMinutes: the provider's `refreshInterval` (> 0).
    ///   - consecutiveFailures: failures in a row including this poll (0 after a success).
    ///   - retryAfter: seconds from a 429's `Retry-After`, when the failure carried one.
    public func delay(intervalMinutes: Int, consecutiveFailures: Int, retryAfter: Double? = nil) -> TimeInterval {
        let interval = TimeInterval(max(1, intervalMinutes)) * 60
        guard consecutiveFailures > 0 else { return interval }
        // 2^(n−1) overflows nothing here: the exponent is clamped long before the cap matters.
        let factor = pow(2, Double(min(consecutiveFailures - 1, 32)))
        let backoff = max(interval, min(interval * factor, maximumDelay))
        guard let retryAfter, retryAfter.isFinite, retryAfter > 0 else { return backoff }
        return max(backoff, min(retryAfter, maximumRetryAfter))
    }

    /// The next due time after an attempt that started at `attemptAt`; nil for manual-only providers.
    public func nextDue(
        after attemptAt: Date,
        intervalMinutes: Int,
        consecutiveFailures: Int,
        retryAfter: Double? = nil
    ) -> Date? {
        guard intervalMinutes > 0 else { return nil }
        let seconds = delay(intervalMinutes: intervalMinutes, consecutiveFailures: consecutiveFailures, retryAfter: retryAfter)
        return attemptAt.addingTimeInterval(seconds)
    }
}
