import AIMeterCore
import Foundation

extension CopilotParser {
    /// `quota_snapshots` entries ranked premium, chat, others (stable). Unlimited quotas become
    /// `Unlimited` items (0 % used, 100 % remaining, no used/limit, no reset); zero-entitlement
    /// placeholders that are not unlimited are dropped; a negative `percent_remaining`
    /// (over quota) gives 0 % remaining and more than 100 % used.
    static func snapshotItems(_ json: JSONReader, resetsAt: Date?, desc: String?) throws -> [ProgressItem] {
        guard let members = try json.optionalObject().map({ _ in try json.members() }) else { return [] }
        let rank = ["premium_interactions": 0, "chat": 1]
        let ordered = members.enumerated().sorted { lhs, rhs in
            let left = rank[lhs.element.key] ?? 10
            let right = rank[rhs.element.key] ?? 10
            return left != right ? left < right : lhs.offset < rhs.offset
        }
        return ordered.compactMap { _, member in
            quotaItem(name: displayName(member.key), member.value, resetsAt: resetsAt, desc: desc)
        }
    }

    static func quotaItem(name: String, _ quota: JSONReader, resetsAt: Date?, desc: String?) -> ProgressItem? {
        guard !quota.isMissing else { return nil }
        if quota["unlimited"].bool == true {
            return ProgressItem(name: name, desc: "Unlimited", usedPercent: 0, remainingPercent: 100)
        }
        let remaining = quota["remaining"].number
        let limit = quota["entitlement"].number ?? quota["limit"].number
        if let limit, limit <= 0 { return nil }  // no allowance and not unlimited: a placeholder, not a 0 % bar
        let usedPercent: Double
        var remainingPercent: Double?
        if let percentRemaining = quota["percent_remaining"].number {
            let rounded = JSNumber.roundPercentage(percentRemaining)
            usedPercent = JSNumber.roundPercentage(100 - rounded)
            remainingPercent = Swift.max(0, rounded)
        } else if let used = quota["used"].number, let limit {
            usedPercent = JSNumber.roundPercentage(used / limit * 100)
        } else if let remaining, let limit {
            usedPercent = JSNumber.roundPercentage((limit - remaining) / limit * 100)
        } else {
            return nil
        }
        let used = quota["used"].number ?? limit.flatMap { limit in remaining.map { Swift.max(0, limit - $0) } }
        return ProgressItem(
            name: name,
            desc: desc,
            usedPercent: usedPercent,
            remainingPercent: remainingPercent,
            used: used,
            limit: limit,
            resetsAt: resetsAt.map(UpstreamTime.unixSeconds),
            resetDescription: resetsAt == nil ? nil : "Monthly reset"
        )
    }

    /// The free tier's `limited_user_quotas` (remaining) against `monthly_quotas` (limits):
    /// chat and completions first, then monthly's other keys, then current's.
    static func legacyItems(current: JSONReader, monthly: JSONReader, resetsAt: Date?, desc: String?) throws -> [ProgressItem] {
        guard let currentKeys = try current.optionalObject()?.keys, let monthlyKeys = try monthly.optionalObject()?.keys else {
            return []
        }
        var keys: [String] = []
        for key in ["chat", "completions"] + monthlyKeys + currentKeys where !keys.contains(key) {
            if key == "chat" || key == "completions" {
                guard currentKeys.contains(key) || monthlyKeys.contains(key) else { continue }
            }
            keys.append(key)
        }
        return keys.compactMap { key in
            guard let limit = monthly[key].number, limit > 0, let remaining = current[key].number else { return nil }
            let used = Swift.max(0, limit - remaining)
            return ProgressItem(
                name: displayName(key),
                desc: desc,
                usedPercent: JSNumber.roundPercentage(used / limit * 100),
                remainingPercent: JSNumber.roundPercentage(remaining / limit * 100),
                used: used,
                limit: limit,
                resetsAt: resetsAt.map(UpstreamTime.unixSeconds),
                resetDescription: resetsAt == nil ? nil : "Monthly reset"
            )
        }
    }
}
