import AIMeterCore
import Foundation
import Hummingbird

/// `GET /api/health` (AIMeter's liveness answer) and `GET /api/ready` (readiness with the
/// database, the collector and the age of the data). Both are public.
public struct HealthController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [
            APIRoute(.get, "/api/health", handler: health),
            APIRoute(.get, "/api/ready", handler: ready),
        ]
    }

    /// `{"status":"ok","timestamp":"<ISO>"}`, without the success envelope.
    @Sendable func health(_ request: Request, context: APIRequestContext) async throws -> Response {
        APIResponse.json(["status": "ok", "timestamp": .string(ISOTime.string(services.now()))])
    }

    /// 200 when the database can be read, else 503. The collector's reachability and the data
    /// age are reported but do not make the API unready: reads keep working without the collector.
    @Sendable func ready(_ request: Request, context: APIRequestContext) async throws -> Response {
        async let latency = services.collector.ping()
        let now = services.now()
        var body = JSONObject()
        var providers: [JSONValue] = []
        var newestAge: Int64?
        do {
            let schema = try services.database.schemaVersion()
            let snapshots = try services.database.latestSnapshots()
            for provider in try services.database.providers() {
                let age = snapshots[provider.id].map { ISOTime.unixSeconds(now) - ISOTime.unixSeconds($0.createdAt) }
                if let age { newestAge = min(newestAge ?? age, age) }
                providers.append([
                    "id": .string(provider.id),
                    "ageSeconds": age.map { .number(Double($0)) } ?? .null,
                    "stale": .bool(Self.isStale(ageSeconds: age, intervalMinutes: provider.refreshIntervalMinutes)),
                ])
            }
            body["ready"] = true
            body["database"] = "ok"
            body["schemaVersion"] = .string(schema)
        } catch {
            services.logger.error("readiness: database check failed: \(String(describing: error))")
            body["ready"] = false
            body["database"] = "error"
            body["schemaVersion"] = .null
        }
        let measured = await latency
        body["collector"] = [
            "reachable": .bool(measured != nil),
            "latencyMs": measured.map { .number(JSNumber.toFixedNumber($0, digits: 1)) } ?? .null,
        ]
        body["newestDataAgeSeconds"] = newestAge.map { .number(Double($0)) } ?? .null
        body["providers"] = .array(providers)
        let isReady = body["ready"]?.boolValue == true
        return APIResponse.json(.object(body), status: isReady ? .ok : .serviceUnavailable)
    }

    /// A scheduled provider is stale without data, or when its data is older than two polling
    /// intervals plus a minute; manual-only providers are never stale.
    static func isStale(ageSeconds: Int64?, intervalMinutes: Int) -> Bool {
        guard intervalMinutes > 0 else { return false }
        guard let ageSeconds else { return true }
        return ageSeconds > Int64(intervalMinutes) * 120 + 60
    }
}
