import AIMeterCore
import AIMeterHTTP
import Foundation

/// ChatGPT plan limits for Codex (`GET /backend-api/wham/usage`) with a ChatGPT OAuth token,
/// refreshed (and persisted) when it expires.
public struct CodexAdapter: ProviderAdapter {
    public let type = ProviderType.codex

    static let knownOptions: Set<String> = ["userAgent", "tokenUrl"]
    static let defaultOrigin = "https://chatgpt.com"
    static let tokenOrigin = "https://auth.openai.com"
    /// The Codex CLI's public OAuth client id.
    static let defaultClientId = "app_EMoamEEZ73f0CkXaXp7hrann"
    static let defaultUserAgent = "codex-cli"

    /// Creates the adapter.
    public init() {}

    public func validate(_ config: ProviderConfig) -> [String] {
        ProviderConfigChecks.credentialKind(config, allowed: ["oauth"])
            + ProviderConfigChecks.unknownOptions(config, known: Self.knownOptions)
            + ProviderConfigChecks.stringOption(config, "userAgent")
            + ProviderConfigChecks.stringOption(config, "tokenUrl", urlLike: true)
    }

    public func fetch(_ context: ProviderContext) async throws -> UsageSnapshot {
        guard case .oauth(var tokens)? = context.credentials else {
            throw ProviderError.configuration("Codex needs an oauth credential (ChatGPT tokens from ~/.codex/auth.json)")
        }
        guard !tokens.accessToken.trimmingCharacters(in: .whitespaces).isEmpty else {
            throw ProviderError.configuration("Codex OAuth access token is missing")
        }
        // Without a stored expiry, the access token's own `exp` still allows a proactive refresh.
        if tokens.expiresAt == nil { tokens.expiresAt = JWTClaims.expiry(of: tokens.accessToken) }
        let config = context.config
        let endpoint = OAuthRefreshEndpoint(
            url: config.options["tokenUrl"]?.nonEmptyString ?? context.url("/oauth/token", defaultOrigin: Self.tokenOrigin),
            clientId: tokens.clientId ?? Self.defaultClientId,
            service: "Codex OAuth",
            headers: [("User-Agent", Self.userAgent(config))]
        )
        let usageURL = context.url("/backend-api/wham/usage", defaultOrigin: Self.defaultOrigin)
        let (response, current) = try await OAuthSession(endpoint: endpoint, context: context).send(tokens) { tokens in
            Self.usageRequest(usageURL, tokens: tokens, config: config)
        }
        if response.status == 401 {
            throw ProviderError.authRequired("Codex OAuth token expired or was revoked (HTTP 401)")
        }
        try UpstreamFailure.requireSuccess(
            response, service: "Codex", now: context.now(), redacting: [current.accessToken, current.refreshToken ?? ""]
        )
        return try CodexParser.snapshot(response.body, now: context.now())
    }

    static func userAgent(_ config: ProviderConfig) -> String {
        config.options["userAgent"]?.nonEmptyString ?? defaultUserAgent
    }

    /// The usage request: bearer token plus `ChatGPT-Account-Id` when the account is known.
    static func usageRequest(_ url: String, tokens: OAuthTokens, config: ProviderConfig) -> HTTPRequest {
        var headers: [(name: String, value: String)] = [
            ("Authorization", "Bearer \(tokens.accessToken)"),
            ("Accept", "application/json"),
            ("User-Agent", userAgent(config)),
        ]
        if let account = accountId(tokens) { headers.append(("ChatGPT-Account-Id", account)) }
        return HTTPRequest(url: url, headers: headers)
    }

    /// `oauth.accountId`, else the `chatgpt_account_id` claim of the id token, else of the access token.
    static func accountId(_ tokens: OAuthTokens) -> String? {
        if let account = tokens.accountId?.trimmingCharacters(in: .whitespaces), !account.isEmpty { return account }
        for token in [tokens.idToken, tokens.accessToken].compactMap({ $0 }) {
            guard let claims = JWTClaims.payload(of: token) else { continue }
            if let account = claims["https://api.openai.com/auth"]?["chatgpt_account_id"]?.nonEmptyString
                ?? claims["https://api.openai.com/auth.chatgpt_account_id"]?.nonEmptyString
            {
                return account
            }
        }
        return nil
    }
}
