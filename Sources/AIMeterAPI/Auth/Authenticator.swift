import AIMeterCore
import AIMeterSecurity
import Foundation
import Hummingbird

/// Decides who a request is: session cookies (AIMeter §2.1/§2.3), the endpoint secret, the
/// metrics bearer token and the cron secret (§2.4). All secret comparisons are constant-time.
public struct Authenticator: Sendable {
    /// Password hashes and secrets.
    public var sources: CredentialSources
    /// The current time.
    public var now: @Sendable () -> Date
    /// Checks session tokens, remembering what it computed for payloads seen before.
    public var sessions: SessionVerifier

    /// Creates an authenticator.
    public init(sources: CredentialSources, now: @escaping @Sendable () -> Date, sessions: SessionVerifier) {
        self.sources = sources
        self.now = now
        self.sessions = sessions
    }

    // Literal header names made of token characters; the initializer fails only for invalid ones.
    static let roleHeader = HTTPFields.Element.Name("x-aimeter-role")!
    static let endpointSecretHeader = HTTPFields.Element.Name("x-aimeter-endpoint-secret")!
    static let cronSecretHeader = HTTPFields.Element.Name("x-aimeter-cron-secret")!

    /// Whether the request carries a valid session cookie of `role`. A token is valid only while
    /// its signature matches the role's current password hash, so a password change ends it.
    public func hasValidSession(_ role: Role, in request: Request) throws -> Bool {
        try hasValidSession(role, cookies: SessionCookies.cookies(of: request))
    }

    /// Whether `cookies` (a request's, parsed once) hold a valid session token of `role`.
    func hasValidSession(_ role: Role, cookies: [String: String]) throws -> Bool {
        guard let token = cookies[role.cookieName], !token.isEmpty,
            let hash = try sources.passwordHash(role),
            let secret = try sources.sessionSecret()
        else { return false }
        return sessions.isValid(token, secret: secret, passwordHash: hash, now: now())
    }

    /// AIMeter's `resolveAuthenticatedRole`: the role named by `x-aimeter-role` when its cookie
    /// verifies, else the first of normal, admin whose cookie verifies, else nil.
    public func sessionRole(of request: Request) throws -> Role? {
        let cookies = SessionCookies.cookies(of: request)
        guard !cookies.isEmpty else { return nil }
        if let named = request.headers[Self.roleHeader].flatMap(Role.init(rawValue:)),
            try hasValidSession(named, cookies: cookies)
        {
            return named
        }
        for role in Role.allCases where try hasValidSession(role, cookies: cookies) {
            return role
        }
        return nil
    }

    /// The session role, or `401 UNAUTHORIZED` (the `requireApiAuth(['normal','admin'])` gate).
    public func requireSession(_ request: Request) throws -> Role {
        guard let role = try sessionRole(of: request) else { throw APIError.unauthorized }
        return role
    }

    /// Passes only an admin session: `401` without a session, `403 FORBIDDEN` for normal.
    public func requireAdmin(_ request: Request) throws {
        guard try requireSession(request) == .admin else { throw APIError.forbidden }
    }

    /// The export gate (`requireEndpointAuth`): a session, else the endpoint secret (role normal).
    public func requireEndpointAccess(_ request: Request) throws -> Role {
        if let role = try sessionRole(of: request) { return role }
        if let given = header(Self.endpointSecretHeader, of: request), let secret = try sources.endpointSecret(),
            ConstantTime.equals(given, secret)
        {
            return .normal
        }
        throw APIError.unauthorized
    }

    /// The `/metrics` gate: the export gate, or `Authorization: Bearer <auth.metricsToken>`.
    public func requireMetricsAccess(_ request: Request) throws {
        if let token = sources.metricsToken, let authorization = request.headers[.authorization] {
            let parts = authorization.split(separator: " ", maxSplits: 1)
            if parts.count == 2, parts[0].lowercased() == "bearer",
                ConstantTime.equals(JSString.trim(String(parts[1])), token)
            {
                return
            }
        }
        _ = try requireEndpointAccess(request)
    }

    /// The jobs gate: `503 CRON_SECRET_NOT_CONFIGURED` when no secret exists, `401` on a mismatch.
    public func requireCronSecret(_ request: Request) throws {
        guard let secret = try sources.cronSecret() else {
            throw APIError(.serviceUnavailable, code: "CRON_SECRET_NOT_CONFIGURED", message: "Cron secret is not configured")
        }
        guard let given = header(Self.cronSecretHeader, of: request), ConstantTime.equals(given, secret) else {
            throw APIError(.unauthorized, code: "UNAUTHORIZED", message: "Invalid cron secret")
        }
    }

    private func header(_ name: HTTPFields.Element.Name, of request: Request) -> String? {
        JSString.nonBlank(request.headers[name])
    }
}
