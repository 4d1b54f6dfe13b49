import AIMeterCore
import Foundation

/// Pure mapping of the claude.ai (cookie mode) answers.
enum ClaudeWebParser {
    /// The organization to query from `GET /api/organizations`: the first with the `chat`
    /// capability, else the first. Returns its `uuid` and the org object (for the plan).
    static func organization(_ body: Data) throws -> (uuid: String, org: JSONReader) {
        let orgs = try JSONReader.parse(body).array()
        guard !orgs.isEmpty else { throw ProviderError.upstreamError("No Claude organizations found") }
        let chosen = orgs.first(where: { org in
            (org["capabilities"].value?.arrayValue ?? []).contains(where: { $0.stringValue == "chat" })
        }) ?? orgs[0]
        guard let uuid = chosen["uuid"].nonEmptyString else { throw chosen["uuid"].typeError(expected: "a string") }
        return (uuid, chosen)
    }

    /// Items from `GET /api/organizations/<uuid>/usage`: AIMeter's `limits[]` (ids
    /// `chat_usage_limit`/`session_limit`, `weekly_usage_limit`) when present, else the
    /// `five_hour`/`seven_day` utilization windows. No desc, as in AIMeter.
    static func items(_ body: Data) throws -> [ProgressItem] {
        let json = try JSONReader.parse(body)
        _ = try json.object()
        let limits = try json["limits"].optionalArray() ?? []
        let sessionIds: Set<String> = ["chat_usage_limit", "session_limit"]
        if limits.contains(where: { sessionIds.contains($0["id"].string ?? "") || $0["id"].string == "weekly_usage_limit" }) {
            var items: [ProgressItem] = []
            if let session = limits.first(where: { sessionIds.contains($0["id"].string ?? "") }),
                let item = countedLimit(session, name: "Session", minutes: 300)
            {
                items.append(item)
            }
            if let weekly = limits.first(where: { $0["id"].string == "weekly_usage_limit" }),
                let item = countedLimit(weekly, name: "Weekly", minutes: 10080)
            {
                items.append(item)
            }
            return items
        }
        return [utilizationWindow(json["five_hour"], name: "Session", minutes: 300),
                utilizationWindow(json["seven_day"], name: "Weekly", minutes: 10080)].compactMap { $0 }
    }

    /// A `{used, limit, reset_at}` entry, when `limit > 0`.
    static func countedLimit(_ json: JSONReader, name: String, minutes: Double) -> ProgressItem? {
        guard let limit = json["limit"].number, limit > 0, let used = json["used"].number else { return nil }
        return ProgressItem(
            name: name,
            usedPercent: JSNumber.roundPercentage(Swift.max(0, used / limit * 100)),
            used: used,
            limit: limit,
            windowMinutes: minutes,
            resetsAt: ClaudeTime.unixSeconds(json["reset_at"])
        )
    }

    /// A `{utilization | used/limit, resets_at}` window. Utilization is a percentage (no ratio heuristic).
    static func utilizationWindow(_ json: JSONReader, name: String, minutes: Double) -> ProgressItem? {
        let used = json["used"].number
        let limit = json["limit"].number
        let percent: Double
        if json["utilization"].isNumber, let utilization = json["utilization"].number {
            percent = utilization
        } else if let used, let limit, limit > 0 {
            percent = used / limit * 100
        } else {
            return nil
        }
        return ProgressItem(
            name: name,
            usedPercent: JSNumber.roundPercentage(Swift.max(0, percent)),
            used: used,
            limit: limit,
            windowMinutes: minutes,
            resetsAt: ClaudeTime.unixSeconds(json["resets_at"])
        )
    }

    /// The plan from `GET /api/account` (first membership's organization), falling back to
    /// the selected organization.
    static func plan(account: Data?, selectedOrg: JSONReader) -> String? {
        if let account, let json = try? JSONReader.parse(account), !json["memberships"][0]["organization"].isMissing {
            return ClaudePlan.fromOrganization(json["memberships"][0]["organization"])
        }
        return ClaudePlan.fromOrganization(selectedOrg)
    }

    /// The monthly cost from `GET .../overage_spend_limit` (camelCase or snake_case), when
    /// enabled and both amounts are numbers (AIMeter also let `null` through).
    static func cost(_ body: Data?) -> Cost? {
        guard let body, let json = try? JSONReader.parse(body) else { return nil }
        func field(_ camel: String, _ snake: String) -> JSONReader { json[camel].isMissing ? json[snake] : json[camel] }
        guard field("isEnabled", "is_enabled").bool == true,
            let used = field("usedCredits", "used_credits").number,
            let limit = field("monthlyCreditLimit", "monthly_credit_limit").number
        else { return nil }
        return ClaudeMoney.monthlyCost(usedMinor: used, limitMinor: limit, currency: json["currency"].nonEmptyString)
    }
}
