import AIMeterCore

/// An export entry after AIMeter's serialization step: enriched `desc`, rounded numbers.
/// Every text format is rendered from these, as AIMeter renders from its `EndpointItem`s.
enum ExportRecord: Sendable {
    case usage(UsageRecord)
    case error(ErrorRecord)

    struct UsageRecord: Sendable {
        var id: String
        var provider: ProviderType
        /// nil when missing or empty (`provider.name || null`).
        var name: String?
        var region: String?
        /// Trimmed, non-empty.
        var plan: String?
        var progress: [Item]
        var cost: CostRecord?
        var updatedAt: Int64
    }

    struct Item: Sendable {
        var name: String
        var desc: String
        /// JS-rounded integer (NaN becomes 0).
        var usedPercent: Double
        var remainingPercent: Double?
        /// `Number(x.toFixed(2))`.
        var used: Double?
        var limit: Double?
        var windowMinutes: Double?
        var resetsAt: Int64?
        var resetDescription: String?
    }

    struct CostRecord: Sendable {
        var used: Double
        var limit: Double
        var remaining: Double
        var currency: String?
        var period: String?
    }

    struct ErrorRecord: Sendable {
        var id: String
        var provider: ProviderType
        var code: String
        var message: String
        var timestamp: Int64
    }

    /// Builds the record of one entry.
    init(_ entry: ExportEntry) {
        switch entry {
        case .error(let provider, let code, let message, let timestamp):
            self = .error(ErrorRecord(id: provider.id, provider: provider.type, code: code, message: message, timestamp: timestamp))
        case .usage(let provider, let usage):
            let items = ProgressTitles.enrich(usage.items, provider: provider.type).map { item in
                Item(
                    name: item.name,
                    desc: item.desc ?? "",
                    usedPercent: Self.roundPercent(item.usedPercent) ?? 0,
                    remainingPercent: Self.roundPercent(item.remainingPercent),
                    used: Self.roundMetric(item.used),
                    limit: Self.roundMetric(item.limit),
                    windowMinutes: Self.roundMetric(item.windowMinutes),
                    resetsAt: item.resetsAt,
                    resetDescription: item.resetDescription
                )
            }
            let cost = usage.cost.map { cost in
                CostRecord(
                    used: Self.roundMetric(cost.used) ?? 0,
                    limit: Self.roundMetric(cost.limit) ?? 0,
                    remaining: Self.roundMetric(cost.remaining) ?? 0,
                    currency: cost.currency,
                    period: cost.period
                )
            }
            let name = provider.name.flatMap { $0.isEmpty ? nil : $0 }
            self = .usage(
                UsageRecord(
                    id: provider.id, provider: provider.type, name: name, region: provider.region,
                    plan: Identity(plan: usage.plan).trimmedPlan, progress: items, cost: cost, updatedAt: usage.updatedAt))
        }
    }

    /// AIMeter's `roundPercent`: `Math.round`, NaN counts as missing.
    static func roundPercent(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return JSNumber.round(value)
    }

    /// AIMeter's `roundMetric`: `Number(x.toFixed(2))`, NaN counts as missing.
    static func roundMetric(_ value: Double?) -> Double? {
        guard let value, !value.isNaN else { return nil }
        return JSNumber.toFixedNumber(value, digits: 2)
    }
}
