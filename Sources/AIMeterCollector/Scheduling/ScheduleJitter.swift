import Foundation

/// A small, deterministic per-provider offset for the first poll after start (and after a
/// provider is added), so providers configured together do not all fire in the same instant.
///
/// The offset is at most min(10 % of the interval, 5 s) and depends only on the provider id,
/// so it is the same on every start and testable. Five seconds spread a thousand providers over
/// the worker pool while a cold start still completes its first full round within seconds.
public enum ScheduleJitter {
    /// The largest offset, whatever the interval.
    public static let maximumSeconds: TimeInterval = 5

    /// Upper bound of the offset in seconds (exclusive), for an interval in minutes.
    public static func bound(intervalMinutes: Int) -> TimeInterval {
        guard intervalMinutes > 0 else { return 0 }
        return min(TimeInterval(intervalMinutes) * 60 * 0.1, maximumSeconds)
    }

    /// The offset in seconds for `providerId`, in `0 ..< bound(intervalMinutes:)`.
    public static func offset(providerId: String, intervalMinutes: Int) -> TimeInterval {
        let bound = bound(intervalMinutes: intervalMinutes)
        guard bound > 0 else { return 0 }
        // FNV-1a: stable across processes and platforms, unlike Swift's seeded Hasher.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in providerId.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        let fraction = Double(hash % 1_000_000) / 1_000_000
        return fraction * bound
    }
}
