import AIMeterCore

/// The `csv` format: one row per provider, strings always quoted, LF after every line.
public enum CSVExport {
    /// `text/csv; charset=utf-8`.
    public static let contentType = ExportFormat.csv.contentType

    /// The header line, without its newline.
    public static let header =
        "id,provider,name,status,primaryUsedPercent,progressSummary,costUsed,costLimit,costRemaining,updatedAt,errorCode,errorMessage,timestamp"

    /// Renders `entries`; the query's `pretty` and time zone play no part, and `now` only reaches
    /// error rows through their own timestamp.
    public static func render(entries: [ExportEntry], query: ExportQuery = ExportQuery(), now: Int64 = 0) -> String {
        var csv = header + "\n"
        for record in entries.map(ExportRecord.init) {
            csv += row(record).joined(separator: ",") + "\n"
        }
        return csv
    }

    /// AIMeter's `escapeCsv`: always wrapped in double quotes, inner quotes doubled.
    public static func quote(_ value: String) -> String {
        "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    private static func row(_ record: ExportRecord) -> [String] {
        switch record {
        case .error(let error):
            // The name column of an error row is empty and unquoted.
            return [
                quote(error.id), quote(error.provider.rawValue), "", quote("error"), "", "", "", "", "", "",
                quote(error.code), quote(error.message), "\(error.timestamp)",
            ]
        case .usage(let usage):
            let primary = usage.progress.first.map { JSNumber.format(JSNumber.round($0.usedPercent)) } ?? ""
            let costFields = usage.cost.map { cost in
                [cost.used, cost.limit, cost.remaining].map { JSNumber.toFixed($0, digits: 2) }
            } ?? ["", "", ""]
            return [quote(usage.id), quote(usage.provider.rawValue), quote(usage.name ?? ""), quote("ok"), primary, quote(summary(usage.progress))]
                + costFields + ["\(usage.updatedAt)", "", "", ""]
        }
    }

    /// `progressSummary`: the first three items as `name:N%`, or `-`.
    private static func summary(_ progress: [ExportRecord.Item]) -> String {
        guard !progress.isEmpty else { return "-" }
        return progress.prefix(3).map { "\($0.name):\(JSNumber.format(JSNumber.round($0.usedPercent)))%" }.joined(separator: "; ")
    }
}
