import AIMeterCore

/// The eight-column rows shared by the Markdown and table exports, one group per provider.
enum ExportRows {
    /// Column headers, in order.
    static let columns = ["Provider", "Name", "Item", "UsedPct", "RemainPct", "ResetWindow", "ResetAt", "UpdatedAt"]

    /// Columns that only the first row of a group shows in the table format.
    static let groupColumns: Set<Int> = [0, 1, 7]

    /// One group of rows per record, every cell filled (Markdown repeats provider, name and time).
    static func groups(_ records: [ExportRecord], timestamp: ExportTimestamp) -> [[[String]]] {
        records.map { record in
            switch record {
            case .error(let error):
                return [[error.provider.rawValue, "-", "ERROR", "-", "-", "-", "-", timestamp.string(unixSeconds: error.timestamp)]]
            case .usage(let usage):
                let updatedAt = timestamp.string(unixSeconds: usage.updatedAt)
                let items = usage.progress.isEmpty ? [placeholder] : usage.progress
                return items.map { item in
                    [
                        usage.provider.rawValue,
                        usage.name ?? "-",
                        item.name,
                        JSNumber.format(JSNumber.round(item.usedPercent)),
                        item.remainingPercent.map { JSNumber.format(JSNumber.round($0)) } ?? "-",
                        WindowDuration.column(minutes: item.windowMinutes),
                        item.resetsAt.map { timestamp.string(unixSeconds: $0) } ?? "-",
                        updatedAt,
                    ]
                }
            }
        }
    }

    /// The single row of a usage record with no items.
    private static let placeholder = ExportRecord.Item(
        name: "-", desc: "", usedPercent: 0, remainingPercent: nil, used: nil, limit: nil, windowMinutes: nil,
        resetsAt: nil, resetDescription: nil)
}
