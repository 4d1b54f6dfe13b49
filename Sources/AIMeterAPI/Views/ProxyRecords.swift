import AIMeterCore
import AIMeterStore

/// The records of `/api/proxy/latest` and `/api/proxy/refresh` (reference/api.md §4.3).
public struct ProxyRecords: Sendable {
    /// Antigravity pooling and friends.
    public var displayItems: DisplayItems

    /// Creates the builder.
    public init(displayItems: DisplayItems) {
        self.displayItems = displayItems
    }

    /// A usage record: `id`, `provider`, `name`?, `region`?, `refreshInterval`, `identity`?,
    /// `progress`, `updatedAt`; refresh flags are appended by the caller.
    public func usage(_ provider: StoredProvider, _ snapshot: StoredSnapshot) -> JSONObject {
        var record = JSONObject()
        record["id"] = .string(provider.id)
        record["provider"] = .string(provider.type.rawValue)
        if let name = provider.name { record["name"] = .string(name) }
        if let region = provider.region, !region.isEmpty { record["region"] = .string(region) }
        record["refreshInterval"] = .number(Double(provider.refreshIntervalMinutes))
        let plan = PlanResolver.plan(
            type: provider.type, region: provider.region, items: snapshot.items,
            storedPlan: snapshot.identity?.plan, configuredPlan: provider.plan)
        if let plan { record["identity"] = ["plan": .string(plan)] }
        let items = displayItems.transform(provider.type, snapshot.items, provider.options)
        record["progress"] = ProgressItemView.render(items, provider: provider.type)
        record["updatedAt"] = .number(Double(ISOTime.unixSeconds(snapshot.createdAt)))
        return record
    }

    /// An error record `{id, provider, code, message, timestamp}`.
    public static func error(id: String, type: ProviderType, code: String, message: String, timestamp: Int64) -> JSONValue {
        [
            "id": .string(id), "provider": .string(type.rawValue), "code": .string(code), "message": .string(message),
            "timestamp": .number(Double(timestamp)),
        ]
    }
}
