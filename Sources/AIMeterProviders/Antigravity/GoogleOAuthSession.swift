import AIMeterCore
import AIMeterHTTP
import Foundation

/// The Google OAuth tokens of one fetch, refreshed at most once per fetch: proactively when the
/// access token expires within five minutes, or after Cloud Code rejects it with 401/403.
///
/// A refreshed credential is persisted through `context.persistCredentials` before the new
/// access token is sent anywhere. Used by the Antigravity and Gemini CLI adapters.
struct GoogleOAuthSession: Sendable {
    /// Google's token endpoint.
    static let defaultTokenURL = "https://oauth2.googleapis.com/token"
    /// Refresh when the token expires within this many seconds.
    static let refreshSkewSeconds: TimeInterval = 300

    /// The tokens in use.
    private(set) var tokens: OAuthTokens
    /// Service name for messages (`Antigravity`, `Gemini CLI`).
    let service: String
    /// Where refresh requests go.
    let tokenURL: String
    /// Whether this fetch already refreshed (only one refresh per fetch).
    private(set) var hasRefreshed = false

    /// Creates a session; a missing client id falls back to `defaultClientId`.
    init(tokens: OAuthTokens, service: String, tokenURL: String, defaultClientId: String? = nil) {
        var tokens = tokens
        tokens.accessToken = tokens.accessToken.trimmingCharacters(in: .whitespacesAndNewlines)
        if tokens.clientId?.trimmingCharacters(in: .whitespaces).isEmpty ?? true { tokens.clientId = defaultClientId }
        self.tokens = tokens
        self.service = service
        self.tokenURL = tokenURL
    }

    /// Whether the credential carries everything a refresh needs.
    var canRefresh: Bool {
        !(tokens.refreshToken ?? "").isEmpty && !(tokens.clientId ?? "").isEmpty && !(tokens.clientSecret ?? "").isEmpty
    }

    /// Refreshes before the first call when the token is about to expire; fails without sending
    /// anything when it has already expired and cannot be refreshed.
    mutating func refreshIfExpiring(context: ProviderContext) async throws {
        guard let expiresAt = tokens.expiresAt else { return }
        let now = context.now()
        guard expiresAt.timeIntervalSince(now) <= Self.refreshSkewSeconds else { return }
        if canRefresh {
            try await refresh(context: context)
        } else if expiresAt <= now {
            throw ProviderError.authRequired("\(service) access token expired; \(missingRefreshHint)")
        }
    }

    /// After a 401/403: refreshes once per fetch and returns true, or returns false when the
    /// credential cannot be refreshed (again).
    mutating func refreshAfterRejection(context: ProviderContext) async throws -> Bool {
        guard canRefresh, !hasRefreshed else { return false }
        try await refresh(context: context)
        return true
    }

    /// What the credential lacks for refreshing, for error messages.
    var missingRefreshHint: String {
        if hasRefreshed { return "the refreshed token was rejected too" }
        var missing: [String] = []
        if (tokens.refreshToken ?? "").isEmpty { missing.append("refreshToken") }
        if (tokens.clientId ?? "").isEmpty { missing.append("clientId") }
        if (tokens.clientSecret ?? "").isEmpty { missing.append("clientSecret") }
        return missing.isEmpty ? "sign in again" : "add \(missing.joined(separator: ", ")) to refresh automatically"
    }

    /// Exchanges the refresh token, persists the new credential, then starts using it.
    mutating func refresh(context: ProviderContext) async throws {
        hasRefreshed = true
        let request = HTTPRequest(
            method: "POST",
            url: tokenURL,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")],
            body: FormEncoding.body([
                ("client_id", tokens.clientId ?? ""), ("client_secret", tokens.clientSecret ?? ""),
                ("refresh_token", tokens.refreshToken ?? ""), ("grant_type", "refresh_token"),
            ])
        )
        let response = try await context.send(request)
        let refreshed = try Self.refreshedTokens(from: response, previous: tokens, service: service, now: context.now())
        do {
            try await context.persistCredentials(.oauth(refreshed))
        } catch let error as ProviderError {
            throw error
        } catch {
            throw ProviderError.configuration("could not store the refreshed \(service) credential")
        }
        tokens = refreshed
    }

    /// The tokens after a token-endpoint answer (pure; the refresh token is kept unless Google
    /// sends a new one).
    static func refreshedTokens(from response: HTTPResponse, previous: OAuthTokens, service: String, now: Date) throws
        -> OAuthTokens
    {
        guard response.isSuccess else { throw refreshError(response, service: service, now: now) }
        let json = try JSONReader.parse(response.body)
        guard let accessToken = json["access_token"].nonEmptyString else {
            throw ProviderError.decoding(path: "access_token", message: "\(service) token refresh answer has no access token")
        }
        var tokens = previous
        tokens.accessToken = accessToken
        tokens.expiresAt = json["expires_in"].number.map { now.addingTimeInterval($0) }
        if let rotated = json["refresh_token"].nonEmptyString { tokens.refreshToken = rotated }
        return tokens
    }

    /// A failed refresh: 400/401/403 mean the grant or client is no longer valid.
    static func refreshError(_ response: HTTPResponse, service: String, now: Date) -> ProviderError {
        let code = (try? JSONValue.parse(response.body))?["error"]?.nonEmptyString.map(sanitizedCode)
        switch response.status {
        case 400, 401, 403:
            return .authRequired("\(service) token refresh failed: \(code ?? "HTTP \(response.status)")")
        case 429:
            let retryAfter = RetryAfter.seconds(from: response.header("Retry-After"), now: now)
            return .rateLimited(retryAfter: retryAfter, message: "\(service) token refresh rate limited")
        default:
            return .upstreamStatus(status: response.status, bodyPrefix: code ?? "")
        }
    }

    /// An OAuth error code reduced to the characters such codes use (never echoes anything else).
    static func sanitizedCode(_ code: String) -> String {
        String(code.unicodeScalars.filter { CharacterSet.alphanumerics.contains($0) || $0 == "_" }.prefix(64).map(Character.init))
    }
}
