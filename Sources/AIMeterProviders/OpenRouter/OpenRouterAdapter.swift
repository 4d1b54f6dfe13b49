import AIMeterCore
import AIMeterHTTP
import Foundation

/// OpenRouter credits (`/api/v1/credits`) and the polled key's own budget (`/api/v1/key`),
/// fetched in parallel with an API key.
public struct OpenRouterAdapter: ProviderAdapter {
    public let type = ProviderType.openrouter

    /// The site origin; `baseUrl` replaces it (paths keep their `/api/v1` prefix).
    static let defaultOrigin = "https://openrouter.ai"
    static let service = "OpenRouter"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        KeysAndBalancesValidation.problems(config, credentials: ["api_key"], regions: [], options: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let key = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key"], service: Self.service).value
        let origin = context.origin(default: Self.defaultOrigin)
        let headers = [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        async let keyBody = Self.optionalKeyBody(HTTPRequest(url: origin + "/api/v1/key", headers: headers), context: context)

        let response = try await KeysAndBalancesUpstream.fetch(
            HTTPRequest(url: origin + "/api/v1/credits", headers: headers), service: Self.service, secret: key, context: context)
        let credits = try OpenRouterParser.totalCredits(from: KeysAndBalancesUpstream.json(response))

        let keyInfo = await keyBody
        var items: [ProgressItem] = []
        if let keyInfo, let keyItem = OpenRouterParser.keyItem(from: keyInfo, now: context.now()) {
            items.append(keyItem)
        }
        items.append(credits.item)
        return UsageSnapshot(
            items: items,
            cost: credits.cost,
            identity: Identity(plan: OpenRouterParser.plan(fromKey: keyInfo)),
            updatedAt: context.now()
        )
    }

    /// The `/key` body, or nil on any failure: the key budget is optional information and
    /// must not hide the account balance.
    static func optionalKeyBody(_ request: HTTPRequest, context: ProviderContext) async -> JSONValue? {
        guard let response = try? await context.send(request), response.isSuccess else { return nil }
        return try? KeysAndBalancesUpstream.json(response)
    }
}
