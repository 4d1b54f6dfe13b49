import AIMeterStore
import Foundation
import Hummingbird

/// `GET /api/history`: downsampled series per provider in AIMeter's compact `{k, d}` format.
public struct HistoryController: Sendable {
    /// Shared services.
    public var services: APIServices

    /// Creates the controller.
    public init(services: APIServices) {
        self.services = services
    }

    /// The routes.
    public var routes: [APIRoute] {
        [APIRoute(.get, "/api/history", handler: history)]
    }

    /// Longest range honoured; AIMeter has no bound, but nothing older than retention exists.
    static let maximumDays = 36500

    @Sendable func history(_ request: Request, context: APIRequestContext) async throws -> Response {
        _ = try services.authenticator().requireSession(request)
        let raw = QueryString(request.uri.query)
        // Express turns a repeated parameter into an array and parseInt/Number stringify it with
        // commas; joining the values reproduces that exactly.
        let parsedDays = JSNumberParsing.parseInt(raw.all("days").joined(separator: ","))
        let days = min(parsedDays.flatMap { $0 == 0 ? nil : $0 } ?? 30, Self.maximumDays)
        let intervalValues = raw.all("intervalMinutes").isEmpty ? raw.all("bucketMinutes") : raw.all("intervalMinutes")
        let requested = intervalValues.isEmpty ? nil : JSNumberParsing.number(intervalValues.joined(separator: ","))
        let providerId = raw.first("provider").flatMap { $0.isEmpty ? nil : $0 }
        let query = HistoryQuery(
            days: days, bucketMinutes: HistoryQuery.resolveBucketMinutes(days: days, requested: requested),
            providerId: providerId)
        // AIMeter answers exactly one key for a provider filter, even an unknown one: the store does too.
        // A year of 50 providers is about 25 MB of JSON: it is written on a background thread
        // and streamed, 64 KiB at a time, rather than built whole in memory.
        let database = services.database
        let now = services.now()
        return try await PipedResponse.response(contentType: APIResponse.jsonContentType, logger: services.logger) { pipe in
            var writer = try HistoryJSONWriter(emit: pipe.send)
            try database.history(query, now: now, into: &writer)
            try writer.finish()
        }
    }
}
