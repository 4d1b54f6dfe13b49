import AIMeterCore
import AIMeterHTTP
import Foundation

/// OAuth mode: `GET /api/oauth/usage` (refreshing the token when needed), plus the profile
/// for the plan when the entry has no `plan:`.
struct ClaudeOAuthFetcher {
    let context: ProviderContext

    func fetch(_ tokens: OAuthTokens) async throws -> UsageSnapshot {
        let endpoint = OAuthRefreshEndpoint(
            url: ClaudeEndpoints.tokenURL(context),
            clientId: tokens.clientId ?? ClaudeEndpoints.defaultClientId,
            service: "Claude OAuth",
            headers: [("User-Agent", ClaudeEndpoints.userAgent(context.config))]
        )
        let usageURL = context.url("/api/oauth/usage", defaultOrigin: ClaudeEndpoints.apiOrigin)
        let config = context.config
        let (response, current) = try await OAuthSession(endpoint: endpoint, context: context).send(tokens) { tokens in
            Self.request(usageURL, token: tokens.accessToken, config: config)
        }
        try check(response, secrets: [current.accessToken, current.refreshToken ?? ""])
        var plan = context.config.plan?.trimmingCharacters(in: .whitespaces)
        if plan?.isEmpty ?? true {
            plan = await profilePlan(token: current.accessToken)
        }
        return try ClaudeOAuthParser.snapshot(response.body, plan: plan, now: context.now())
    }

    /// The usage or profile request.
    static func request(_ url: String, token: String, config: ProviderConfig) -> HTTPRequest {
        HTTPRequest(url: url, headers: [
            ("Authorization", "Bearer \(token)"),
            ("Accept", "application/json"),
            ("anthropic-beta", "oauth-2025-04-20"),
            ("User-Agent", ClaudeEndpoints.userAgent(config)),
        ])
    }

    /// Maps a non-2xx usage answer.
    private func check(_ response: HTTPResponse, secrets: [String]) throws {
        guard !response.isSuccess else { return }
        switch response.status {
        case 401:
            throw ProviderError.authRequired("Claude OAuth token expired or was revoked (HTTP 401)")
        case 403:
            if response.text.lowercased().contains("user:profile") {
                throw ProviderError.authRequired("Claude OAuth token is missing the user:profile scope")
            }
            throw ProviderError.authRequired("Claude OAuth access denied (HTTP 403)")
        default:
            throw UpstreamFailure.error(for: response, service: "Claude OAuth", now: context.now(), redacting: secrets)
        }
    }

    /// The profile's plan; any failure just means "unknown plan".
    private func profilePlan(token: String) async -> String? {
        let url = context.url("/api/oauth/profile", defaultOrigin: ClaudeEndpoints.apiOrigin)
        guard let response = try? await context.send(Self.request(url, token: token, config: context.config)),
            response.isSuccess
        else { return nil }
        return ClaudePlan.fromProfile(response.body)
    }
}
