import AIMeterCore
import AIMeterExport
import Foundation
import Hummingbird

/// `GET /metrics`: Prometheus text with the latest numbers and each provider's poll health.
/// Guarded by a session, the endpoint secret, or `Authorization: Bearer <auth.metricsToken>`.
public struct MetricsController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [APIRoute(.get, "/metrics", handler: metrics)]
    }

    @Sendable func metrics(_ request: Request, context: APIRequestContext) async throws -> Response {
        try services.authenticator.requireMetricsAccess(request)
        let now = ISOTime.unixSeconds(services.now())
        let entries = try ExportEntries.build(database: services.database, now: now)
        let states = try ExportEntries.states(database: services.database)
        return EndpointController.conditionalResponse(request: request, now: now) { now in
            ExportDocument(
                body: PrometheusExport.render(
                    entries: ExportEntries.stamped(entries, now: now), states: states, now: now, version: APIServer.version),
                contentType: PrometheusExport.contentType)
        }
    }
}
