import AIMeterCore
import AIMeterHTTP
import Foundation

/// Sends requests with an OAuth access token, refreshing it when needed:
///
/// - **proactively**, before the request, when `expiresAt` is within ``proactiveWindow`` of now;
///   a failed proactive refresh is ignored while the old token is still valid (the request
///   then decides), and thrown once it has expired;
/// - **reactively**, once, when the upstream answers 401.
///
/// A rotated credential is handed to `context.persistCredentials` and awaited **before** the
/// new access token is sent anywhere, so a crash can never lose the only valid refresh token.
public struct OAuthSession: Sendable {
    /// Where and how to refresh.
    public var endpoint: OAuthRefreshEndpoint
    /// The poll's context (HTTP client, clock, persistence).
    public var context: ProviderContext
    /// How close to expiry a token is refreshed before use.
    public var proactiveWindow: TimeInterval

    /// Creates a session. The default window is AIMeter's: max(refresh interval, 5) minutes.
    public init(endpoint: OAuthRefreshEndpoint, context: ProviderContext, proactiveWindow: TimeInterval? = nil) {
        self.endpoint = endpoint
        self.context = context
        self.proactiveWindow = proactiveWindow ?? Double(Swift.max(context.config.refreshIntervalMinutes, 5) * 60)
    }

    /// Sends `makeRequest(tokens)`, refreshing as described above. Returns the final response
    /// (any status; a second 401 is returned for the adapter to map) and the tokens it used.
    public func send(
        _ tokens: OAuthTokens,
        _ makeRequest: @Sendable (OAuthTokens) -> HTTPRequest
    ) async throws -> (response: HTTPResponse, tokens: OAuthTokens) {
        var current = tokens
        var didRefresh = false
        if let expiresAt = current.expiresAt, expiresAt.timeIntervalSince(context.now()) < proactiveWindow,
            current.refreshToken?.isEmpty == false
        {
            do {
                current = try await refreshAndPersist(current)
                didRefresh = true
            } catch {
                // Still valid: let the request itself find out whether the old token works.
                guard expiresAt > context.now() else { throw error }
            }
        }
        let response = try await context.send(makeRequest(current))
        guard response.status == 401, !didRefresh else { return (response, current) }
        guard current.refreshToken?.isEmpty == false else {
            throw ProviderError.authRequired("\(endpoint.service) token was rejected (HTTP 401) and no refresh token is configured")
        }
        current = try await refreshAndPersist(current)
        return (try await context.send(makeRequest(current)), current)
    }

    private func refreshAndPersist(_ tokens: OAuthTokens) async throws -> OAuthTokens {
        let refreshed = try await endpoint.refresh(tokens, context: context)
        do {
            try await context.persistCredentials(.oauth(refreshed))
        } catch {
            // Using a token we could not store would strand the rotated refresh token.
            throw ProviderError.configuration("\(endpoint.service) refreshed the token but it could not be stored")
        }
        return refreshed
    }
}
