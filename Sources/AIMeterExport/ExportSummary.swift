import AIMeterCore

/// The `summary` block shared by every AIMeter format.
public struct ExportSummary: Sendable, Equatable {
    /// Number of entries.
    public var total: Int
    /// Entries with usage, including those whose progress list is empty.
    public var providersWithUsage: Int
    /// `total - providersWithUsage`.
    public var errors: Int
    /// JS-rounded mean of the first item's rounded `usedPercent`, over entries with at least one item; 0 when none.
    public var averageUsedPercent: Double

    /// Computes the summary of `entries`.
    public init(entries: [ExportEntry]) {
        self.init(records: entries.map(ExportRecord.init))
    }

    init(records: [ExportRecord]) {
        var usageCount = 0
        var primaries: [Double] = []
        for record in records {
            guard case .usage(let usage) = record else { continue }
            usageCount += 1
            if let first = usage.progress.first { primaries.append(first.usedPercent) }
        }
        total = records.count
        providersWithUsage = usageCount
        errors = records.count - usageCount
        averageUsedPercent = primaries.isEmpty ? 0 : JSNumber.round(primaries.reduce(0, +) / Double(primaries.count))
    }

    /// The last line of the Markdown and table formats.
    func line(timezone: String) -> String {
        "Summary: providers(total=\(total)), avgUsed=\(JSNumber.format(averageUsedPercent))%, timezone=\(timezone)"
    }
}
