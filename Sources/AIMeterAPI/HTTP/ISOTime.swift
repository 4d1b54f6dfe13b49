import Foundation

/// Time formats of the API output.
public enum ISOTime {
    /// `2025-03-13T00:00:00.000Z`, as JavaScript's `Date.prototype.toISOString`.
    public static func string(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
    }

    /// Whole unix seconds (floor), AIMeter's `Math.floor(Date.now() / 1000)`.
    public static func unixSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }
}
