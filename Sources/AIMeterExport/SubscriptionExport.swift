/// A rendered export: the body and its `Content-Type`.
public struct ExportDocument: Sendable, Equatable {
    /// Response body.
    public var body: String
    /// `Content-Type` header value, charset included.
    public var contentType: String

    /// Creates a document.
    public init(body: String, contentType: String) {
        self.body = body
        self.contentType = contentType
    }
}

/// `GET /api/endpoint/subscriptions`: renders entries in the query's format.
public enum SubscriptionExport {
    /// Renders `entries` (already filtered by ``ExportQuery/includes(_:)`` and in display order).
    /// - Parameters:
    ///   - now: the request time in unix seconds.
    ///   - states: poll bookkeeping by provider id, used by `prometheus` only.
    ///   - version: aimeter's version, used by `prometheus` only.
    public static func render(
        entries: [ExportEntry], query: ExportQuery, now: Int64,
        states: [String: ExportProviderState] = [:], version: String = "unknown"
    ) -> ExportDocument {
        let body: String
        switch query.format {
        case .json: body = JSONExport.render(entries: entries, query: query, now: now)
        case .xml: body = XMLExport.render(entries: entries, query: query, now: now)
        case .csv: body = CSVExport.render(entries: entries, query: query, now: now)
        case .markdown: body = MarkdownExport.render(entries: entries, query: query, now: now)
        case .table: body = TableExport.render(entries: entries, query: query, now: now)
        case .prometheus: body = PrometheusExport.render(entries: entries, states: states, now: now, version: version)
        }
        return ExportDocument(body: body, contentType: query.format.contentType)
    }
}
