import AIMeterCore
import Foundation

/// Pure mapping of the z.ai `quota/limit` body to items and a plan.
enum ZaiQuotaParser {
    /// Throws the error z.ai reports inside an HTTP 200 (`success: false` or `code` ≠ 200).
    static func checkEnvelope(_ body: JSONValue) throws {
        let code = body["code"]?.doubleValue.map { Int($0) }
        guard body["success"]?.boolValue == false || (code != nil && code != 200) else { return }
        let message = body["msg"]?.nonEmptyString.map { String($0.prefix(200)) } ?? "z.ai API returned an error"
        let suffix = code.map { " (code: \($0))" } ?? ""
        switch code {
        // 401 and the 1000–1004 authentication family of z.ai's business codes.
        case 401, 1000, 1001, 1002, 1003, 1004:
            throw ProviderError.authRequired("z.ai API key rejected: \(message)\(suffix)")
        // 1302: too much concurrency; 1303: too many requests.
        case 1302, 1303:
            throw ProviderError.rateLimited(retryAfter: nil, message: "z.ai rate limit: \(message)\(suffix)")
        default:
            throw ProviderError.upstreamError("z.ai error: \(message)\(suffix)")
        }
    }

    /// Items in display order: token windows (5 hours, day, week, month, other), then tool quotas.
    static func items(from body: JSONValue) throws -> [ProgressItem] {
        let limits = container(body)?["limits"]?.arrayValue ?? body["limits"]?.arrayValue ?? []
        var tokens: [(rank: Int, item: ProgressItem)] = []
        var tools: [ProgressItem] = []
        for limit in limits {
            let type = (limit["type"]?.stringValue ?? limit["name"]?.stringValue ?? "").uppercased()
            let unit = limit["unit"]?.doubleValue.map { Int($0) }
            switch type {
            case "TOKENS_LIMIT":
                let kind = ZaiTokenWindow(unit: unit)
                tokens.append((kind.rank, item(named: kind.name, from: limit, unit: unit)))
            case "TIME_LIMIT":
                tools.append(item(named: "Web Searches", from: limit, unit: unit))
            default:
                continue
            }
        }
        let items =
            tokens.enumerated().sorted { ($0.element.rank, $0.offset) < ($1.element.rank, $1.offset) }
            .map(\.element.item) + tools
        guard !items.isEmpty else {
            throw ProviderError.decoding(path: "data.limits", message: "no TOKENS_LIMIT or TIME_LIMIT entries")
        }
        return items
    }

    /// The plan: `planName`, `plan`, `planType`, `plan_type` or `packageName`, else the
    /// `level` (`pro` → `Pro`), which AIMeter ignores although real answers only carry that.
    static func plan(from body: JSONValue) -> String? {
        let container = container(body)
        for key in ["planName", "plan", "planType", "plan_type", "packageName"] {
            if let plan = container?[key]?.nonEmptyString { return plan }
        }
        guard let level = container?["level"]?.nonEmptyString else { return nil }
        return level.prefix(1).uppercased() + level.dropFirst()
    }

    /// One limit entry. Percent comes from `usage` (the limit) with `currentValue`/`remaining`
    /// when there is a limit, else from `percentage` (already a used percentage).
    static func item(named name: String, from entry: JSONValue, unit: Int?) -> ProgressItem {
        let limit = entry["usage"]?.doubleValue.flatMap { $0 > 0 ? $0 : nil }
        let current = entry["currentValue"]?.doubleValue
        let remaining = entry["remaining"]?.doubleValue
        var used: Double?
        if let limit, let remaining {
            used = clamp(max(limit - remaining, current ?? -.infinity), 0, limit)
        } else if let current {
            used = limit.map { clamp(current, 0, $0) } ?? max(0, current)
        }
        let percent: Double
        if let limit, let used {
            percent = clamp(used / limit * 100, 0, 100)
        } else if let reported = entry["percentage"]?.doubleValue {
            percent = clamp(reported, 0, 100)
        } else {
            percent = 0
        }
        let usedPercent = JSNumber.roundPercentage(percent)
        return ProgressItem(
            name: name,
            usedPercent: usedPercent,
            remainingPercent: JSNumber.roundPercentage(max(0, 100 - usedPercent)),
            used: used,
            limit: limit,
            windowMinutes: windowMinutes(unit: unit, number: entry["number"]?.doubleValue),
            resetsAt: entry["nextResetTime"]?.doubleValue.map { UpstreamTime.unixSeconds(UpstreamTime.fromEpoch($0)) }
        )
    }

    /// `number` × the length of `unit`: 1 = days, 3 = hours, 5 = months (30 days), 6 = weeks.
    ///
    /// AIMeter maps 5 to minutes and 6 to days, so its weekly window reads "1 day" and the
    /// monthly tool quota "1 minute"; the reset times z.ai sends confirm weeks and months.
    static func windowMinutes(unit: Int?, number: Double?) -> Double? {
        guard let number, number > 0, let unit else { return nil }
        switch unit {
        case 1: return number * 1440
        case 3: return number * 60
        case 5: return number * 43200
        case 6: return number * 10080
        default: return nil
        }
    }

    private static func container(_ body: JSONValue) -> JSONValue? {
        if body["data"]?.objectValue != nil { return body["data"] }
        return body["payload"]?.objectValue != nil ? body["payload"] : nil
    }

    private static func clamp(_ value: Double, _ lower: Double, _ upper: Double) -> Double {
        min(max(value, lower), upper)
    }
}

/// A `TOKENS_LIMIT` entry classified by its `unit`, never by its position or reset order
/// (near a boundary the weekly window can reset before the 5-hour one).
enum ZaiTokenWindow {
    case session, daily, weekly, monthly, other

    init(unit: Int?) {
        switch unit {
        case 3: self = .session
        case 1: self = .daily
        case 6: self = .weekly
        case 5: self = .monthly
        default: self = .other
        }
    }

    /// Item name; `Session`, `Weekly` and `Tokens` are AIMeter's names.
    var name: String {
        switch self {
        case .session: "Session"
        case .daily: "Daily"
        case .weekly: "Weekly"
        case .monthly: "Monthly"
        case .other: "Tokens"
        }
    }

    /// Display position among token windows (shortest first).
    var rank: Int {
        switch self {
        case .session: 0
        case .daily: 1
        case .weekly: 2
        case .monthly: 3
        case .other: 4
        }
    }
}
