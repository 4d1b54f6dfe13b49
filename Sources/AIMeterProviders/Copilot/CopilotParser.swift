import AIMeterCore
import Foundation

/// Pure mapping of `GET /copilot_internal/user` to a snapshot.
enum CopilotParser {
    /// Items from `quota_snapshots` (or the legacy free-tier maps), the capitalised plan, no cost.
    static func snapshot(_ body: Data, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        let resetsAt = resetDate(json)
        let window = windowDesc(resetsAt: resetsAt, subscribedDay: json["limited_user_subscribed_day"].number)
        var items = try snapshotItems(json["quota_snapshots"], resetsAt: resetsAt, desc: window)
        if items.isEmpty {
            items = try legacyItems(current: json["limited_user_quotas"], monthly: json["monthly_quotas"], resetsAt: resetsAt, desc: window)
        }
        return UsageSnapshot(items: items, identity: Identity(plan: capitalized(json["copilot_plan"].string)), updatedAt: now)
    }

    /// `quota_reset_date_utc`, else `quota_reset_date`, else `limited_user_reset_date`
    /// (date-only strings are UTC midnight).
    static func resetDate(_ json: JSONReader) -> Date? {
        for key in ["quota_reset_date_utc", "quota_reset_date", "limited_user_reset_date"] {
            if let date = json[key].nonEmptyString.flatMap(UpstreamTime.parse) { return date }
        }
        return nil
    }

    /// `"<n> days window"`: from the previous month's subscription day (or the reset day) to the reset.
    static func windowDesc(resetsAt: Date?, subscribedDay: Double?) -> String? {
        guard let resetsAt else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? calendar.timeZone
        let parts = calendar.dateComponents([.year, .month, .day], from: resetsAt)
        guard let year = parts.year, let month = parts.month, let day = parts.day else { return nil }
        let subscribed = subscribedDay.flatMap { $0.isFinite ? Int(Swift.min(31, Swift.max(1, $0))) : nil } ?? day
        let (prevYear, prevMonth) = month == 1 ? (year - 1, 12) : (year, month - 1)
        guard let monthStart = calendar.date(from: DateComponents(year: prevYear, month: prevMonth, day: 1)),
            let daysInMonth = calendar.range(of: .day, in: .month, for: monthStart)?.count,
            let previous = calendar.date(from: DateComponents(year: prevYear, month: prevMonth, day: Swift.min(subscribed, daysInMonth)))
        else { return nil }
        let days = Int(JSNumber.round(resetsAt.timeIntervalSince(previous) / 86_400))
        return days > 0 ? "\(days) \(days == 1 ? "day" : "days") window" : nil
    }

    /// `premium_interactions` → `Premium`, `chat` → `Chat`, else words title-cased.
    static func displayName(_ key: String) -> String {
        switch key {
        case "premium_interactions": return "Premium"
        case "chat": return "Chat"
        default:
            return key.split(whereSeparator: { $0 == "_" || $0 == "-" || $0.isWhitespace })
                .map { $0.prefix(1).uppercased() + $0.dropFirst().lowercased() }
                .joined(separator: " ")
        }
    }

    /// First letter upper-cased, the rest lower-cased.
    static func capitalized(_ text: String?) -> String? {
        guard let text, !text.isEmpty else { return nil }
        return text.prefix(1).uppercased() + text.dropFirst().lowercased()
    }
}
