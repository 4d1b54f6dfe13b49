import AIMeterConfig
import Foundation

/// AIMeter's login limiter (reference/api.md §2.5), in memory, per API process.
///
/// `maxAttempts` failures within `windowMs` block the client for `blockMs`; a success forgets
/// the client. Unlike AIMeter, entries whose window and block have both run out are dropped, so
/// the table cannot grow without bound.
public actor LoginRateLimiter {
    private struct Entry {
        var count: Int
        var windowStart: Date
        var blockedUntil: Date?
    }

    /// Failure window (AIMeter floor: 10 s).
    public nonisolated let window: TimeInterval
    /// Failures that start a block (AIMeter floor: 1).
    public nonisolated let maxAttempts: Int
    /// Block duration (AIMeter floor: 15 s).
    public nonisolated let block: TimeInterval
    private var entries: [String: Entry] = [:]
    private var lastPrune = Date.distantPast

    /// Creates a limiter from `auth.rateLimit`, applying AIMeter's floors and its fallbacks for 0.
    public init(_ config: RateLimitConfig) {
        window = Double(max(config.windowMs > 0 ? config.windowMs : 60000, 10000)) / 1000
        maxAttempts = max(config.maxAttempts > 0 ? config.maxAttempts : 5, 1)
        block = Double(max(config.blockMs > 0 ? config.blockMs : 300_000, 15000)) / 1000
    }

    /// Seconds the client must wait, or nil when it may try now. Does not count as an attempt.
    public func retryAfter(_ key: String, now: Date) -> Int? {
        prune(now: now)
        guard var entry = entries[key] else { return nil }
        if let blockedUntil = entry.blockedUntil, blockedUntil > now {
            return Int((blockedUntil.timeIntervalSince(now)).rounded(.up))
        }
        if now.timeIntervalSince(entry.windowStart) > window {
            entry.count = 0
            entry.windowStart = now
            entries[key] = entry
        }
        return nil
    }

    /// Records a failed attempt; the `maxAttempts`-th failure in a window starts a block.
    public func recordFailure(_ key: String, now: Date) {
        var entry = entries[key] ?? Entry(count: 0, windowStart: now, blockedUntil: nil)
        if now.timeIntervalSince(entry.windowStart) > window {
            entry.count = 0
            entry.windowStart = now
        }
        entry.count += 1
        if entry.count >= maxAttempts {
            entry.blockedUntil = now.addingTimeInterval(block)
            entry.count = 0
            entry.windowStart = now
        }
        entries[key] = entry
    }

    /// Forgets the client after a successful login.
    public func recordSuccess(_ key: String) {
        entries[key] = nil
    }

    /// Number of clients currently tracked (for tests).
    public var trackedCount: Int { entries.count }

    private func prune(now: Date) {
        guard now.timeIntervalSince(lastPrune) > window else { return }
        lastPrune = now
        entries = entries.filter { _, entry in
            let blocked = entry.blockedUntil.map { $0 > now } ?? false
            return blocked || now.timeIntervalSince(entry.windowStart) <= window
        }
    }
}
