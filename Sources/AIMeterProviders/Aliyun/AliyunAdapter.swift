import AIMeterCore
import AIMeterHTTP
import Foundation

/// Aliyun Bailian Coding Plan quotas through the console gateway, with a browser cookie.
///
/// Hosts: the console page (`bailian.console.aliyun.com`, only fetched to find `sec_token`
/// when the cookie has none) and the gateway (`bailian-cs.console.aliyun.com`). A configured
/// `baseUrl` replaces **both**; their paths differ. `Origin`, `Referer` and `feURL` always
/// name the real console, because the gateway checks them.
public struct AliyunAdapter: ProviderAdapter {
    public let type = ProviderType.aliyun

    static let service = "Aliyun"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        var problems = ProviderConfigChecks.credentialKind(config, allowed: ["cookie"])
        if problems.isEmpty, let value = config.credentials?.secretValue {
            do {
                _ = try AliyunCookie(normalizing: value)
            } catch {
                problems.append("credentials.value: \(error.rawValue)")
            }
        }
        if let region = config.region?.trimmingCharacters(in: .whitespaces), !region.isEmpty, !AliyunRegion.isWellFormed(region) {
            problems.append("region: \(region) is not an Alibaba Cloud region id such as cn-beijing")
        }
        return problems + ProviderConfigChecks.unknownOptions(config, known: [])
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        let value = try KeysAndBalancesUpstream.secret(context, allowed: ["cookie"], service: Self.service).value
        let cookie: AliyunCookie
        do {
            cookie = try AliyunCookie(normalizing: value)
        } catch {
            throw ProviderError.configuration("credentials.value: \(error.rawValue)")
        }
        let region = AliyunRegion.resolve(configured: context.config.region, cookie: cookie)
        guard AliyunRegion.isWellFormed(region) else { throw ProviderError.configuration("region: not a region id") }
        let secToken: String
        if let fromCookie = cookie.secToken {
            secToken = fromCookie
        } else {
            secToken = try await Self.consoleSecToken(cookie: cookie, region: region, context: context)
        }
        let body = AliyunGatewayRequest.formBody(
            region: region, secToken: secToken, anonymousId: cookie.anonymousId, traceId: UUID().uuidString.lowercased())
        let request = HTTPRequest(
            method: "POST",
            url: context.origin(default: AliyunGatewayRequest.gatewayOrigin) + AliyunGatewayRequest.gatewayPath,
            headers: [
                ("accept", "*/*"),
                ("content-type", "application/x-www-form-urlencoded"),
                ("origin", AliyunGatewayRequest.consoleOrigin),
                ("referer", AliyunGatewayRequest.referer(region: region)),
                ("cookie", cookie.header),
            ],
            body: Data(body.utf8)
        )
        let response = try await KeysAndBalancesUpstream.fetch(request, service: "Aliyun gateway", secret: cookie.header, context: context)
        let parsed = try AliyunGatewayParser.parse(KeysAndBalancesUpstream.json(response))
        return UsageSnapshot(items: parsed.items, identity: Identity(plan: parsed.plan), updatedAt: context.now())
    }

    /// Loads the console page and extracts `sec_token`. A redirect (to the login page) or a
    /// page without a token means the session is gone.
    static func consoleSecToken(cookie: AliyunCookie, region: String, context: ProviderContext) async throws -> String {
        let request = HTTPRequest(
            url: context.origin(default: AliyunGatewayRequest.consoleOrigin) + AliyunGatewayRequest.consolePath(region: region),
            headers: [("accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"), ("cookie", cookie.header)]
        )
        let response = try await context.send(request)
        if (300..<400).contains(response.status) {
            throw ProviderError.authRequired("Aliyun console redirected to sign-in (HTTP \(response.status)); paste a fresh cookie")
        }
        try UpstreamFailure.requireSuccess(response, service: "Aliyun console", now: context.now(), redacting: [cookie.header])
        guard let token = AliyunConsolePage.secToken(in: response.text) else {
            throw ProviderError.authRequired("Aliyun console page has no sec_token (signed out?); paste a fresh cookie")
        }
        return token
    }
}
