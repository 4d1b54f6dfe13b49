import Foundation

/// The secret a provider entry authenticates with. Never logged, never sent to API clients.
public enum Credentials: Codable, Sendable, Equatable {
    /// An API key or personal access token.
    case apiKey(String)
    /// A browser cookie header or a single cookie value.
    case cookie(String)
    /// A bare JWT (Kimi's `kimi-auth`).
    case jwt(String)
    /// OAuth tokens, possibly refreshable.
    case oauth(OAuthTokens)

    /// The credential kind as written in the config (`api_key`, `cookie`, `jwt`, `oauth`).
    public var kind: String {
        switch self {
        case .apiKey: "api_key"
        case .cookie: "cookie"
        case .jwt: "jwt"
        case .oauth: "oauth"
        }
    }

    /// The single secret string for key, cookie and JWT credentials.
    public var secretValue: String? {
        switch self {
        case .apiKey(let value), .cookie(let value), .jwt(let value): value
        case .oauth: nil
        }
    }

    /// The OAuth tokens, when this is an OAuth credential.
    public var oauthTokens: OAuthTokens? {
        if case .oauth(let tokens) = self { return tokens }
        return nil
    }
}

/// OAuth tokens of one account.
public struct OAuthTokens: Codable, Sendable, Equatable {
    /// The bearer token sent upstream.
    public var accessToken: String
    /// Long-lived token used to mint new access tokens; rotated by some providers.
    public var refreshToken: String?
    /// When the access token expires.
    public var expiresAt: Date?
    /// OpenID token (Codex).
    public var idToken: String?
    /// OAuth client id used for refreshing.
    public var clientId: String?
    /// OAuth client secret used for refreshing (Google).
    public var clientSecret: String?
    /// Google Cloud project (Antigravity, Gemini CLI).
    public var projectId: String?
    /// Account id header value (Codex `ChatGPT-Account-Id`).
    public var accountId: String?

    /// Creates a token set.
    public init(
        accessToken: String,
        refreshToken: String? = nil,
        expiresAt: Date? = nil,
        idToken: String? = nil,
        clientId: String? = nil,
        clientSecret: String? = nil,
        projectId: String? = nil,
        accountId: String? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.expiresAt = expiresAt
        self.idToken = idToken
        self.clientId = clientId
        self.clientSecret = clientSecret
        self.projectId = projectId
        self.accountId = accountId
    }
}
