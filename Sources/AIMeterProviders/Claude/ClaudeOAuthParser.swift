import AIMeterCore
import Foundation

/// Pure mapping of `GET /api/oauth/usage` to a snapshot.
enum ClaudeOAuthParser {
    /// The snapshot for a usage body. `plan` is the configured or profile plan: it decides
    /// whether model-scoped weekly windows are shown (only for Max/Enterprise or unknown plans)
    /// and becomes the identity.
    static func snapshot(_ body: Data, plan: String?, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        var items: [ProgressItem] = []
        if let session = window(json["five_hour"], name: "Session", minutes: 300) { items.append(session) }
        let weekly = json["seven_day"].isMissing ? json["seven_day_oauth_apps"] : json["seven_day"]
        if let item = window(weekly, name: "Weekly", minutes: 10080) { items.append(item) }
        if showsModelWindows(plan: plan) {
            for (key, name) in [("seven_day_sonnet", "Weekly Sonnet"), ("seven_day_opus", "Weekly Opus")] {
                if let item = window(json[key], name: name, minutes: 10080) { items.append(item) }
            }
            for item in try modelScopedLimits(json["limits"]) where !items.contains(where: { $0.name == item.name }) {
                items.append(item)
            }
        }
        return UsageSnapshot(
            items: items,
            cost: extraUsageCost(json["extra_usage"]),
            identity: Identity(plan: plan),
            updatedAt: now
        )
    }

    /// AIMeter hides the Sonnet window for plans that are neither Max nor Enterprise; aimeter
    /// extends the rule to every model-scoped window.
    static func showsModelWindows(plan: String?) -> Bool {
        guard let plan = plan?.lowercased(), !plan.isEmpty else { return true }
        return plan.contains("max") || plan.contains("enterprise")
    }

    /// One `{utilization, resets_at}` window with AIMeter's stored desc (`5 hours window` for
    /// 300 minutes, `7 days window` for 10080). Utilization is already a percentage (0–100):
    /// unlike AIMeter, values ≤ 1 are **not** read as ratios.
    static func window(_ json: JSONReader, name: String, minutes: Double) -> ProgressItem? {
        guard json["utilization"].isNumber, let utilization = json["utilization"].number else { return nil }
        return ProgressItem(
            name: name,
            desc: minutes == 300 ? "5 hours window" : "7 days window",
            usedPercent: JSNumber.roundPercentage(Swift.max(0, utilization)),
            windowMinutes: minutes,
            resetsAt: ClaudeTime.unixSeconds(json["resets_at"])
        )
    }

    /// Newer `limits[]` entries scoped to a model (`scope.model.display_name`), as
    /// `Weekly <model>` (or `Session <model>`) items.
    static func modelScopedLimits(_ json: JSONReader) throws -> [ProgressItem] {
        guard let limits = try json.optionalArray() else { return [] }
        return limits.compactMap { limit -> ProgressItem? in
            let model = limit["scope"]["model"]
            guard var label = model["display_name"].nonEmptyString ?? model["id"].nonEmptyString,
                let percent = limit["percent"].number
            else { return nil }
            if label.hasPrefix("Claude ") { label.removeFirst("Claude ".count) }
            let kind = limit["kind"].string?.lowercased() ?? ""
            let isSession = kind.contains("session") || kind.contains("five_hour")
            let minutes: Double? = isSession ? 300 : (kind.contains("week") ? 10080 : nil)
            let prefix = isSession ? "Session " : (minutes == nil ? "" : "Weekly ")
            return ProgressItem(
                name: prefix + label,
                desc: minutes == 300 ? "5 hours window" : (minutes == nil ? nil : "7 days window"),
                usedPercent: JSNumber.roundPercentage(Swift.max(0, percent)),
                windowMinutes: minutes,
                resetsAt: ClaudeTime.unixSeconds(limit["resets_at"])
            )
        }
    }

    /// `extra_usage` spend in minor units (cents) → a monthly cost.
    static func extraUsageCost(_ json: JSONReader) -> Cost? {
        guard json["is_enabled"].bool == true,
            let used = (json["used_credits"].isMissing ? json["used"] : json["used_credits"]).number,
            let limit = (json["monthly_limit"].isMissing ? json["limit"] : json["monthly_limit"]).number
        else { return nil }
        return ClaudeMoney.monthlyCost(usedMinor: used, limitMinor: limit, currency: json["currency"].nonEmptyString)
    }
}

/// Money conversion shared by both Claude modes.
enum ClaudeMoney {
    /// Amounts are minor units (cents). AIMeter divides by 100 a second time when the limit
    /// reaches $1000; aimeter does not, because that turns a real $1,000+ budget into $10.
    static func monthlyCost(usedMinor: Double, limitMinor: Double, currency: String?) -> Cost {
        let used = usedMinor / 100
        let limit = limitMinor / 100
        return Cost(used: used, limit: limit, remaining: limit - used, currency: currency ?? "USD", period: "Monthly")
    }
}

/// Claude timestamps.
enum ClaudeTime {
    /// `resets_at` (ISO-8601 with microseconds) as unix seconds; nil when missing or unreadable.
    static func unixSeconds(_ json: JSONReader) -> Int64? {
        json.string.flatMap(UpstreamTime.parse).map(UpstreamTime.unixSeconds)
    }
}
