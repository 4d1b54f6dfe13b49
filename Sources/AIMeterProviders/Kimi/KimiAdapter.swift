import AIMeterCore
import AIMeterHTTP
import Foundation

/// Kimi coding quotas, from one of two APIs chosen by the credential type:
///
/// - `cookie` / `jwt`: the web console (`www.kimi.com`, Connect RPC `GetUsages` with payload
///   fallbacks, in parallel with `GetSubscription` for the plan), authenticated with the
///   `kimi-auth` JWT;
/// - `api_key`: the Kimi Code API (`GET api.kimi.com/coding/v1/usages`, bearer key).
///
/// A configured `baseUrl` replaces whichever of the two hosts is used.
public struct KimiAdapter: ProviderAdapter {
    public let type = ProviderType.kimi

    static let service = "Kimi"
    static let webOrigin = "https://www.kimi.com"
    static let codeOrigin = "https://api.kimi.com"
    static let usagesPath = "/apiv2/kimi.gateway.billing.v1.BillingService/GetUsages"
    static let subscriptionPath = "/apiv2/kimi.gateway.order.v1.SubscriptionService/GetSubscription"
    static let codeUsagesPath = "/coding/v1/usages"
    /// `GetUsages` bodies tried in order until one answer has usages.
    static let usagePayloads = [#"{"scope":["FEATURE_CODING"]}"#, #"{"scope":"FEATURE_CODING"}"#, "{}"]
    static let userAgent =
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        KeysAndBalancesValidation.problems(config, credentials: ["cookie", "jwt", "api_key"], regions: [], options: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let secret = try KeysAndBalancesUpstream.secret(context, allowed: ["cookie", "jwt", "api_key"], service: Self.service)
        if secret.kind == "api_key" {
            return try await fetchCodeAPI(key: secret.value, context: context)
        }
        return try await fetchWeb(token: KimiToken(credentialValue: secret.value), context: context)
    }

    /// The Kimi Code API: one GET.
    func fetchCodeAPI(key: String, context: ProviderContext) async throws -> UsageSnapshot {
        let request = HTTPRequest(
            url: context.origin(default: Self.codeOrigin) + Self.codeUsagesPath,
            headers: [("Authorization", "Bearer \(key)"), ("Accept", "application/json")]
        )
        let response = try await KeysAndBalancesUpstream.fetch(request, service: "Kimi Code", secret: key, context: context)
        let body = try KeysAndBalancesUpstream.json(response)
        return UsageSnapshot(
            items: KimiUsageParser.codeItems(from: body),
            identity: KimiUsageParser.codePlan(from: body).map { Identity(plan: $0) },
            updatedAt: context.now()
        )
    }

    /// The web console: the `GetUsages` fallback chain while `GetSubscription` runs alongside.
    func fetchWeb(token: KimiToken, context: ProviderContext) async throws -> UsageSnapshot {
        // A token whose `exp` has passed cannot work; say so without a pointless request.
        if let expiresAt = token.expiresAt, expiresAt < context.now() {
            throw ProviderError.authRequired("Kimi kimi-auth token expired; paste a fresh cookie")
        }
        let origin = context.origin(default: Self.webOrigin)
        let headers = Self.webHeaders(token)
        async let plan = Self.optionalPlan(
            HTTPRequest(method: "POST", url: origin + Self.subscriptionPath, headers: headers, body: Data("{}".utf8)),
            context: context
        )
        var body = JSONValue.object(JSONObject())
        for payload in Self.usagePayloads {
            let request = HTTPRequest(method: "POST", url: origin + Self.usagesPath, headers: headers, body: Data(payload.utf8))
            let response = try await KeysAndBalancesUpstream.fetch(request, service: Self.service, secret: token.jwt, context: context)
            // Like AIMeter, an unreadable answer counts as "no usages" and the next payload is tried.
            body = (try? JSONValue.parse(response.body)) ?? .object(JSONObject())
            if KimiUsageParser.hasUsages(body) { break }
        }
        return UsageSnapshot(
            items: KimiUsageParser.webItems(from: body),
            identity: await plan.map { Identity(plan: $0) },
            updatedAt: context.now()
        )
    }

    /// The browser's headers; ids come from the unverified JWT payload (empty when undecodable).
    static func webHeaders(_ token: KimiToken) -> [(name: String, value: String)] {
        [
            ("Authorization", "Bearer \(token.jwt)"),
            ("Cookie", "kimi-auth=\(token.jwt)"),
            ("Content-Type", "application/json"),
            ("Origin", webOrigin),
            ("Referer", webOrigin + "/code/console"),
            ("x-msh-platform", "web"),
            ("x-language", "en-US"),
            ("x-msh-device-id", token.deviceId),
            ("x-msh-session-id", token.sessionId),
            ("x-traffic-id", token.subject),
            ("User-Agent", userAgent),
        ]
    }

    /// The subscription title, or nil on any failure. AIMeter lets a failing subscription call
    /// sink the whole fetch; here it only costs the plan label.
    static func optionalPlan(_ request: HTTPRequest, context: ProviderContext) async -> String? {
        guard let response = try? await context.send(request), response.isSuccess,
            let body = try? JSONValue.parse(response.body)
        else { return nil }
        return KimiUsageParser.subscriptionPlan(from: body)
    }
}
