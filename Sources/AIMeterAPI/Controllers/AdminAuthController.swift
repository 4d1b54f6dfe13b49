import AIMeterCore
import AIMeterSecurity
import Foundation
import Hummingbird

/// `/api/auth/admin/*`: the password change (through the collector) and the audit log, which a
/// read-only server does not keep.
public struct AdminAuthController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [
            APIRoute(.post, "/api/auth/admin/change-password", handler: changePassword),
            APIRoute(.get, "/api/auth/admin/audit-logs", handler: auditLogs),
        ]
    }

    /// AIMeter checks the admin cookie itself here, not through the normal-first resolution.
    func requireAdminCookie(_ request: Request) throws {
        guard try services.authenticator().hasValidSession(.admin, in: request) else { throw APIError.unauthorized }
    }

    @Sendable func changePassword(_ request: Request, context: APIRequestContext) async throws -> Response {
        try requireAdminCookie(request)
        let body = context.jsonBody
        guard let target = body?["targetRole"]?.stringValue.flatMap(Role.init(rawValue:)),
            let oldPassword = body?["oldPassword"]?.stringValue, !oldPassword.isEmpty,
            let newPassword = body?["newPassword"]?.stringValue, !newPassword.isEmpty
        else {
            throw APIError.invalidRequest("targetRole, oldPassword and newPassword are required")
        }
        if let violation = PasswordPolicy.violation(newPassword) {
            throw APIError(.badRequest, code: "INVALID_PASSWORD", message: violation)
        }
        let sources = try services.sources()
        guard let current = try sources.passwordHash(target), PasswordHasher.verify(oldPassword, against: current) else {
            throw APIError(.badRequest, code: "INVALID_PASSWORD", message: "Current password is incorrect")
        }
        if sources.configuredPasswordHash(target) != nil {
            throw Self.readOnly(target)
        }
        var params = JSONObject()
        params["role"] = .string(target.rawValue)
        params["hash"] = .string(PasswordHasher.hash(newPassword))
        _ = try await services.collector.send(.setPasswordHash, params: params) { code, message in
            code == "READ_ONLY_AUTH" ? Self.readOnly(target) : CollectorGateway.defaultRemoteError(code: code, message: message)
        }
        var response = APIResponse.success(["message": "Password changed successfully"])
        response.headers[.setCookie] = SessionCookies.clearCookie(role: target, secure: services.isHTTPS)
        return response
    }

    @Sendable func auditLogs(_ request: Request, context: APIRequestContext) async throws -> Response {
        try requireAdminCookie(request)
        throw APIError(
            .gone, code: "AUDIT_LOG_DISABLED",
            message: "aimeter keeps no audit table; every request is in the access log of aimeter-api")
    }

    static func readOnly(_ role: Role) -> APIError {
        APIError(
            .conflict, code: "READ_ONLY_AUTH",
            message: "The \(role.rawValue) password is set in the configuration (auth.\(role.rawValue)PasswordHash); change it there")
    }
}
