import AIMeterCore
import Foundation

/// A validated export request: what to render and how.
public struct ExportQuery: Sendable, Equatable {
    /// The `providers` parameter, trimmed (`all` when absent or blank); echoed in JSON and XML.
    public var providersRaw: String
    /// Output format.
    public var format: ExportFormat
    /// Pretty output (JSON, XML, Markdown); ignored by CSV, table and Prometheus.
    public var pretty: Bool
    /// The `timezone` parameter exactly as given (trimmed, `UTC` when blank); echoed in output.
    public var timezone: String
    /// The zone that `timezone` names, used to format times.
    public var timeZone: TimeZone
    /// Provider types to keep, in first-occurrence order; nil keeps every provider.
    public var requestedProviders: [ProviderType]?

    /// Creates a query; the defaults are AIMeter's (`all`, `json`, pretty, `UTC`).
    public init(
        providersRaw: String = "all",
        format: ExportFormat = .json,
        pretty: Bool = true,
        timezone: String = "UTC",
        timeZone: TimeZone = .gmt,
        requestedProviders: [ProviderType]? = nil
    ) {
        self.providersRaw = providersRaw
        self.format = format
        self.pretty = pretty
        self.timezone = timezone
        self.timeZone = timeZone
        self.requestedProviders = requestedProviders
    }

    /// Whether a provider of `type` belongs in the output (the filter never changes the order).
    public func includes(_ type: ProviderType) -> Bool {
        requestedProviders?.contains(type) ?? true
    }
}
