import AIMeterCore
import AIMeterExport
import Foundation
import Hummingbird

/// `GET /api/endpoint/subscriptions`: AIMeter's export (json, xml, csv, markdown, table) plus
/// `prometheus`, for a session or the endpoint secret, with an ETag so pollers get 304.
public struct EndpointController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [APIRoute(.get, "/api/endpoint/subscriptions", handler: subscriptions)]
    }

    @Sendable func subscriptions(_ request: Request, context: APIRequestContext) async throws -> Response {
        // Authentication comes first and answers compact JSON, as AIMeter's middleware does.
        _ = try services.authenticator.requireEndpointAccess(request)
        let raw = QueryString(request.uri.query)
        let parsed = ExportQueryParser.parse(
            format: raw.single("format"), pretty: raw.single("pretty"), timezone: raw.single("timezone"),
            providers: raw.single("providers"), knownTypes: ProviderType.allCases)
        let query: ExportQuery
        switch parsed {
        case .success(let value): query = value
        case .failure(let error):
            return APIResponse.text(error.responseBody, contentType: APIResponse.jsonContentType, status: .badRequest)
        }
        do {
            let now = ISOTime.unixSeconds(services.now())
            let read = try services.exportInputs.value(now: now) {
                try ExportEntries.inputs(database: services.database, now: now)
            }.filtered(query)
            let entries = read.entries
            let states = query.format == .prometheus ? read.states : [:]
            let inputs = RenderCache.Inputs(query: query, entries: entries, states: states)
            return Self.conditionalResponse(request: request, now: now, inputs: inputs, cache: services.renderCache) { now in
                SubscriptionExport.render(
                    entries: ExportEntries.stamped(entries, now: now), query: query, now: now, states: states, version: APIServer.version)
            }
        } catch {
            services.logger.error("export failed: \(String(describing: error))")
            let body = ExportErrorBody.render(code: "INTERNAL_ERROR", message: "Failed to build the export")
            return APIResponse.text(body, contentType: APIResponse.jsonContentType, status: .internalServerError)
        }
    }

    /// Renders at `now`, tags the data rendered at time 0 (the request time changes every
    /// second, the data does not), and answers 304 when the client already has it. Renderings
    /// of equal inputs come from `cache`.
    static func conditionalResponse(
        request: Request, now: Int64, inputs: RenderCache.Inputs, cache: RenderCache,
        render: (Int64) -> ExportDocument
    ) -> Response {
        let rendering = cache.rendering(of: inputs, now: now, render: render)
        let tag = rendering.tag
        var headers = HTTPFields()
        headers[.eTag] = tag
        // Clients may keep a copy but must revalidate it; nothing is shared between users.
        headers[.cacheControl] = "private, no-cache"
        if EntityTag.matches(ifNoneMatch: request.headers[.ifNoneMatch], tag: tag) {
            return Response(status: .notModified, headers: headers)
        }
        var response = APIResponse.text(rendering.document.body, contentType: rendering.document.contentType)
        response.headers.append(contentsOf: headers)
        return response
    }
}
