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
        // One data version for the whole request: the settings, the inputs and the rendering.
        let version = try services.dataVersion()
        // Authentication comes first and answers compact JSON, as AIMeter's middleware does.
        _ = try services.authenticator(at: version).requireEndpointAccess(request)
        let query: ExportQuery
        let rawQuery = request.uri.query ?? ""
        let remember = rawQuery.utf8.count <= Self.rememberedQueryBytes
        switch services.exportQueries.value(for: rawQuery, remember: remember, compute: Self.parseQuery) {
        case .success(let value): query = value
        case .failure(let error):
            return APIResponse.text(error.responseBody, contentType: APIResponse.jsonContentType, status: .badRequest)
        }
        do {
            let now = ISOTime.unixSeconds(services.now())
            let read = try services.exportInputs.value(version: version, now: now) {
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

    /// The longest raw query whose parse is remembered: real ones are a few dozen bytes, and a
    /// client must not fill the memo with huge keys.
    static let rememberedQueryBytes = 256

    /// The export query of a raw query string, or the error AIMeter answers for it.
    static func parseQuery(_ rawQuery: String) -> Result<ExportQuery, ExportQueryError> {
        let raw = QueryString(rawQuery)
        return ExportQueryParser.parse(
            format: raw.single("format"), pretty: raw.single("pretty"), timezone: raw.single("timezone"),
            providers: raw.single("providers"), knownTypes: ProviderType.allCases)
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
        var response = APIResponse.bytes(rendering.body, contentType: rendering.contentType)
        response.headers.append(contentsOf: headers)
        return response
    }
}
