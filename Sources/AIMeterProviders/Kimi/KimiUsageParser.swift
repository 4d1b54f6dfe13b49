import AIMeterCore
import Foundation

/// Pure mapping of Kimi usage bodies (web `GetUsages`, Kimi Code `/coding/v1/usages`) to items.
enum KimiUsageParser {
    /// The scope of the coding quota in the web console's answer.
    static let codingScope = "FEATURE_CODING"

    /// Whether a web `GetUsages` body carries a non-empty `usages` array (the payload fallback
    /// chain stops at the first that does).
    static func hasUsages(_ body: JSONValue) -> Bool {
        !(body["usages"]?.arrayValue ?? []).isEmpty
    }

    /// Items of a web `GetUsages` body: the `FEATURE_CODING` entry (else the first entry) gives
    /// `Weekly` from its `detail` and `Rate Limit` from `limits[0]`. No entry gives no items.
    static func webItems(from body: JSONValue) -> [ProgressItem] {
        let usages = body["usages"]?.arrayValue ?? []
        guard let usage = usages.first(where: { $0["scope"]?.stringValue == codingScope }) ?? usages.first else {
            return []
        }
        return items(weekly: usage["detail"], limits: usage["limits"])
    }

    /// Items of a Kimi Code API body: `usage` gives `Weekly`, `limits[0]` gives `Rate Limit`.
    static func codeItems(from body: JSONValue) -> [ProgressItem] {
        items(weekly: body["usage"], limits: body["limits"])
    }

    /// The plan of a Kimi Code API body: `user.membership.level` (`LEVEL_INTERMEDIATE` →
    /// `Intermediate`), else `user.membershipLevel`.
    static func codePlan(from body: JSONValue) -> String? {
        let level = body["user"]?["membership"]?["level"]?.nonEmptyString ?? body["user"]?["membershipLevel"]?.nonEmptyString
        return level.map(readableLevel)
    }

    /// The plan title of a web `GetSubscription` body.
    static func subscriptionPlan(from body: JSONValue) -> String? {
        body["subscription"]?["goods"]?["title"]?.nonEmptyString
            ?? body["purchaseSubscription"]?["goods"]?["title"]?.nonEmptyString
    }

    static func items(weekly: JSONValue?, limits: JSONValue?) -> [ProgressItem] {
        var items: [ProgressItem] = []
        if let weekly, var item = quotaItem(name: "Weekly", detail: weekly) {
            item.desc = "7 days window"
            item.windowMinutes = 10080
            items.append(item)
        }
        if let first = limits?[0], let detail = first["detail"], var item = quotaItem(name: "Rate Limit", detail: detail) {
            let minutes = windowMinutes(of: first["window"])
            item.windowMinutes = minutes
            item.desc = minutes.map { WindowDuration.describe(minutes: $0) + " window" } ?? "5 hours window"
            items.append(item)
        }
        return items
    }

    /// One quota from `{limit, used, remaining, resetTime}` (numbers may be strings).
    ///
    /// Differs from AIMeter on purpose: a missing or zero `limit` gives no item (AIMeter's rate
    /// limit item would carry Infinity or NaN), and `used`/`remaining` are derived from each
    /// other when only one is sent (the Kimi Code API omits `used`).
    static func quotaItem(name: String, detail: JSONValue) -> ProgressItem? {
        guard let limit = detail["limit"]?.doubleValue, limit > 0 else { return nil }
        let reportedUsed = detail["used"]?.doubleValue
        let reportedRemaining = detail["remaining"]?.doubleValue
        guard let used = reportedUsed ?? reportedRemaining.map({ limit - $0 }) else { return nil }
        let remaining = reportedRemaining ?? (limit - used)
        return ProgressItem(
            name: name,
            usedPercent: JSNumber.roundPercentage(used / limit * 100),
            remainingPercent: JSNumber.roundPercentage(remaining / limit * 100),
            used: used,
            limit: limit,
            resetsAt: detail["resetTime"]?.stringValue.flatMap(UpstreamTime.parse).map(UpstreamTime.unixSeconds)
        )
    }

    /// `window{duration, timeUnit}` in minutes (`TIME_UNIT_MINUTE`, `…HOUR`, `…DAY`, `…WEEK`,
    /// `…MONTH`), at least 1; nil for a missing or unknown unit.
    static func windowMinutes(of window: JSONValue?) -> Double? {
        guard let duration = window?["duration"]?.doubleValue, duration > 0,
            let unit = window?["timeUnit"]?.stringValue?.uppercased()
        else { return nil }
        let minutes: Double
        if unit.contains("MINUTE") {
            minutes = JSNumber.round(duration)
        } else if unit.contains("HOUR") {
            minutes = duration * 60
        } else if unit.contains("DAY") {
            minutes = duration * 1440
        } else if unit.contains("WEEK") {
            minutes = duration * 10080
        } else if unit.contains("MONTH") {
            minutes = duration * 43200
        } else {
            return nil
        }
        return max(1, minutes)
    }

    /// `LEVEL_INTERMEDIATE` → `Intermediate`, `LEVEL_FREE` → `Free`; other text unchanged.
    static func readableLevel(_ level: String) -> String {
        guard level.uppercased().hasPrefix("LEVEL_") else { return level }
        return level.dropFirst("LEVEL_".count)
            .split(separator: "_")
            .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
            .joined(separator: " ")
    }
}
