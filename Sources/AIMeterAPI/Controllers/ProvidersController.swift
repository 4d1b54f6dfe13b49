import AIMeterCore
import AIMeterStore
import Foundation
import Hummingbird

/// `/api/providers`: the configured providers (read-only: they come from the config file), one
/// provider's raw history, and the single-provider refresh through the collector.
public struct ProvidersController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [
            APIRoute(.get, "/api/providers", handler: list),
            APIRoute(.get, "/api/providers/:id/history", handler: history),
            APIRoute(.post, "/api/providers/:id/refresh", handler: refresh),
        ]
    }

    /// Provider views in display order. No credential ever leaves the server: an admin sees only
    /// the credential kind (`{"type":"oauth"}`).
    @Sendable func list(_ request: Request, context: APIRequestContext) async throws -> Response {
        let role = try services.authenticator().requireSession(request)
        let providers = try services.database.providers()
        return APIResponse.success(.array(providers.map { ProviderView.render($0, includeCredentialKind: role == .admin) }))
    }

    /// Raw stored rows of one provider, ascending: `days` = parseInt, 0/invalid → 30, clamped to 1...365.
    ///
    /// A year of five-minute polls is about 100,000 rows and 50 MB of JSON: the rows are
    /// serialized one at a time as they are read, and streamed (see ``PipedResponse``).
    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try services.authenticator().requireSession(request)
        let id = context.parameters.get("id") ?? ""
        let query = QueryString(request.uri.query)
        let parsed = JSNumberParsing.parseInt(query.all("days").joined(separator: ","))
        let days = min(max(parsed.flatMap { $0 == 0 ? nil : $0 } ?? 30, 1), 365)
        let since = services.now().addingTimeInterval(-Double(days) * 86400)
        let database = services.database
        return try await PipedResponse.response(contentType: APIResponse.jsonContentType, logger: services.logger) { pipe in
            var output = ChunkedOutput(emit: pipe.send)
            try output.write(#"{"success":true,"data":["#)
            var isFirst = true
            try database.forEachSnapshot(providerId: id, since: since) { snapshot in
                if !isFirst { try output.write(",") }
                isFirst = false
                try output.write(Self.row(snapshot).serialized())
            }
            try output.write("]}")
            try output.flush()
        }
    }

    static func row(_ snapshot: StoredSnapshot) -> JSONValue {
        var progress = JSONObject()
        progress["items"] = .array(snapshot.items.map(ProgressItemView.stored))
        if let cost = snapshot.cost { progress["cost"] = ProgressItemView.cost(cost) }
        let identity: JSONValue = snapshot.identity.map { identity in
            identity.plan.map { ["plan": .string($0)] } ?? .object(JSONObject())
        } ?? .null
        return [
            "id": .number(Double(snapshot.pollId)),
            "providerId": .string(snapshot.providerId),
            "progress": .object(progress),
            "identityData": identity,
            "createdAt": .string(ISOTime.string(snapshot.createdAt)),
        ]
    }

    /// Refreshes one provider through the collector (admin).
    @Sendable func refresh(_ request: Request, context: APIRequestContext) async throws -> Response {
        try services.authenticator().requireAdmin(request)
        let id = context.parameters.get("id") ?? ""
        guard let provider = try services.database.provider(id: id) else {
            throw APIError.notFound("Provider not found")
        }
        let results = try await RefreshResults.fetch(providerIds: [id], collector: services.collector)
        guard let result = results[id] else {
            throw APIError(.badGateway, code: "COLLECTOR_PROTOCOL_ERROR", message: "The collector did not refresh this provider")
        }
        if result.status == .failed { throw Self.failure(result) }
        guard let snapshot = try services.database.latestSnapshot(providerId: id) else {
            throw APIError(.badRequest, code: "FETCH_ERROR", message: "No data available")
        }
        var data = SingleRefreshView.render(provider, snapshot)
        result.appendFlags(to: &data, includeCachedAt: true)
        return APIResponse.success(.object(data))
    }

    /// AIMeter's single-route failures: 503 cooldown, 400 fetch error, 404 unknown provider.
    static func failure(_ result: RefreshResults.Result) -> APIError {
        var extra = JSONObject()
        if result.authRequired { extra["authRequired"] = true }
        let message = result.message ?? "Refresh failed"
        switch result.code {
        case "TEMPORARILY_UNAVAILABLE":
            return APIError(
                .serviceUnavailable, code: "TEMPORARILY_UNAVAILABLE",
                message: "Data temporarily unavailable due to a recent failure", extra: extra)
        case "FETCH_ERROR":
            return APIError(.badRequest, code: "FETCH_ERROR", message: message, extra: extra)
        case "NOT_FOUND":
            return APIError.notFound("Provider not found")
        default:
            return APIError(.internalServerError, code: "INTERNAL_ERROR", message: message, extra: extra)
        }
    }
}
