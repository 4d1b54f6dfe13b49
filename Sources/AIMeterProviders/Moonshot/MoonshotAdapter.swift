import AIMeterCore
import AIMeterHTTP
import Foundation

/// Moonshot (Kimi open platform) balance (`GET /v1/users/me/balance`, API key). Not an
/// AIMeter provider.
///
/// Keys are bound to their site: `region: moonshot_cn` (or `cn`) polls api.moonshot.cn and
/// reports CNY; anything else polls api.moonshot.ai and reports USD.
public struct MoonshotAdapter: ProviderAdapter {
    public let type = ProviderType.moonshot

    static let service = "Moonshot"
    /// Accepted `region` values, lower-cased.
    static let regions: [String: Bool] = ["moonshot_global": false, "global": false, "moonshot_cn": true, "cn": true]

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        KeysAndBalancesValidation.problems(config, credentials: ["api_key"], regions: Self.regions.keys.sorted(), options: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let key = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: Self.service).value
        let isChina = Self.isChina(context.config.region)
        let origin = context.origin(default: isChina ? "https://api.moonshot.cn" : "https://api.moonshot.ai")
        let request = HTTPRequest(
            url: origin + "/v1/users/me/balance",
            headers: [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        )
        let response = try await KeysAndBalancesUpstream.fetch(request, service: Self.service, secret: key, context: context)
        let body = try KeysAndBalancesUpstream.json(response)
        try MoonshotBalanceParser.checkEnvelope(body)
        let cost = try MoonshotBalanceParser.cost(from: body, currency: isChina ? "CNY" : "USD")
        return UsageSnapshot(items: [], cost: cost, updatedAt: context.now())
    }

    /// Whether a config region selects the China site.
    static func isChina(_ region: String?) -> Bool {
        regions[region?.trimmingCharacters(in: .whitespaces).lowercased() ?? ""] ?? false
    }
}
