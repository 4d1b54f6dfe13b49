import AIMeterCore
import AIMeterHTTP
import Foundation

/// MiniMax Coding Plan (`coding_plan/remains`), with an API key (`sk-cp-…`) or a platform cookie.
///
/// Hosts: API-key requests go to the OpenAPI host (`api.minimax.io` / `api.minimaxi.com`),
/// cookie requests and the Coding Plan page to the platform host (`platform.minimax.io` /
/// `platform.minimaxi.com`). A configured `baseUrl` replaces **both** hosts; the paths differ,
/// so one mock or relay can serve them all.
public struct MiniMaxAdapter: ProviderAdapter {
    public let type = ProviderType.minimax

    static let service = "MiniMax"
    static let remainsPath = "/v1/api/openplatform/coding_plan/remains"
    static let planPagePath = "/user-center/payment/coding-plan?cycle_type=3"
    static let userAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"
    static let jsonAccept = "application/json, text/plain, */*"
    static let htmlAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        KeysAndBalancesValidation.problems(
            config, credentials: ["api_key", "cookie"], regions: MiniMaxRegion.acceptedValues.keys.sorted(), options: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let secret = try KeysAndBalancesUpstream.secret(context, allowed: ["api_key", "cookie"], service: Self.service)
        guard let region = MiniMaxRegion.resolve(context.config.region) else {
            throw ProviderError.configuration("region: unknown MiniMax region")
        }
        let isCookie = secret.kind == "cookie"
        let planPage = region.platformOrigin + Self.planPagePath
        var headers = [("Accept", Self.jsonAccept), ("User-Agent", Self.userAgent), ("Accept-Language", "en-US,en;q=0.9")]
        if isCookie {
            headers += [("Cookie", secret.value), ("Origin", region.platformOrigin), ("Referer", planPage)]
        } else {
            headers.append(("Authorization", "Bearer \(secret.value)"))
        }
        let remainsOrigin = context.origin(default: isCookie ? region.platformOrigin : region.apiOrigin)
        let platformOrigin = context.origin(default: region.platformOrigin)
        // AIMeter's page request carries both `Accept` spellings, which fetch joins into one value.
        let htmlHeaders =
            headers.map { $0.0 == "Accept" ? ($0.0, "\(Self.jsonAccept), \(Self.htmlAccept)") : $0 }
            + [("x-requested-with", "XMLHttpRequest")]
        async let html = Self.optionalText(HTTPRequest(url: platformOrigin + Self.planPagePath, headers: htmlHeaders), context: context)

        let response = try await KeysAndBalancesUpstream.fetch(
            HTTPRequest(url: remainsOrigin + Self.remainsPath, headers: headers), service: Self.service, secret: secret.value,
            context: context)
        let body = try KeysAndBalancesUpstream.json(response)
        try MiniMaxRemainsParser.checkStatus(body)
        let items = try MiniMaxRemainsParser.items(from: body)

        let firstModel = body["model_remains"]?[0]?["model_name"]?.stringValue
        let page = await html
        let plan =
            MiniMaxPlan.fromLimit(items.first?.limit, firstModel: firstModel, region: region)
            ?? page.flatMap(MiniMaxPlan.fromHTML) ?? MiniMaxRemainsParser.responsePlan(from: body)
        return UsageSnapshot(items: items, identity: plan.map { Identity(plan: $0) }, updatedAt: context.now())
    }

    /// The Coding Plan page, or nil on any failure (it is only a plan fallback).
    static func optionalText(_ request: HTTPRequest, context: ProviderContext) async -> String? {
        guard let response = try? await context.send(request), response.isSuccess else { return nil }
        return response.text
    }
}
