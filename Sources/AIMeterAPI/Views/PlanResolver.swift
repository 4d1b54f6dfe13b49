import AIMeterCore
import Foundation

/// AIMeter's `withPlanFallback` for `/api/proxy/*`: the MiniMax plan computed from the `Prompt`
/// item's limit, else the stored plan, else the configured plan; trimmed, nil when blank.
public enum PlanResolver {
    /// The plan to show.
    public static func plan(
        type: ProviderType, region: String?, items: [ProgressItem], storedPlan: String?, configuredPlan: String?
    ) -> String? {
        if type == .minimax, let computed = miniMaxPlan(region: region, items: items) { return computed }
        return trimmed(storedPlan) ?? trimmed(configuredPlan)
    }

    /// The MiniMax tier named by the prompt limit of the `Prompt`/`Prompts` item.
    static func miniMaxPlan(region: String?, items: [ProgressItem]) -> String? {
        guard let limit = items.first(where: { $0.name == "Prompt" || $0.name == "Prompts" })?.limit else { return nil }
        let isChina = ["cn", "china", "minimax_cn"].contains(region?.lowercased() ?? "")
        let tiers: [Double: String] =
            isChina
            ? [40: "Starter", 100: "Plus", 300: "Max", 2000: "Ultra-High-Speed"]
            : [100: "Starter", 300: "Plus", 1000: "Max", 2000: "Ultra-High-Speed"]
        return tiers[limit]
    }

    static func trimmed(_ text: String?) -> String? {
        guard let text = text?.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else { return nil }
        return text
    }
}
