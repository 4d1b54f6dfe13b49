/// An output format of the subscriptions export.
///
/// The first five are AIMeter's formats (same names, same bytes); `prometheus` is aimeter's
/// addition and renders the text exposition format that `GET /metrics` also serves.
public enum ExportFormat: String, Sendable, CaseIterable, Hashable {
    /// AIMeter's JSON document (the default).
    case json
    /// AIMeter's XML document.
    case xml
    /// Box-drawn text table.
    case table
    /// Markdown pipe table.
    case markdown
    /// One CSV row per provider.
    case csv
    /// Prometheus text exposition format 0.0.4 (aimeter only).
    case prometheus

    /// The `Content-Type` header value, with the charset Express adds in AIMeter.
    public var contentType: String {
        switch self {
        case .json: "application/json; charset=utf-8"
        case .xml: "application/xml; charset=utf-8"
        case .table: "text/plain; charset=utf-8"
        case .markdown: "text/markdown; charset=utf-8"
        case .csv: "text/csv; charset=utf-8"
        case .prometheus: PrometheusExport.contentType
        }
    }
}
