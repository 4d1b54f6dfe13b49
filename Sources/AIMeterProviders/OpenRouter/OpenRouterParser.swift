import AIMeterCore
import Foundation

/// Pure mapping of OpenRouter's `/credits` and `/key` bodies.
enum OpenRouterParser {
    /// The account balance from `/credits`: the `Total Credits` item and the matching cost.
    static func totalCredits(from body: JSONValue) throws -> (item: ProgressItem, cost: Cost) {
        let credits = try number(body, "total_credits")
        let usage = try number(body, "total_usage")
        let used = JSNumber.roundPercentage(usage)
        let limit = JSNumber.roundPercentage(credits)
        let balance = JSNumber.roundPercentage(credits - usage)
        let item = ProgressItem(
            name: "Total Credits",
            desc: "total window",
            usedPercent: JSNumber.roundPercentage(limit > 0 ? used / limit * 100 : 0),
            remainingPercent: JSNumber.roundPercentage(limit > 0 ? balance / limit * 100 : 0),
            used: used,
            limit: limit
        )
        return (item, Cost(used: used, limit: limit, remaining: balance, currency: "USD"))
    }

    /// The key's own budget from `/key`, or nil when the key has no limit.
    ///
    /// Percentages are taken against the key's **limit** (AIMeter divides by the remaining
    /// budget). The amount used in the current period is `limit - limit_remaining` when
    /// OpenRouter sends `limit_remaining`, else `usage_daily|weekly|monthly` for keys that
    /// reset, else the lifetime `usage`.
    static func keyItem(from body: JSONValue, now: Date) -> ProgressItem? {
        guard let data = body["data"], let limit = data["limit"]?.doubleValue else { return nil }
        let reset = OpenRouterKeyReset(rawValue: data["limit_reset"]?.stringValue?.lowercased() ?? "")
        let periodUsage = reset.flatMap { data[$0.usageField]?.doubleValue }
        guard let usage = data["limit_remaining"]?.doubleValue.map({ limit - $0 }) ?? periodUsage ?? data["usage"]?.doubleValue
        else { return nil }
        let used = JSNumber.roundPercentage(usage)
        let keyLimit = JSNumber.roundPercentage(limit)
        let remaining = max(0, JSNumber.roundPercentage(limit - usage))
        return ProgressItem(
            name: reset?.itemName ?? "Credits",
            desc: reset?.desc ?? "total window",
            usedPercent: JSNumber.roundPercentage(keyLimit > 0 ? used / keyLimit * 100 : 0),
            remainingPercent: JSNumber.roundPercentage(keyLimit > 0 ? remaining / keyLimit * 100 : 0),
            used: used,
            limit: keyLimit,
            resetsAt: reset.map { UpstreamTime.unixSeconds($0.next(after: now)) }
        )
    }

    /// `Free tier` for free-tier keys, else AIMeter's constant `Pay as you go`.
    static func plan(fromKey body: JSONValue?) -> String {
        body?["data"]?["is_free_tier"]?.boolValue == true ? "Free tier" : "Pay as you go"
    }

    private static func number(_ body: JSONValue, _ key: String) throws -> Double {
        guard let value = body["data"]?[key]?.doubleValue else {
            throw ProviderError.decoding(path: "data.\(key)", message: "missing or not a number")
        }
        return value
    }
}

/// How often an OpenRouter key's limit resets. OpenRouter resets at 00:00 UTC; weeks start on Monday.
enum OpenRouterKeyReset: String, Sendable {
    case daily, weekly, monthly

    /// The `/key` field holding the usage of the current period.
    var usageField: String { "usage_\(rawValue)" }

    /// Item name (AIMeter's).
    var itemName: String {
        switch self {
        case .daily: "Daily Credits"
        case .weekly: "Weekly Credits"
        case .monthly: "Monthly Credits"
        }
    }

    /// Stored desc (AIMeter's).
    var desc: String {
        switch self {
        case .daily: "1 day window"
        case .weekly: "7 days window"
        case .monthly: "30 days window"
        }
    }

    /// The next reset strictly after `now`, in UTC.
    func next(after now: Date) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0) ?? calendar.timeZone
        let today = calendar.startOfDay(for: now)
        switch self {
        case .daily:
            return calendar.date(byAdding: .day, value: 1, to: today) ?? today
        case .weekly:
            // Gregorian weekday: 1 = Sunday, 2 = Monday. From Monday the next reset is a week away.
            let weekday = calendar.component(.weekday, from: today)
            let days = (2 - weekday + 7) % 7
            return calendar.date(byAdding: .day, value: days == 0 ? 7 : days, to: today) ?? today
        case .monthly:
            let month = calendar.dateComponents([.year, .month], from: today)
            let first = calendar.date(from: month) ?? today
            return calendar.date(byAdding: .month, value: 1, to: first) ?? today
        }
    }
}
