import AIMeterCore

/// The provider an export entry describes, as configured.
public struct ExportProvider: Sendable, Equatable, Hashable {
    /// Provider id (config id or derived id).
    public var id: String
    /// Provider type; its raw value is what the export prints in the `provider` field.
    public var type: ProviderType
    /// Display name; AIMeter prints `null` (JSON) or `-` (tables) when it is missing or empty.
    public var name: String?
    /// Region label; omitted from JSON when nil.
    public var region: String?

    /// Creates a provider description.
    public init(id: String, type: ProviderType, name: String? = nil, region: String? = nil) {
        self.id = id
        self.type = type
        self.name = name
        self.region = region
    }
}

/// The latest stored data of one provider, as the export reads it.
public struct ExportUsage: Sendable, Equatable {
    /// Progress items in stored order, with their stored (un-enriched) `desc`.
    public var items: [ProgressItem]
    /// Stored cost, if any.
    public var cost: Cost?
    /// Stored plan label (identity); blank values are not exported.
    public var plan: String?
    /// When the snapshot was stored, in unix seconds.
    public var updatedAt: Int64

    /// Creates usage data.
    public init(items: [ProgressItem], cost: Cost? = nil, plan: String? = nil, updatedAt: Int64) {
        self.items = items
        self.cost = cost
        self.plan = plan
        self.updatedAt = updatedAt
    }
}

/// One provider in an export: its latest usage, or the reason there is none.
public enum ExportEntry: Sendable, Equatable {
    /// The provider has stored data.
    case usage(ExportProvider, ExportUsage)
    /// The provider has no data; AIMeter's export uses code `UNKNOWN` with the request time.
    case error(ExportProvider, code: String, message: String, timestamp: Int64)

    /// AIMeter's record for a provider without any stored snapshot.
    public static func noData(_ provider: ExportProvider, now: Int64) -> ExportEntry {
        .error(provider, code: "UNKNOWN", message: "No latest progress data", timestamp: now)
    }

    /// The provider the entry is about.
    public var provider: ExportProvider {
        switch self {
        case .usage(let provider, _), .error(let provider, _, _, _): provider
        }
    }
}
