import AIMeterCore
import Foundation

/// Pure mapping of the Coding Plan `remains` body to items.
///
/// MiniMax counts model calls; fifteen calls make one prompt, so absolute numbers are divided
/// by 15 (AIMeter's rule). Despite their names, `current_interval_usage_count` and
/// `current_weekly_usage_count` are the **remaining** counts.
enum MiniMaxRemainsParser {
    /// Model calls per prompt.
    static let callsPerPrompt = 15.0

    /// Throws the error MiniMax reports inside an HTTP 200 (`base_resp.status_code != 0`).
    static func checkStatus(_ body: JSONValue) throws {
        guard let status = body["base_resp"]?["status_code"]?.doubleValue, status != 0 else { return }
        let code = Int(status)
        let message = body["base_resp"]?["status_msg"]?.nonEmptyString.map { String($0.prefix(200)) } ?? "Unknown error"
        switch code {
        // 1004: not authorized / cookie missing; 2049: invalid API key (MiniMax error code table).
        case 1004, 2049:
            throw ProviderError.authRequired("MiniMax credentials are missing or expired: \(message) (code: \(code))")
        // 1002: rate limit; 1039: token rate limit.
        case 1002, 1039:
            throw ProviderError.rateLimited(retryAfter: nil, message: "MiniMax rate limit: \(message) (code: \(code))")
        default:
            throw ProviderError.upstreamError("MiniMax API error: \(message) (code: \(code))")
        }
    }

    /// `Prompt` (the current interval) and, when the plan has a weekly cap, `Weekly`.
    static func items(from body: JSONValue) throws -> [ProgressItem] {
        guard let remains = body["model_remains"]?.arrayValue, let first = remains.first else {
            throw ProviderError.decoding(path: "model_remains", message: "no usage data (empty or missing array)")
        }
        let total = try number(first, "current_interval_total_count")
        let remaining = try number(first, "current_interval_usage_count")
        let minutes = windowMinutes(start: first["start_time"], end: first["end_time"])
        let base = minutes.map { WindowDuration.describe(minutes: $0) + " window" } ?? "window"
        let names = modelNames(remains)
        var prompt = item(name: "Prompt", total: total, remaining: remaining)
        prompt.desc = names.isEmpty ? base : "\(base) for models: \(names.joined(separator: ", "))"
        prompt.windowMinutes = minutes
        prompt.resetsAt = resetsAt(end: first["end_time"], remainsTime: first["remains_time"])
        var items = [prompt]
        if let weekly = weeklyItem(first) { items.append(weekly) }
        return items
    }

    /// `Weekly`, unless the entry has no weekly counts or `current_weekly_status` is 3
    /// (MiniMax's "no weekly cap"). Percentages may exceed 100 when a weekly boost applies.
    static func weeklyItem(_ entry: JSONValue) -> ProgressItem? {
        guard entry["current_weekly_status"]?.doubleValue != 3,
            let total = entry["current_weekly_total_count"]?.doubleValue, total > 0,
            let remaining = entry["current_weekly_usage_count"]?.doubleValue
        else { return nil }
        let minutes = windowMinutes(start: entry["weekly_start_time"], end: entry["weekly_end_time"]) ?? 10080
        var weekly = item(name: "Weekly", total: total, remaining: remaining)
        weekly.desc = WindowDuration.describe(minutes: minutes) + " window"
        weekly.windowMinutes = minutes
        weekly.resetsAt = resetsAt(end: entry["weekly_end_time"], remainsTime: entry["weekly_remains_time"])
        return weekly
    }

    /// The item arithmetic shared by both windows. `remainingPercent` is always set (AIMeter
    /// drops it when it rounds to 0, which hides an exhausted quota).
    static func item(name: String, total: Double, remaining: Double) -> ProgressItem {
        let usedCount = total - remaining
        return ProgressItem(
            name: name,
            usedPercent: JSNumber.roundPercentage(total > 0 ? usedCount / total * 100 : 0),
            remainingPercent: JSNumber.roundPercentage(total > 0 ? remaining / total * 100 : 0),
            used: JSNumber.round(usedCount / callsPerPrompt),
            limit: JSNumber.round(total / callsPerPrompt)
        )
    }

    /// Plan titles some answers carry under `data`.
    static func responsePlan(from body: JSONValue) -> String? {
        let data = body["data"]
        return data?["current_subscribe_title"]?.nonEmptyString ?? data?["plan_name"]?.nonEmptyString
            ?? data?["combo_title"]?.nonEmptyString ?? data?["current_plan_title"]?.nonEmptyString
            ?? data?["current_combo_card"]?["title"]?.nonEmptyString
    }

    /// Distinct `model_name`s, compared case-insensitively, first spelling kept.
    static func modelNames(_ remains: [JSONValue]) -> [String] {
        var seen = Set<String>()
        var names: [String] = []
        for entry in remains {
            guard let name = entry["model_name"]?.nonEmptyString, seen.insert(name.lowercased()).inserted else { continue }
            names.append(name)
        }
        return names
    }

    /// Whole minutes between two epoch values (≥ 1e12 is ms, else seconds); nil when invalid.
    static func windowMinutes(start: JSONValue?, end: JSONValue?) -> Double? {
        guard let startMs = epochMilliseconds(start), let endMs = epochMilliseconds(end), endMs > startMs else { return nil }
        return ((endMs - startMs) / 60000).rounded(.down)
    }

    /// The window end when the window is running (`remains_time` > 0, or absent).
    static func resetsAt(end: JSONValue?, remainsTime: JSONValue?) -> Int64? {
        if let remaining = remainsTime?.doubleValue, remaining <= 0 { return nil }
        return epochMilliseconds(end).map { Int64(($0 / 1000).rounded(.down)) }
    }

    static func epochMilliseconds(_ value: JSONValue?) -> Double? {
        guard let number = value?.doubleValue, number > 0 else { return nil }
        return number >= 1e12 ? number : number * 1000
    }

    private static func number(_ entry: JSONValue, _ key: String) throws -> Double {
        guard let value = entry[key]?.doubleValue else {
            throw ProviderError.decoding(path: "model_remains[0].\(key)", message: "missing or not a number")
        }
        return value
    }
}
