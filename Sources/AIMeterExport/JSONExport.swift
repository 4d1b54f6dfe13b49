import AIMeterCore

/// The `json` format: AIMeter's response object, serialized like `JSON.stringify`.
public enum JSONExport {
    /// `application/json; charset=utf-8`.
    public static let contentType = ExportFormat.json.contentType

    /// Renders `entries` (pretty: 2-space indent; otherwise compact; never a trailing newline).
    /// - Parameter now: the request time in unix seconds (`timestamp`).
    public static func render(entries: [ExportEntry], query: ExportQuery, now: Int64) -> String {
        document(records: entries.map(ExportRecord.init), query: query, now: now).serialized(pretty: query.pretty)
    }

    static func document(records: [ExportRecord], query: ExportQuery, now: Int64) -> JSONValue {
        let summary = ExportSummary(records: records)
        var root = JSONObject()
        root["success"] = true
        root["timestamp"] = .number(Double(now))
        root["query"] = [
            "providers": .string(query.providersRaw),
            "format": "json",
            "pretty": .bool(query.pretty),
            "timezone": .string(query.timezone),
        ]
        root["providers"] = .array(records.map(value(of:)))
        root["summary"] = [
            "total": .number(Double(summary.total)),
            "providersWithUsage": .number(Double(summary.providersWithUsage)),
            "errors": .number(Double(summary.errors)),
            "averageUsedPercent": .number(summary.averageUsedPercent),
        ]
        return .object(root)
    }

    /// One record, keys in AIMeter's insertion order.
    static func value(of record: ExportRecord) -> JSONValue {
        var object = JSONObject()
        switch record {
        case .error(let error):
            object["id"] = .string(error.id)
            object["provider"] = .string(error.provider.rawValue)
            object["code"] = .string(error.code)
            object["message"] = .string(error.message)
            object["timestamp"] = .number(Double(error.timestamp))
        case .usage(let usage):
            object["id"] = .string(usage.id)
            object["provider"] = .string(usage.provider.rawValue)
            object["name"] = .string(usage.name)
            if let region = usage.region { object["region"] = .string(region) }
            if let plan = usage.plan { object["identity"] = ["plan": .string(plan)] }
            object["progress"] = .array(usage.progress.map(value(of:)))
            if let cost = usage.cost { object["cost"] = value(of: cost) }
            object["updatedAt"] = .number(Double(usage.updatedAt))
        }
        return .object(object)
    }

    private static func value(of item: ExportRecord.Item) -> JSONValue {
        var object = JSONObject()
        object["name"] = .string(item.name)
        object["desc"] = .string(item.desc)
        object["usedPercent"] = .number(item.usedPercent)
        object["remainingPercent"] = .number(item.remainingPercent)
        object["used"] = .number(item.used)
        object["limit"] = .number(item.limit)
        object["windowMinutes"] = .number(item.windowMinutes)
        object["resetsAt"] = .number(item.resetsAt.map(Double.init))
        if let resetDescription = item.resetDescription { object["resetDescription"] = .string(resetDescription) }
        return .object(object)
    }

    private static func value(of cost: ExportRecord.CostRecord) -> JSONValue {
        var object = JSONObject()
        object["used"] = .number(cost.used)
        object["limit"] = .number(cost.limit)
        object["remaining"] = .number(cost.remaining)
        if let currency = cost.currency { object["currency"] = .string(currency) }
        if let period = cost.period { object["period"] = .string(period) }
        return .object(object)
    }
}
