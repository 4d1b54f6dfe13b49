import AIMeterCore
import AIMeterStore
import Foundation
import Hummingbird

/// `/api/proxy/latest` (normal+) and `/api/proxy/refresh` (admin, through the collector).
public struct ProxyController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes; `latest` answers GET too.
    public var routes: [APIRoute] {
        [
            APIRoute(.post, "/api/proxy/latest", handler: latest),
            APIRoute(.get, "/api/proxy/latest", handler: latest),
            APIRoute(.post, "/api/proxy/refresh", handler: refresh),
        ]
    }

    var records: ProxyRecords { ProxyRecords(displayItems: services.displayItems) }

    /// The newest stored data of every provider; a provider without data gets an `UNKNOWN`
    /// error record (the API never fetches upstream).
    @Sendable func latest(_ request: Request, context: APIRequestContext) async throws -> Response {
        let version = try services.dataVersion()
        _ = try services.authenticator(at: version).requireSession(request)
        let body: ByteBuffer
        do {
            let now = ISOTime.unixSeconds(services.now())
            body = try services.latestBody.value(version: version, now: now) { ByteBuffer(string: try latestBody(now: now)) }
        } catch {
            services.logger.error("latest failed: \(String(describing: error))")
            throw APIError(.internalServerError, code: "LATEST_ERROR", message: "Failed to read the latest data")
        }
        return APIResponse.bytes(body, contentType: APIResponse.jsonContentType)
    }

    /// The serialized `{success: true, data: [...]}` envelope of every provider's latest record.
    private func latestBody(now: Int64) throws -> String {
        let providers = try services.database.providers()
        let snapshots = try services.database.latestSnapshots()
        let data: [JSONValue] = providers.map { provider in
            guard let snapshot = snapshots[provider.id] else {
                return ProxyRecords.error(
                    id: provider.id, type: provider.type, code: "UNKNOWN", message: "No data available", timestamp: now)
            }
            return .object(records.usage(provider, snapshot))
        }
        return APIResponse.successEnvelope(.array(data)).serialized(pretty: false)
    }

    /// Refreshes every provider through the collector (3-minute reuse, 60-second failure
    /// cooldown, stale fallback) and answers AIMeter's records with their flags.
    @Sendable func refresh(_ request: Request, context: APIRequestContext) async throws -> Response {
        try services.authenticator().requireAdmin(request)
        let results = try await RefreshResults.fetch(providerIds: nil, collector: services.collector)
        let data: [JSONValue]
        do {
            let providers = try services.database.providers()
            let now = ISOTime.unixSeconds(services.now())
            data = try providers.map { provider in
                try record(for: provider, result: results[provider.id], now: now)
            }
        } catch {
            services.logger.error("refresh failed: \(String(describing: error))")
            throw APIError(.internalServerError, code: "REFRESH_ERROR", message: "Failed to read the refreshed data")
        }
        return APIResponse.success(.array(data))
    }

    func record(for provider: StoredProvider, result: RefreshResults.Result?, now: Int64) throws -> JSONValue {
        guard let result else {
            return ProxyRecords.error(
                id: provider.id, type: provider.type, code: "API_ERROR",
                message: "The collector did not refresh this provider", timestamp: now)
        }
        if result.status == .failed {
            return ProxyRecords.error(
                id: provider.id, type: provider.type, code: "API_ERROR", message: result.message ?? "Refresh failed",
                timestamp: now)
        }
        guard let snapshot = try services.database.latestSnapshot(providerId: provider.id) else {
            return ProxyRecords.error(
                id: provider.id, type: provider.type, code: "API_ERROR", message: "No data available", timestamp: now)
        }
        var record = records.usage(provider, snapshot)
        result.appendFlags(to: &record, includeCachedAt: false)
        return .object(record)
    }
}
