import AIMeterCore
import AIMeterSecurity
import Foundation
import Hummingbird

/// `/api/auth/*`: status, login (`verify`), logout, and the setup routes that aimeter replaces
/// with the config file and `aimeter passwd` (reference/api.md §1.1).
public struct AuthController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [
            APIRoute(.get, "/api/auth/:role/status", handler: status),
            APIRoute(.post, "/api/auth/:role/verify", handler: verify),
            APIRoute(.post, "/api/auth/:role/logout", handler: logout),
            APIRoute(.post, "/api/auth/:role/setup", handler: setup),
            APIRoute(.post, "/api/auth/bootstrap", handler: bootstrap),
        ]
    }

    static func role(_ context: APIRequestContext) throws -> Role {
        guard let role = context.parameters.get("role").flatMap(Role.init(rawValue:)) else {
            throw APIError.notFound("Unknown auth role")
        }
        return role
    }

    @Sendable func status(_ request: Request, context: APIRequestContext) async throws -> Response {
        let role = try Self.role(context)
        let version = try services.dataVersion()
        let sources = services.sources(at: version)
        let hasHash = try sources.passwordHash(role) != nil
        let authenticated = try hasHash && services.authenticator(at: version).hasValidSession(role, in: request)
        return APIResponse.success([
            "role": .string(role.rawValue),
            "needsSetup": .bool(!hasHash),
            // Bootstrap is disabled: passwords come from the config file or `aimeter passwd`.
            "bootstrapRequired": false,
            "authenticated": .bool(authenticated),
            "authEnabled": .bool(hasHash),
            "authMutable": .bool(sources.configuredPasswordHash(role) == nil),
        ])
    }

    @Sendable func verify(_ request: Request, context: APIRequestContext) async throws -> Response {
        let role = try Self.role(context)
        let now = services.now()
        let key = "login:" + context.clientAddress
        if let wait = await services.loginLimiter.retryAfter(key, now: now) {
            throw APIError(
                .tooManyRequests, code: "TOO_MANY_ATTEMPTS", message: "Too many failed login attempts. Retry in \(wait)s")
        }
        guard let password = context.jsonBody?["password"]?.stringValue, !password.isEmpty else {
            throw APIError.invalidRequest("Password is required")
        }
        guard let hash = try services.sources().passwordHash(role) else {
            return APIResponse.success(["valid": false])
        }
        guard PasswordHasher.verify(password, against: hash) else {
            await services.loginLimiter.recordFailure(key, now: now)
            services.logger.notice("Failed \(role.rawValue) login from \(context.clientAddress)")
            return APIResponse.success(["valid": false])
        }
        await services.loginLimiter.recordSuccess(key)
        guard let secret = try services.sources().sessionSecret() else {
            throw APIError(
                .serviceUnavailable, code: "SESSION_SECRET_NOT_CONFIGURED",
                message: "The session secret does not exist yet; start aimeter-collector once to create it")
        }
        let ttl = SessionCookies.effectiveTTL(services.config.auth.sessionTtlSeconds)
        let token = SessionToken.make(secret: secret, passwordHash: hash, issuedAt: now, ttlSeconds: ttl)
        var response = APIResponse.success(["valid": true])
        response.headers[.setCookie] = SessionCookies.setCookie(
            role: role, token: token, ttlSeconds: ttl, secure: services.isHTTPS)
        return response
    }

    @Sendable func logout(_ request: Request, context: APIRequestContext) async throws -> Response {
        let role = try Self.role(context)
        var response = APIResponse.success(["message": "Logged out successfully"])
        response.headers[.setCookie] = SessionCookies.clearCookie(role: role, secure: services.isHTTPS)
        return response
    }

    @Sendable func setup(_ request: Request, context: APIRequestContext) async throws -> Response {
        let role = try Self.role(context)
        throw APIError(
            .conflict, code: "SETUP_DISABLED",
            message: "Passwords are not set over HTTP: run `aimeter passwd \(role.rawValue)` "
                + "or set auth.\(role.rawValue)PasswordHash in the config file")
    }

    @Sendable func bootstrap(_ request: Request, context: APIRequestContext) async throws -> Response {
        throw APIError(
            .gone, code: "BOOTSTRAP_DISABLED",
            message: "Initial setup is disabled: run `aimeter passwd normal` and `aimeter passwd admin`, "
                + "or set auth.normalPasswordHash and auth.adminPasswordHash in the config file")
    }
}
