import AIMeterCore
import Foundation

/// Pure mapping of `GET /backend-api/wham/usage` to a snapshot.
enum CodexParser {
    /// Labels for one rate-limit group, by window class.
    struct Labels {
        var session: String
        var weekly: String
        var primary: String
        var secondary: String
    }

    static let main = Labels(session: "Session", weekly: "Weekly", primary: "Primary", secondary: "Secondary")
    static let additional = Labels(
        session: "Additional Session", weekly: "Additional Weekly", primary: "Additional Primary", secondary: "Additional Secondary"
    )
    static let codeReview = Labels(session: "Code Review", weekly: "Code Review", primary: "Code Review", secondary: "Code Review Secondary")

    /// The snapshot: windows of `rate_limit`, each `additional_rate_limits[]` and
    /// `code_review_rate_limit`, sorted by AIMeter's weights; credits balance as cost; plan type.
    static func snapshot(_ body: Data, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        var items = windows(json["rate_limit"], labels: main, extraDesc: nil, now: now)
        for entry in try json["additional_rate_limits"].optionalArray() ?? [] {
            let extra = entry["limit_name"].nonEmptyString ?? entry["metered_feature"].nonEmptyString
            items += windows(entry["rate_limit"], labels: additional, extraDesc: extra, now: now)
        }
        items += windows(json["code_review_rate_limit"], labels: codeReview, extraDesc: nil, now: now)
        return UsageSnapshot(
            items: sorted(items),
            cost: creditsCost(json["credits"]),
            identity: Identity(plan: json["plan_type"].string),
            updatedAt: now
        )
    }

    /// The primary and secondary windows of one `{allowed, limit_reached, primary_window, secondary_window}`.
    static func windows(_ limit: JSONReader, labels: Labels, extraDesc: String?, now: Date) -> [ProgressItem] {
        // A window without a percent counts as full when the group says the limit is hit.
        let isExhausted = limit["limit_reached"].bool == true || limit["allowed"].bool == false
        return [
            window(limit["primary_window"], labels: labels, isPrimary: true, extraDesc: extraDesc, isExhausted: isExhausted, now: now),
            window(limit["secondary_window"], labels: labels, isPrimary: false, extraDesc: extraDesc, isExhausted: isExhausted, now: now),
        ].compactMap { $0 }
    }

    static func window(
        _ json: JSONReader, labels: Labels, isPrimary: Bool, extraDesc: String?, isExhausted: Bool, now: Date
    ) -> ProgressItem? {
        guard json.value?.objectValue != nil else { return nil }
        let percent: Double
        if let used = json["used_percent"].number {
            percent = used
        } else if isExhausted {
            percent = 100
        } else {
            return nil
        }
        let usedPercent = JSNumber.roundPercentage(Swift.max(0, percent))
        let seconds = json["limit_window_seconds"].number
        var name = isPrimary ? labels.primary : labels.secondary
        if let seconds, seconds > 0, seconds <= 21_600 {
            name = labels.session
        } else if let seconds, seconds >= 518_400 {
            name = labels.weekly
        }
        var desc: String?
        if let seconds, seconds != 0 {
            desc = WindowDuration.describe(seconds: seconds) + " window" + (extraDesc.map { " for \($0)" } ?? "")
        } else {
            desc = extraDesc
        }
        return ProgressItem(
            name: name,
            desc: desc,
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(Swift.max(0, 100 - usedPercent)),
            windowMinutes: seconds.flatMap { $0 > 0 ? Swift.max(1, JSNumber.round($0 / 60)) : nil },
            resetsAt: resetsAt(json, now: now)
        )
    }

    /// `reset_at` (seconds, or milliseconds above 1e12), else now + `reset_after_seconds`.
    static func resetsAt(_ json: JSONReader, now: Date) -> Int64? {
        if let at = json["reset_at"].number, at > 0 {
            return UpstreamTime.unixSeconds(UpstreamTime.fromEpoch(at))
        }
        if let after = json["reset_after_seconds"].number {
            return UpstreamTime.unixSeconds(now.addingTimeInterval(Swift.max(0, after)))
        }
        return nil
    }

    /// AIMeter's order: Session, Weekly, Additional Session, Additional Weekly, Code Review,
    /// then the rest by name; equal keys keep their original order.
    static func sorted(_ items: [ProgressItem]) -> [ProgressItem] {
        let weights = ["session": 1, "weekly": 2, "additional session": 3, "additional weekly": 4, "code review": 5]
        return items.enumerated().sorted { lhs, rhs in
            let left = weights[lhs.element.name.lowercased()] ?? 10
            let right = weights[rhs.element.name.lowercased()] ?? 10
            if left != right { return left < right }
            let order = lhs.element.name.caseInsensitiveCompare(rhs.element.name)
            if order != .orderedSame { return order == .orderedAscending }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// A credit balance (not unlimited) as a balance-only cost in USD.
    static func creditsCost(_ json: JSONReader) -> Cost? {
        guard json["has_credits"].bool == true, json["unlimited"].bool != true, let balance = json["balance"].number else {
            return nil
        }
        return Cost(remaining: balance, currency: "USD")
    }
}
