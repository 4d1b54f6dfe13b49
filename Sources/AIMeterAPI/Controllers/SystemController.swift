import AIMeterCore
import Foundation
import Hummingbird

/// `/api/system/*`: capabilities (normal+), the integration secrets and their rotation (admin).
public struct SystemController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [
            APIRoute(.get, "/api/system/capabilities", handler: capabilities),
            APIRoute(.get, "/api/system/secrets", handler: secrets),
            APIRoute(.post, "/api/system/secrets/endpoint/reset", handler: { request, context in
                try await reset(.endpoint, request)
            }),
            APIRoute(.post, "/api/system/secrets/cron/reset", handler: { request, context in
                try await reset(.cron, request)
            }),
        ]
    }

    /// AIMeter's RuntimeCapabilities. Providers come from the config file, so every provider
    /// editing flag is false; secrets are "managed in the database" only when neither is configured.
    @Sendable func capabilities(_ request: Request, context: APIRequestContext) async throws -> Response {
        let version = try services.dataVersion()
        let role = try services.authenticator(at: version).requireSession(request)
        let isAdmin = role == .admin
        let sources = services.sources(at: version)
        func authState(_ role: Role) throws -> JSONValue {
            let enabled = try sources.passwordHash(role) != nil
            return [
                "enabled": .bool(enabled), "needsSetup": .bool(!enabled),
                "mutable": .bool(sources.configuredPasswordHash(role) == nil),
            ]
        }
        let secretsInDatabase = sources.configuredEndpointSecret == nil && sources.configuredCronSecret == nil
        let data: JSONValue = [
            "viewerRole": .string(role.rawValue),
            "mockEnabled": false,
            "providerConfigMutable": false,
            "auth": ["normal": try authState(.normal), "admin": try authState(.admin)],
            "ui": [
                "showSettings": .bool(isAdmin),
                "showCredentialValues": false,
                "allowProviderCreate": false,
                "allowProviderEdit": false,
                "allowProviderDelete": false,
                "allowProviderReorder": false,
                "allowManualRefresh": .bool(isAdmin),
            ],
            "history": ["enabled": true, "persisted": true, "mode": "database"],
            "secrets": ["managedInDb": .bool(secretsInDatabase), "mutable": .bool(secretsInDatabase)],
        ]
        return APIResponse.success(data)
    }

    /// The secrets in force (configured, else stored), for the admin settings page.
    @Sendable func secrets(_ request: Request, context: APIRequestContext) async throws -> Response {
        try services.authenticator().requireAdmin(request)
        let sources = try services.sources()
        return APIResponse.success([
            "cronSecret": .string(try sources.cronSecret()),
            "endpointSecret": .string(try sources.endpointSecret()),
        ])
    }

    /// Which integration secret a reset route rotates.
    enum Secret: String {
        case endpoint, cron

        var responseKey: String { rawValue + "Secret" }
        var configKey: String { "auth." + rawValue + "Secret" }
    }

    func reset(_ secret: Secret, _ request: Request) async throws -> Response {
        try services.authenticator().requireAdmin(request)
        let sources = try services.sources()
        let configured = secret == .endpoint ? sources.configuredEndpointSecret : sources.configuredCronSecret
        if configured != nil { throw Self.readOnly(secret) }
        var params = JSONObject()
        params["which"] = .string(secret.rawValue)
        let answer = try await services.collector.send(.rotateSecret, params: params) {
            code, message in
            code == "READ_ONLY_SECRET" ? Self.readOnly(secret) : CollectorGateway.defaultRemoteError(code: code, message: message)
        }
        guard let value = answer["value"]?.stringValue else {
            throw APIError(.badGateway, code: "COLLECTOR_PROTOCOL_ERROR", message: "The collector answered without a secret")
        }
        var data = JSONObject()
        data[secret.responseKey] = .string(value)
        return APIResponse.success(.object(data))
    }

    static func readOnly(_ secret: Secret) -> APIError {
        APIError(
            .conflict, code: "READ_ONLY_SECRET",
            message: "The \(secret.rawValue) secret is set in the configuration (\(secret.configKey)); change it there")
    }
}
