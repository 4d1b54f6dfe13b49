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
        let version = try services.dataVersion()
        try services.authenticator(at: version).requireMetricsAccess(request)
        let now = ISOTime.unixSeconds(services.now())
        let read = try services.exportInputs.value(version: version, now: now) {
            try ExportEntries.inputs(database: services.database, now: now)
        }
        let entries = read.entries
        let states = read.states
        let inputs = RenderCache.Inputs(query: nil, entries: entries, states: states)
        return EndpointController.conditionalResponse(
            request: request, now: now, inputs: inputs, cache: services.renderCache
        ) { now in
            ExportDocument(
                body: PrometheusExport.render(
                    entries: ExportEntries.stamped(entries, now: now), states: states, now: now, version: APIServer.version),
                contentType: PrometheusExport.contentType)
        }
    }
}
