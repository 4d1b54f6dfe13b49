import AIMeterCore
import Foundation

/// Pure mapping of codex-proxy quota answers to a snapshot.
///
/// One account's `quota` is `{usage, account, lastChecked}`. When `usage.raw` (the ChatGPT
/// `wham/usage` answer codex-proxy stores) has rate-limit windows, they are mapped exactly like
/// the Codex adapter does. Otherwise a single `Quota` item follows codex-proxy's own display
/// rules: used % from `percentage`, else `totalTokenUsage`, else `100 − remaining`, clamped to
/// 0–100; `limitReached: true` or `allowed: false` shows as exhausted (100 % used); the reset
/// is `usage.resetAt`, else `raw.rate_limit.primary_window.reset_at`, else now + `resetAfterSeconds`.
enum CodexProxyQuotaParser {
    /// The snapshot of a single-account answer (`/account/quota`, `/accounts/quota`).
    static func singleAccount(_ body: Data, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        try rejectFailure(json)
        let quota = json["quota"]
        guard quota.value?.objectValue != nil else {
            throw ProviderError.decoding(path: "quota", message: "codex-proxy has no quota data for this account yet")
        }
        let account = try self.account(quota, now: now)
        return UsageSnapshot(items: account.items, cost: account.cost, identity: account.plan.map { Identity(plan: $0) }, updatedAt: now)
    }

    /// The snapshot of `/accounts/quota/all`: every account with quota data, item names
    /// prefixed with the account's email. Accounts without data are left out.
    static func allAccounts(_ body: Data, now: Date) throws -> UsageSnapshot {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        try rejectFailure(json)
        var items: [ProgressItem] = []
        var plans: [String] = []
        for (index, entry) in try json["accounts"].array().enumerated() where entry["quota"].value?.objectValue != nil {
            let label = entry["email"].nonEmptyString ?? "Account \(index + 1)"
            let account = try self.account(entry["quota"], now: now)
            items += account.items.map { item in
                var named = item
                named.name = "\(label) \(item.name)"
                return named
            }
            if let plan = account.plan, !plans.contains(plan) { plans.append(plan) }
        }
        guard !items.isEmpty else {
            throw ProviderError.decoding(path: "accounts", message: "no codex-proxy account has quota data yet")
        }
        return UsageSnapshot(items: items, identity: plans.isEmpty ? nil : Identity(plan: plans.joined(separator: ", ")), updatedAt: now)
    }

    /// `success: false` with an `error` text means codex-proxy could not produce the quota.
    static func rejectFailure(_ json: JSONReader) throws {
        guard json["success"].bool == false else { return }
        let reason = json["error"].nonEmptyString ?? json["message"].nonEmptyString ?? "no reason given"
        throw ProviderError.upstreamError("codex-proxy could not read the quota: \(reason.prefix(200))")
    }

    /// Items, credits and plan of one account's `quota` object.
    static func account(_ quota: JSONReader, now: Date) throws -> (items: [ProgressItem], cost: Cost?, plan: String?) {
        let usage = quota["usage"]
        guard usage.value?.objectValue != nil else {
            throw ProviderError.decoding(path: usage.path, message: "codex-proxy reports no usage data for this account")
        }
        let raw = usage["raw"]
        let plan = quota["account"]["planType"].nonEmptyString ?? quota["account"]["plan_type"].nonEmptyString
            ?? raw["plan_type"].nonEmptyString
        let windows = try rawWindows(raw, now: now)
        if !windows.isEmpty {
            return (windows, CodexParser.creditsCost(raw["credits"]), plan)
        }
        return ([try summaryItem(usage, now: now)], CodexParser.creditsCost(raw["credits"]), plan)
    }

    /// The Codex adapter's items for the stored `wham/usage` answer.
    static func rawWindows(_ raw: JSONReader, now: Date) throws -> [ProgressItem] {
        guard raw.value?.objectValue != nil else { return [] }
        var items = CodexParser.windows(raw["rate_limit"], labels: CodexParser.main, extraDesc: nil, now: now)
        for entry in try raw["additional_rate_limits"].optionalArray() ?? [] {
            let extra = entry["limit_name"].nonEmptyString ?? entry["metered_feature"].nonEmptyString
            items += CodexParser.windows(entry["rate_limit"], labels: CodexParser.additional, extraDesc: extra, now: now)
        }
        items += CodexParser.windows(raw["code_review_rate_limit"], labels: CodexParser.codeReview, extraDesc: nil, now: now)
        return CodexParser.sorted(items)
    }

    /// The single item built from codex-proxy's summary fields.
    static func summaryItem(_ usage: JSONReader, now: Date) throws -> ProgressItem {
        let isExhausted = usage["limitReached"].bool == true || usage["allowed"].bool == false
        let reported = usage["percentage"].number ?? usage["totalTokenUsage"].number ?? usage["remaining"].number.map { 100 - $0 }
        guard let used = isExhausted ? 100 : reported else {
            throw ProviderError.decoding(
                path: usage.path, message: "codex-proxy reports no usage percentage (percentage, totalTokenUsage and remaining are missing)")
        }
        let clamped = Swift.min(100, Swift.max(0, used))
        return ProgressItem(
            name: "Quota",
            usedPercent: JSNumber.roundPercentage(clamped),
            remainingPercent: JSNumber.roundPercentage(100 - clamped),
            resetsAt: resetsAt(usage, now: now)
        )
    }

    /// `usage.resetAt` (ISO-8601 or epoch), else the stored primary window's `reset_at`, else
    /// now + `resetAfterSeconds` (or the primary window's `reset_after_seconds`).
    static func resetsAt(_ usage: JSONReader, now: Date) -> Int64? {
        let resetAt = usage["resetAt"]
        if let text = resetAt.string, let date = UpstreamTime.parse(text) {
            return UpstreamTime.unixSeconds(date)
        }
        let primary = usage["raw"]["rate_limit"]["primary_window"]
        if let epoch = resetAt.number ?? primary["reset_at"].number, epoch > 0 {
            return UpstreamTime.unixSeconds(UpstreamTime.fromEpoch(epoch))
        }
        if let after = usage["resetAfterSeconds"].number ?? primary["reset_after_seconds"].number, after > 0 {
            return UpstreamTime.unixSeconds(now.addingTimeInterval(after))
        }
        return nil
    }
}
