import AIMeterCore
import AIMeterHTTP
import Foundation

/// An OAuth 2 token endpoint that accepts `grant_type=refresh_token` as a form post.
public struct OAuthRefreshEndpoint: Sendable {
    /// Absolute URL of the token endpoint.
    public var url: String
    /// `client_id` sent with the refresh.
    public var clientId: String
    /// Names the upstream in messages, e.g. `Claude OAuth`.
    public var service: String
    /// Extra header fields (a `User-Agent`, say); `Content-Type` and `Accept` are always sent.
    public var headers: [(name: String, value: String)]

    /// Creates an endpoint description.
    public init(url: String, clientId: String, service: String, headers: [(name: String, value: String)] = []) {
        self.url = url
        self.clientId = clientId
        self.service = service
        self.headers = headers
    }

    /// OAuth error codes meaning "this refresh token (or client) is dead": a human must re-link.
    static let rejectedGrantCodes: Set<String> = ["invalid_grant", "invalid_client", "unauthorized_client", "invalid_scope"]

    /// Exchanges `tokens.refreshToken` for new tokens. The result keeps every field the
    /// answer does not replace (a missing `refresh_token` keeps the old one). `expiresAt` is
    /// `now + expires_in`, else the new access token's JWT `exp`, else nil.
    ///
    /// Throws `.authRequired` without a refresh token or when the endpoint rejects the grant
    /// (`invalid_grant` and friends, or 401/403); `.rateLimited` on 429; otherwise the usual
    /// status, decoding and transport errors.
    public func refresh(_ tokens: OAuthTokens, context: ProviderContext) async throws -> OAuthTokens {
        guard let refreshToken = tokens.refreshToken, !refreshToken.isEmpty else {
            throw ProviderError.authRequired("\(service) token expired and no refresh token is configured")
        }
        let request = HTTPRequest(
            method: "POST",
            url: url,
            headers: [("Content-Type", "application/x-www-form-urlencoded"), ("Accept", "application/json")] + headers,
            body: FormEncoding.body([
                ("grant_type", "refresh_token"), ("refresh_token", refreshToken), ("client_id", clientId),
            ])
        )
        let response = try await context.send(request)
        let secrets = [refreshToken, tokens.accessToken]
        guard response.isSuccess else {
            throw failure(response, now: context.now(), secrets: secrets)
        }
        let json = try JSONReader.parse(response.body)
        guard let accessToken = json["access_token"].nonEmptyString else {
            throw ProviderError.decoding(path: "access_token", message: "\(service) refresh answer has no access token")
        }
        var refreshed = tokens
        refreshed.accessToken = accessToken
        refreshed.refreshToken = json["refresh_token"].nonEmptyString ?? refreshToken
        refreshed.idToken = json["id_token"].nonEmptyString ?? tokens.idToken
        if let expiresIn = json["expires_in"].number {
            refreshed.expiresAt = context.now().addingTimeInterval(expiresIn)
        } else {
            refreshed.expiresAt = JWTClaims.expiry(of: accessToken)
        }
        return refreshed
    }

    private func failure(_ response: HTTPResponse, now: Date, secrets: [String]) -> ProviderError {
        let json = try? JSONReader.parse(response.body)
        // RFC 6749 puts the code in `error`; some servers nest it (`error.type`, `error.code`).
        let code = json?["error"].nonEmptyString ?? json?["error"]["code"].nonEmptyString ?? json?["error"]["type"].nonEmptyString
        if let code, Self.rejectedGrantCodes.contains(code), [400, 401, 403].contains(response.status) {
            return .authRequired("\(service) refresh rejected: \(code)")
        }
        if [401, 403].contains(response.status) {
            return .authRequired("\(service) refresh rejected (HTTP \(response.status))")
        }
        return UpstreamFailure.error(for: response, service: "\(service) refresh", now: now, authStatuses: [], redacting: secrets)
    }
}
