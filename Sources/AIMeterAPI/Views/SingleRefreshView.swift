import AIMeterCore
import AIMeterStore

/// `data` of `POST /api/providers/:id/refresh`: the snapshot as AIMeter's adapters return it,
/// `{provider, progress, cost?, identity?, updatedAt, refreshInterval}`; flags are appended by
/// the caller. No Antigravity pooling and no MiniMax plan here, as in AIMeter.
public enum SingleRefreshView {
    /// The snapshot object.
    public static func render(_ provider: StoredProvider, _ snapshot: StoredSnapshot) -> JSONObject {
        var data = JSONObject()
        data["provider"] = .string(provider.type.rawValue)
        data["progress"] = ProgressItemView.render(snapshot.items, provider: provider.type)
        if let cost = snapshot.cost { data["cost"] = ProgressItemView.cost(cost) }
        if let plan = PlanResolver.trimmed(snapshot.identity?.plan) ?? PlanResolver.trimmed(provider.plan) {
            data["identity"] = ["plan": .string(plan)]
        }
        data["updatedAt"] = .number(Double(ISOTime.unixSeconds(snapshot.createdAt)))
        data["refreshInterval"] = .number(Double(provider.refreshIntervalMinutes))
        return data
    }
}
