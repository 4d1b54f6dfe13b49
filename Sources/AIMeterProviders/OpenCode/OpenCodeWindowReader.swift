import AIMeterCore
import Foundation

/// Reads one usage window from a JSON object, trying the many field names OpenCode and its
/// predecessors used.
///
/// Differs from AIMeter on purpose: AIMeter read any percent value in 0...1 as a fraction, so a
/// real 1 % became 100 %. Here the percent fields are always percents; only the fields that say
/// they are a ratio or fraction are multiplied by 100.
enum OpenCodeWindowReader {
    /// Fields holding a percent (0...100), in priority order.
    static let percentKeys = [
        "usagePercent", "usedPercent", "percentUsed", "percent", "usage_percent", "used_percent", "utilization",
        "utilizationPercent", "utilization_percent", "usage",
    ]
    /// Fields holding a fraction (0...1).
    static let fractionKeys = [
        "usageRatio", "usedRatio", "usage_ratio", "used_ratio", "usageFraction", "usedFraction", "usage_fraction",
        "used_fraction", "ratio", "fraction",
    ]
    /// Absolute used amount and limit, for `used / limit`.
    static let usedKeys = ["used", "usage", "consumed", "count", "usedTokens"]
    static let limitKeys = ["limit", "total", "quota", "max", "cap", "tokenLimit"]
    /// Seconds until the reset.
    static let resetInKeys = [
        "resetInSec", "resetInSeconds", "resetSeconds", "reset_sec", "reset_in_sec", "resetsInSec", "resetsInSeconds",
        "resetIn", "resetSec",
    ]
    /// Reset instants (epoch ms, epoch s or ISO-8601).
    static let resetAtKeys = ["resetAt", "resetsAt", "reset_at", "resets_at", "nextReset", "next_reset", "renewAt", "renew_at"]

    /// The window an object describes, or nil when it has no usage figure.
    static func window(in object: JSONValue, now: Date) -> OpenCodeWindow? {
        guard let percent = percent(in: object) else { return nil }
        var resetIn = number(in: object, keys: resetInKeys)
        if resetIn == nil, let key = resetAtKeys.first(where: { object[$0] != nil }), let resetAt = date(object[key]) {
            resetIn = max(0, JSNumber.round(resetAt.timeIntervalSince(now)))
        }
        return OpenCodeWindow(usedPercent: min(100, max(0, percent)), resetInSeconds: max(0, JSNumber.round(resetIn ?? 0)))
    }

    /// The percent used, before clamping.
    static func percent(in object: JSONValue) -> Double? {
        if let percent = number(in: object, keys: percentKeys) { return percent }
        if let fraction = number(in: object, keys: fractionKeys) { return fraction * 100 }
        if let used = number(in: object, keys: usedKeys), let limit = number(in: object, keys: limitKeys), limit > 0 {
            return used / limit * 100
        }
        return nil
    }

    /// The first numeric value among `keys`.
    static func number(in object: JSONValue, keys: [String]) -> Double? {
        keys.lazy.compactMap { object[$0]?.doubleValue }.first
    }

    /// An instant: a number above 1e12 is epoch ms, above 1e9 epoch s; other strings are ISO-8601.
    static func date(_ value: JSONValue?) -> Date? {
        guard let value else { return nil }
        if let number = value.doubleValue {
            if number > 1e12 { return Date(timeIntervalSince1970: number / 1000) }
            if number > 1e9 { return Date(timeIntervalSince1970: number) }
            return nil
        }
        return value.stringValue.flatMap(UpstreamTime.parse)
    }
}
