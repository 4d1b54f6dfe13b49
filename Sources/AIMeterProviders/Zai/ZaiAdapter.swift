import AIMeterCore
import AIMeterHTTP
import Foundation

/// z.ai / Zhipu BigModel GLM Coding Plan quotas (`GET /api/monitor/usage/quota/limit`, API key).
public struct ZaiAdapter: ProviderAdapter {
    public let type = ProviderType.zai

    static let service = "z.ai"
    /// Path of the quota endpoint on either site.
    static let quotaPath = "/api/monitor/usage/quota/limit"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        KeysAndBalancesValidation.problems(
            config, credentials: ["api_key"], regions: ZaiRegion.acceptedValues.keys.sorted(), options: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let key = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: Self.service).value
        guard let region = ZaiRegion.resolve(context.config.region) else {
            throw ProviderError.configuration("region: unknown z.ai region")
        }
        let request = HTTPRequest(
            url: context.origin(default: region.origin) + Self.quotaPath,
            headers: [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        )
        let response = try await KeysAndBalancesUpstream.fetch(request, service: Self.service, secret: key, context: context)
        if response.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            throw ProviderError.upstreamError("z.ai answered HTTP 200 with an empty body; check the region and the API key")
        }
        let body = try KeysAndBalancesUpstream.json(response)
        try ZaiQuotaParser.checkEnvelope(body)
        let items = try ZaiQuotaParser.items(from: body)
        return UsageSnapshot(
            items: items,
            identity: ZaiQuotaParser.plan(from: body).map { Identity(plan: $0) },
            updatedAt: context.now()
        )
    }
}
