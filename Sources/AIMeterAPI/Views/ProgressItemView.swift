import AIMeterCore

/// Progress items as `/api/proxy/*` and the single refresh serve them (reference/api.md §4.3).
public enum ProgressItemView {
    /// Items after AIMeter's `desc` enrichment, in the keys order `name`, `desc`, `usedPercent`
    /// (raw as stored), `remainingPercent`?, `used`?, `limit`?, `windowMinutes`?, `resetsAt`
    /// (always present, null when unknown), `resetDescription`?.
    public static func render(_ items: [ProgressItem], provider: ProviderType) -> JSONValue {
        .array(ProgressTitles.enrich(items, provider: provider).map(render))
    }

    /// One item, whose `desc` is already enriched.
    static func render(_ item: ProgressItem) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(item.name)
        object["desc"] = .string(item.desc ?? "")
        object["usedPercent"] = .number(item.usedPercent)
        if let value = item.remainingPercent { object["remainingPercent"] = .number(value) }
        if let value = item.used { object["used"] = .number(value) }
        if let value = item.limit { object["limit"] = .number(value) }
        if let value = item.windowMinutes { object["windowMinutes"] = .number(value) }
        object["resetsAt"] = item.resetsAt.map { .number(Double($0)) } ?? .null
        if let value = item.resetDescription { object["resetDescription"] = .string(value) }
        return .object(object)
    }

    /// An item exactly as stored (the raw history route): absent fields are omitted.
    public static func stored(_ item: ProgressItem) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(item.name)
        if let value = item.desc { object["desc"] = .string(value) }
        object["usedPercent"] = .number(item.usedPercent)
        if let value = item.remainingPercent { object["remainingPercent"] = .number(value) }
        if let value = item.used { object["used"] = .number(value) }
        if let value = item.limit { object["limit"] = .number(value) }
        if let value = item.windowMinutes { object["windowMinutes"] = .number(value) }
        if let value = item.resetsAt { object["resetsAt"] = .number(Double(value)) }
        if let value = item.resetDescription { object["resetDescription"] = .string(value) }
        return .object(object)
    }

    /// A cost as stored: `used`, `limit`, `remaining` (present when known), `currency`?, `period`?.
    public static func cost(_ cost: Cost) -> JSONValue {
        var object = JSONObject()
        if let value = cost.used { object["used"] = .number(value) }
        if let value = cost.limit { object["limit"] = .number(value) }
        if let value = cost.remaining { object["remaining"] = .number(value) }
        if let value = cost.currency { object["currency"] = .string(value) }
        if let value = cost.period { object["period"] = .string(value) }
        return .object(object)
    }
}
