import AIMeterCore
import Foundation

/// Pure mapping of Cursor's usage summary (+ the legacy request counts) to a snapshot.
enum CursorParser {
    /// `sub` from `GET /api/auth/me`; nil when the body is not JSON or has none.
    static func subject(_ body: Data) -> String? {
        (try? JSONReader.parse(body))?["sub"].nonEmptyString
    }

    /// The snapshot: a `Plan` item, an on-demand `Secondary` item and cost, and the membership plan.
    static func snapshot(summary: Data, legacyUsage: Data?, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(summary)
        _ = try json.object()
        let legacySummary = json["usage_summary"]
        let end = (json["billingCycleEnd"].isMissing ? legacySummary["billing_cycle_end"] : json["billingCycleEnd"]).string
            .flatMap(UpstreamTime.parse)
        let start = json["billingCycleStart"].string.flatMap(UpstreamTime.parse)
        var desc = ""
        if let start, let end {
            let days = Swift.max(1, Int(JSNumber.round(end.timeIntervalSince(start) / 86_400)))
            desc = "\(days) \(days == 1 ? "day" : "days") window"
        }
        let resetsAt = end.map(UpstreamTime.unixSeconds)
        var items: [ProgressItem] = []
        if var plan = planItem(json, legacyUsage: legacyUsage) {
            plan.desc = desc
            plan.resetsAt = resetsAt
            items.append(plan)
        }
        let onDemand = json["individualUsage"]["onDemand"].isMissing ? legacySummary["on_demand_usage"] : json["individualUsage"]["onDemand"]
        var cost: Cost?
        if let limitRaw = onDemand["limit"].number, limitRaw > 0 {
            let usedRaw = onDemand["used"].number ?? 0
            let remainingRaw = onDemand["remaining"].number ?? 0
            items.append(ProgressItem(
                name: "Secondary",
                desc: desc,
                usedPercent: JSNumber.roundPercentage(usedRaw / limitRaw * 100),
                remainingPercent: JSNumber.roundPercentage(remainingRaw / limitRaw * 100),
                used: usedRaw / 100,
                limit: limitRaw / 100,
                resetsAt: resetsAt
            ))
            cost = Cost(used: usedRaw / 100, limit: limitRaw / 100, remaining: remainingRaw / 100, currency: "USD", period: "monthly")
        }
        guard !items.isEmpty else {
            throw ProviderError.decoding(path: "individualUsage.plan", message: "the usage summary has no plan usage")
        }
        let membership = json["membershipType"].nonEmptyString ?? json["membership_type"].nonEmptyString
        return UsageSnapshot(items: items, cost: cost, identity: Identity(plan: membership.map(planLabel)), updatedAt: now)
    }

    /// The `Plan` item without desc and reset: legacy request counts when the account has a
    /// request limit (AIMeter lets them override the dollar plan), else the dollar plan in
    /// cents, else the bare percentage. Nil when the summary carries no plan figures at all
    /// (AIMeter would show 0 %).
    static func planItem(_ json: JSONReader, legacyUsage: Data?) -> ProgressItem? {
        if let legacyUsage, let legacy = try? JSONReader.parse(legacyUsage),
            let limit = legacy["gpt-4"]["maxRequestUsage"].number, limit > 0
        {
            let used = legacy["gpt-4"]["numRequestsTotal"].number ?? legacy["gpt-4"]["numRequests"].number ?? 0
            return ProgressItem(
                name: "Plan",
                usedPercent: JSNumber.roundPercentage(used / limit * 100),
                remainingPercent: JSNumber.roundPercentage((limit - used) / limit * 100),
                used: used,
                limit: limit
            )
        }
        let plan = json["individualUsage"]["plan"].isMissing ? json["usage_summary"]["plan_usage"] : json["individualUsage"]["plan"]
        if let limitRaw = plan["limit"].number, limitRaw > 0 {
            let usedRaw = plan["used"].number ?? 0
            return ProgressItem(
                name: "Plan",
                usedPercent: JSNumber.roundPercentage(usedRaw / limitRaw * 100),
                remainingPercent: JSNumber.roundPercentage((plan["remaining"].number ?? 0) / limitRaw * 100),
                used: usedRaw / 100,
                limit: limitRaw / 100
            )
        }
        // Already a percentage: unlike AIMeter, values ≤ 1 are not read as ratios.
        guard let percent = plan["totalPercentUsed"].number ?? plan["total_percent_used"].number else { return nil }
        return ProgressItem(name: "Plan", usedPercent: JSNumber.roundPercentage(percent))
    }

    /// enterprise → Enterprise, pro → Pro, hobby → Hobby, team → Team; anything else as sent.
    static func planLabel(_ membership: String) -> String {
        ["enterprise": "Enterprise", "pro": "Pro", "hobby": "Hobby", "team": "Team"][membership.lowercased()] ?? membership
    }
}
